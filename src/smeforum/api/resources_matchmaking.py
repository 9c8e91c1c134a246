"""Matchmaking: the caller's organisation's profile and opportunities, an edition's public
marketplace (the organisers' overview of the requests is in ``resources_requests``).

- ``/me/matchmaking/profile``, ``/me/opportunities``: the organisation of the caller's person
  (its people edit them, ``matchmaking.edit_own_profile``/``edit_own_opportunity``); a caller
  linked to no person, or to a person of no organisation, gets 404. Another organisation's
  opportunity is 404, as one that does not exist.
- ``/editions/{series}/{number}/opportunities``: public, published editions only; the
  marketplace's published, unexpired opportunities, filtered and paginated.

``version`` is the record's token as last read (a stale one is refused with 409; ``If-Match``
may carry it instead). Labels (kinds, statuses, partnerships) come in the request's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from smeforum.accounts import queries as account_queries
from smeforum.api.auth import API_AUTH
from smeforum.api.common import (
    AUTH_ERRORS,
    PUBLIC_ERRORS,
    VERSION_HELP,
    WRITE_ERRORS,
    BodyIn,
    Pages,
    requested_version,
    unchanged_since,
)
from smeforum.api.errors import NotFound
from smeforum.audit.domain import fingerprint
from smeforum.forums.models import Edition, ForumSeries
from smeforum.matchmaking import queries
from smeforum.matchmaking.domain import (
    save_opportunity,
    save_profile,
    submit_opportunity,
    withdraw_opportunity,
)
from smeforum.matchmaking.models import Opportunity, Profile, ProfileEdition
from smeforum.matchmaking.recommendations import PARTNERSHIP_LABELS
from smeforum.orgs.models import Organisation
from smeforum.reference.countries import country_name
from smeforum.reference.models import Sector

router = Router(tags=["matchmaking"])

Kind = Literal[tuple(Opportunity.Kind.values)]  # type: ignore[valid-type]
SizeClass = Literal[("", *Profile.SizeClass.values)]  # type: ignore[valid-type]


# --- the caller's organisation -------------------------------------------------------------------


def my_organisation(user) -> Organisation:
    """The organisation of the person ``user``'s login is linked to; 404 without one."""
    account = getattr(user, "person_account", None)
    if account is None:
        raise HttpError(404, _("No person is linked to this account."))
    organisation = account.person.organisation
    if organisation is None:
        raise HttpError(404, _("Your person belongs to no organisation."))
    return organisation


def my_profile(organisation: Organisation) -> Profile:
    profile = Profile.objects.filter(organisation=organisation).first()
    if profile is None:
        raise HttpError(404, _("Your organisation has no matchmaking profile yet."))
    return profile


def organised_edition(user, series: str, number: int) -> Edition:
    """The edition ``series``/``number`` where ``user`` holds ``matchmaking`` (platform admins:
    any); 404 otherwise, as if it did not exist."""
    edition = (
        account_queries.editions_with_permission(user, "matchmaking")
        .filter(series__slug=series, number=number)
        .select_related("series")
        .first()
    )
    if edition is None:
        raise Http404
    return edition


def require(user, permission: str, obj, message: str) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied(message)


def refusal(field: str, message: str, code: str) -> ValidationError:
    """A refusal naming ``field``, with its ``code`` (which a dict of messages would drop)."""
    return ValidationError({field: ValidationError(message, code=code)})


def sectors_of(codes: list[str], field: str = "sectors") -> list[Sector]:
    """The NACE sectors of ``codes``; an unknown code is refused naming ``field``."""
    codes = sorted({code.strip().upper() for code in codes if code.strip()})
    found = list(Sector.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {s.code for s in found})
    if unknown:
        message = _("Unknown NACE code: %(codes)s.") % {"codes": ", ".join(unknown)}
        raise refusal(field, message, "invalid")
    return found


def _codes(sectors) -> list[str]:
    return sorted(s.code for s in sectors)


# --- the profile ---------------------------------------------------------------------------------


class ConfirmationOut(Schema):
    """An edition the profile is confirmed for."""

    profile_edition_id: int
    edition_id: int
    series: str
    edition: int
    confirmed_at: dt.datetime


class ProfileOut(Schema):
    organisation_id: int
    organisation: str
    country: str
    description_original: str
    description_language: str
    description_en: str
    sectors: list[str] = Field(..., description="NACE codes (sections and divisions).")
    size_class: str
    countries_of_interest: list[str]
    languages: list[str]
    updated_at: dt.datetime
    editions: list[ConfirmationOut]
    version: str


class ProfileIn(BodyIn):
    """The whole profile (what is left out is emptied)."""

    description_original: str = ""
    description_language: str = Field("", description="ISO 639-1 code of the description.")
    description_en: str = ""
    sectors: list[str] = Field(default_factory=list, description="NACE codes (C, 27, ...).")
    size_class: SizeClass = ""
    countries_of_interest: list[str] = Field(
        default_factory=list, description="ISO 3166-1 alpha-2 codes."
    )
    languages: list[str] = Field(default_factory=list, description="ISO 639-1 codes.")
    version: str | None = Field(None, description=VERSION_HELP)


def _profile_out(profile: Profile) -> ProfileOut:
    profile = (
        Profile.objects.select_related("organisation")
        .prefetch_related("sectors")
        .get(pk=profile.pk)
    )
    confirmations = (
        ProfileEdition.objects.filter(profile=profile)
        .select_related("edition__series")
        .order_by("-edition__start_date", "edition_id")
    )
    return ProfileOut(
        organisation_id=profile.organisation_id,
        organisation=profile.organisation.display_name,
        country=str(profile.organisation.country),
        description_original=profile.description_original,
        description_language=profile.description_language,
        description_en=profile.description_en,
        sectors=_codes(profile.sectors.all()),
        size_class=profile.size_class,
        countries_of_interest=profile.countries_of_interest,
        languages=profile.languages,
        updated_at=profile.updated_at,
        editions=[
            ConfirmationOut(
                profile_edition_id=c.pk,
                edition_id=c.edition_id,
                series=c.edition.series.slug,
                edition=c.edition.number,
                confirmed_at=c.confirmed_at,
            )
            for c in confirmations
        ],
        version=fingerprint(profile),
    )


@router.get("/me/matchmaking/profile", response={200: ProfileOut, **AUTH_ERRORS}, auth=API_AUTH)
def get_my_profile(request):
    """The matchmaking profile of the caller's organisation, with the editions it is
    confirmed for and its ``version``. 404 when it has none yet (``PUT`` makes it)."""
    return _profile_out(my_profile(my_organisation(request.auth)))


@router.put("/me/matchmaking/profile", response={200: ProfileOut, **WRITE_ERRORS}, auth=API_AUTH)
def put_my_profile(request, payload: ProfileIn):
    """Write the profile of the caller's organisation (made on the first ``PUT``). Send the
    ``version`` last read: a profile changed since is refused with 409."""
    user = request.auth
    organisation = my_organisation(user)
    profile = Profile.objects.filter(organisation=organisation).first() or Profile(
        organisation=organisation
    )
    require(
        user,
        "matchmaking.edit_own_profile",
        profile,
        _("You may not change this matchmaking profile."),
    )
    sectors = sectors_of(payload.sectors)
    for name in ("description_original", "description_language", "description_en"):
        setattr(profile, name, getattr(payload, name))
    profile.size_class = payload.size_class
    profile.countries_of_interest = [c.upper() for c in payload.countries_of_interest]
    profile.languages = [code.lower() for code in payload.languages]
    save_profile(
        profile,
        sectors=sectors,
        actor=user,
        token=requested_version(request, payload.version),
    )
    return _profile_out(profile)


# --- the organisation's opportunities ------------------------------------------------------------


class OpportunityOut(Schema):
    id: int
    status: str
    status_label: str
    kind: str
    kind_label: str
    title: str
    summary: str
    language: str
    series: str
    edition_id: int | None = Field(..., description="Null: evergreen, for the whole series.")
    edition: int | None
    sectors: list[str]
    keywords: str
    partnerships: list[str]
    target_countries: list[str]
    technology_readiness: int | None
    expires_on: dt.date | None
    moderation_note: str
    created_at: dt.datetime
    updated_at: dt.datetime
    version: str

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_series(obj) -> str:
        return obj.series.slug

    @staticmethod
    def resolve_edition(obj) -> int | None:
        return obj.edition.number if obj.edition_id else None

    @staticmethod
    def resolve_sectors(obj) -> list[str]:
        return _codes(obj.sectors.all())

    @staticmethod
    def resolve_version(obj) -> str:
        return fingerprint(obj)


class OpportunityIn(BodyIn):
    """The whole opportunity's content (what is left out is emptied). Its status moves only
    by ``submit`` and ``withdraw``; changing a published one sends it back to the organisers."""

    kind: Kind
    title: str
    summary: str = ""
    language: str = Field(..., description="ISO 639-1 code of the title and summary.")
    edition_id: int | None = Field(
        None, description="A published edition, or one the profile is confirmed for."
    )
    series: str | None = Field(None, description="For an evergreen one (no edition): its series.")
    sectors: list[str] = Field(default_factory=list, description="NACE codes.")
    keywords: str = ""
    partnerships: list[str] = Field(default_factory=list)
    target_countries: list[str] = Field(default_factory=list)
    technology_readiness: int | None = Field(None, ge=1, le=9)
    expires_on: dt.date | None = None
    version: str | None = Field(None, description=VERSION_HELP)


class VersionIn(BodyIn):
    version: str | None = Field(None, description=VERSION_HELP)


def _my_opportunities(organisation: Organisation):
    return queries.opportunities().filter(profile__organisation=organisation)


def _my_opportunity(user, opportunity_id: int) -> Opportunity:
    opportunity = _my_opportunities(my_organisation(user)).filter(pk=opportunity_id).first()
    if opportunity is None:
        raise Http404
    require(
        user,
        "matchmaking.edit_own_opportunity",
        opportunity,
        _("You may not change this opportunity."),
    )
    return opportunity


def _opportunity_out(pk: int) -> Opportunity:
    return queries.opportunities().get(pk=pk)


def _place(opportunity: Opportunity, payload: OpportunityIn) -> None:
    """Set the edition (and series) the opportunity is for."""
    if payload.edition_id is not None:
        profile_id = opportunity.profile_id
        edition = (
            Edition.objects.filter(pk=payload.edition_id)
            .filter(Q(is_published=True) | Q(matchmaking_profiles__profile_id=profile_id))
            .select_related("series")
            .first()
        )
        if edition is None:
            raise NotFound("edition_id")
        opportunity.edition, opportunity.series = edition, edition.series
        return
    if not payload.series:
        raise refusal("series", _("Name the series of an opportunity for no edition."), "required")
    series = ForumSeries.objects.filter(slug=payload.series).first()
    if series is None:
        raise NotFound("series")
    opportunity.edition, opportunity.series = None, series


def _write_opportunity(request, opportunity: Opportunity, payload: OpportunityIn) -> None:
    _place(opportunity, payload)
    sectors = sectors_of(payload.sectors)
    for name in ("kind", "title", "summary", "keywords", "technology_readiness", "expires_on"):
        setattr(opportunity, name, getattr(payload, name))
    opportunity.language = payload.language.lower()
    opportunity.partnerships = list(payload.partnerships)
    opportunity.target_countries = [c.upper() for c in payload.target_countries]
    save_opportunity(
        opportunity,
        sectors=sectors,
        by_owner=True,
        actor=request.auth,
        token=requested_version(request, payload.version),
    )


@router.get("/me/opportunities", response={200: list[OpportunityOut], **AUTH_ERRORS}, auth=API_AUTH)
def list_my_opportunities(request, status: str | None = None):
    """The opportunities of the caller's organisation, whatever their status (``status``
    filters), most recently changed first, with the organisers' notes."""
    rows = _my_opportunities(my_organisation(request.auth))
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-updated_at", "-id")


@router.post("/me/opportunities", response={201: OpportunityOut, **WRITE_ERRORS}, auth=API_AUTH)
def create_my_opportunity(request, payload: OpportunityIn):
    """A new opportunity of the caller's organisation, as a draft (``submit`` sends it to the
    organisers). The organisation needs a matchmaking profile first."""
    user = request.auth
    profile = my_profile(my_organisation(user))
    opportunity = Opportunity(profile=profile)
    require(
        user,
        "matchmaking.edit_own_opportunity",
        opportunity,
        _("You may not add opportunities to this profile."),
    )
    _write_opportunity(request, opportunity, payload)
    return Status(201, _opportunity_out(opportunity.pk))


@router.get(
    "/me/opportunities/{opportunity_id}",
    response={200: OpportunityOut, **AUTH_ERRORS},
    auth=API_AUTH,
)
def get_my_opportunity(request, opportunity_id: int):
    """One opportunity of the caller's organisation (another's answers 404)."""
    return _my_opportunity(request.auth, opportunity_id)


@router.put(
    "/me/opportunities/{opportunity_id}",
    response={200: OpportunityOut, **WRITE_ERRORS},
    auth=API_AUTH,
)
def put_my_opportunity(request, opportunity_id: int, payload: OpportunityIn):
    """Rewrite an opportunity of the caller's organisation. A published one goes back to
    ``submitted`` for the organisers to see again. A stale ``version`` is refused with 409."""
    opportunity = _my_opportunity(request.auth, opportunity_id)
    _write_opportunity(request, opportunity, payload)
    return _opportunity_out(opportunity.pk)


def _move(request, opportunity_id: int, payload: VersionIn | None, move) -> Opportunity:
    opportunity = _my_opportunity(request.auth, opportunity_id)
    with unchanged_since(request, opportunity, payload.version if payload else None):
        move(opportunity, actor=request.auth)
    return _opportunity_out(opportunity.pk)


@router.post(
    "/me/opportunities/{opportunity_id}/submit",
    response={200: OpportunityOut, **WRITE_ERRORS},
    auth=API_AUTH,
)
def submit_my_opportunity(request, opportunity_id: int, payload: VersionIn | None = None):
    """Send a draft (or a rejected or withdrawn opportunity) to the organisers; 409 from any
    other status."""
    return _move(request, opportunity_id, payload, submit_opportunity)


@router.post(
    "/me/opportunities/{opportunity_id}/withdraw",
    response={200: OpportunityOut, **WRITE_ERRORS},
    auth=API_AUTH,
)
def withdraw_my_opportunity(request, opportunity_id: int, payload: VersionIn | None = None):
    """Take an opportunity back, whatever its status (it leaves the marketplace); 409 when it
    is withdrawn already."""
    return _move(request, opportunity_id, payload, withdraw_opportunity)


# --- the public marketplace ----------------------------------------------------------------------


class MarketOpportunityOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    summary: str
    language: str
    organisation_id: int
    organisation: str
    country: str = Field(..., description="The organisation's ISO 3166-1 alpha-2 code.")
    country_name: str
    edition: int | None = Field(..., description="Null: evergreen.")
    sectors: list[str]
    keywords: str
    partnerships: list[str]
    partnership_labels: list[str]
    target_countries: list[str]
    technology_readiness: int | None
    expires_on: dt.date | None
    is_sample: bool

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_organisation_id(obj) -> int:
        return obj.profile.organisation_id

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.profile.organisation.display_name

    @staticmethod
    def resolve_country(obj) -> str:
        return str(obj.profile.organisation.country)

    @staticmethod
    def resolve_country_name(obj) -> str:
        return country_name(str(obj.profile.organisation.country))

    @staticmethod
    def resolve_edition(obj) -> int | None:
        return obj.edition.number if obj.edition_id else None

    @staticmethod
    def resolve_sectors(obj) -> list[str]:
        return _codes(obj.sectors.all())

    @staticmethod
    def resolve_partnership_labels(obj) -> list[str]:
        return [str(PARTNERSHIP_LABELS.get(p, p)) for p in obj.partnerships]


@router.get(
    "/editions/{series}/{number}/opportunities",
    response={200: list[MarketOpportunityOut], **PUBLIC_ERRORS},
)
@paginate(Pages)
def list_marketplace(
    request,
    series: str,
    number: int,
    q: str = "",
    kind: str = "",
    sector: str = "",
    country: str = "",
):
    """The marketplace of a published edition: its published opportunities not expired
    (today in the edition's time zone) and the published evergreen ones of profiles confirmed
    for it, most recently changed first. ``q``: a text in the title, summary, keywords or the
    organisation's name; ``kind``; ``sector``: a NACE code prefix; ``country``: the
    organisation's ISO2 code."""
    edition = Edition.objects.filter(series__slug=series, number=number, is_published=True).first()
    if edition is None:
        raise Http404
    today = timezone.localdate(timezone=ZoneInfo(edition.time_zone))
    rows = queries.marketplace_opportunities(edition, today=today)
    return queries.search_opportunities(
        rows,
        q=q.strip()[:200],
        kind=kind.strip(),
        sector=sector.strip().upper()[:4],
        country=country.strip().upper()[:2],
    ).order_by("-updated_at", "-id")
