"""Public outcome registry: outcomes of published editions (and those between editions);
organisers with the outcomes permission record outcomes and change their status."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from smeforum.accounts import queries as account_queries
from smeforum.api.auth import API_AUTH
from smeforum.api.common import (
    PUBLIC_ERRORS,
    VERSION_HELP,
    WRITE_ERRORS,
    BodyIn,
    Pages,
    unchanged_since,
)
from smeforum.api.errors import NotFound
from smeforum.audit.domain import fingerprint
from smeforum.forums.models import ForumSeries
from smeforum.outcomes import queries
from smeforum.outcomes.domain.outcomes import change_outcome_status, record_outcome
from smeforum.outcomes.models import Outcome, OutcomeParty
from smeforum.reference.models import OutcomeKind
from smeforum.scheduling.models import Meeting

router = Router(tags=["outcomes"])


class AmountOut(Schema):
    amount: Decimal
    currency: str
    kind: str


class PartyOut(Schema):
    name: str
    organisation_id: int | None
    city_id: int | None
    country: str
    role: str


class OutcomeOut(Schema):
    id: int
    series: str
    edition: int | None
    session: int | None
    kind: str
    title: str
    title_en: str
    signed_on: dt.date | None
    status: str
    fields: list[str]
    amounts: list[AmountOut]
    parties: list[PartyOut]
    meetings: list[int] = Field(
        description="Ids of the B2B meetings the outcome came from (the report's trace)."
    )
    is_sample: bool
    version: str

    @staticmethod
    def resolve_version(obj) -> str:
        return fingerprint(obj)

    @staticmethod
    def resolve_series(obj) -> str:
        return obj.series.slug

    @staticmethod
    def resolve_edition(obj) -> int | None:
        return obj.edition.number if obj.edition_id else None

    @staticmethod
    def resolve_session(obj) -> int | None:
        return obj.session_id

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.kind.slug

    @staticmethod
    def resolve_fields(obj) -> list[str]:
        return sorted(f.slug for f in obj.fields.all())

    @staticmethod
    def resolve_meetings(obj) -> list[int]:
        return sorted(m.pk for m in obj.meetings.all())

    @staticmethod
    def resolve_amounts(obj) -> list[AmountOut]:
        return [
            AmountOut(amount=a.amount, currency=a.currency, kind=a.amount_kind)
            for a in sorted(obj.amounts.all(), key=lambda a: a.id)
        ]

    @staticmethod
    def resolve_parties(obj) -> list[PartyOut]:
        return [
            PartyOut(
                name=p.label,
                organisation_id=p.organisation_id,
                city_id=p.city_id,
                country=p.country,
                role=p.role,
            )
            for p in sorted(obj.parties.all(), key=lambda p: p.id)
        ]


def _outcomes(visible=None):
    public = Outcome.objects.filter(Q(edition__isnull=True) | Q(edition__is_published=True))
    return (
        (public if visible is None else visible)
        .select_related("series", "edition", "kind")
        .prefetch_related(
            "fields",
            "amounts",
            Prefetch("meetings", queryset=Meeting.objects.only("id")),
            Prefetch(
                "parties", queryset=OutcomeParty.objects.select_related("organisation", "city")
            ),
        )
    )


@router.get("/series/{slug}/outcomes", response={200: list[OutcomeOut], **PUBLIC_ERRORS})
@paginate(Pages)
def list_outcomes(
    request,
    slug: str,
    edition: int | None = None,
    kind: str | None = None,
    status: str | None = None,
    field: str | None = None,
    country: str | None = None,
    ordering: Literal["signed_on", "-signed_on"] = "signed_on",
):
    """Outcomes of a series: filters ``edition`` (number), ``kind`` (slug), ``status``,
    ``field`` (slug of a field of cooperation), ``country`` (of a party). Amounts as entered."""
    series = ForumSeries.objects.filter(slug=slug).first()
    if series is None:
        raise Http404
    outcomes = _outcomes().filter(series=series)
    if edition is not None:
        outcomes = outcomes.filter(edition__number=edition)
    if kind:
        outcomes = outcomes.filter(kind__slug=kind)
    if status:
        outcomes = outcomes.filter(status=status)
    if field:
        outcomes = outcomes.filter(fields__slug=field)
    if country:
        outcomes = outcomes.filter(parties__country=country.upper())
    outcomes = outcomes.distinct()
    if ordering == "-signed_on":
        return outcomes.order_by(F("signed_on").desc(nulls_last=True), "-id")
    return outcomes.order_by(F("signed_on").asc(nulls_last=True), "id")


@router.get("/outcomes/{outcome_id}", response={200: OutcomeOut, **PUBLIC_ERRORS})
def get_outcome(request, outcome_id: int):
    outcome = _outcomes().filter(pk=outcome_id).first()
    if outcome is None:
        raise Http404
    return outcome


# --- recording outcomes ----------------------------------------------------------------------

OutcomeStatus = Literal[tuple(Outcome.Status.values)]  # type: ignore[valid-type]


class OutcomeIn(BodyIn):
    kind: str = Field(..., description="The slug of an outcome kind.")
    title: str = Field(..., description="The title in its original language.")
    title_en: str = ""
    edition: int | None = Field(None, description="Its edition's number; null: between editions.")
    session: int | None = Field(None, description="The id of the session it was signed at.")
    signed_on: dt.date | None = None
    status: OutcomeStatus = Outcome.Status.SIGNED
    external_id: str = ""
    note: str = ""


class OutcomeStatusIn(BodyIn):
    status: OutcomeStatus
    on: dt.date | None = Field(None, description="The day of the change (default: today).")
    note: str = Field("", max_length=300)
    version: str | None = Field(None, description=VERSION_HELP)


@router.post("/series/{slug}/outcomes", response={201: OutcomeOut, **WRITE_ERRORS}, auth=API_AUTH)
def create_outcome(request, slug: str, payload: OutcomeIn):
    """Record an outcome with the first entry of its status history (organisers with the
    outcomes permission for its edition; a series-wide role for one between editions)."""
    user = request.auth
    series = get_object_or_404(ForumSeries, slug=slug)
    edition = None
    if payload.edition is not None:
        edition = (
            account_queries.editions_visible_to(user)
            .filter(series=series, number=payload.edition)
            .first()
        )
        if edition is None:
            raise NotFound("edition")
    if not user.has_perm("outcomes.add_outcome", edition or series):
        raise PermissionDenied(_("You may not record outcomes here."))
    kind = OutcomeKind.objects.filter(slug=payload.kind).first()
    if kind is None:
        raise NotFound("kind")
    session = None
    if payload.session is not None:
        session = account_queries.sessions_visible_to(user).filter(pk=payload.session).first()
        if session is None:
            raise NotFound("session")
    outcome = record_outcome(
        series,
        kind=kind,
        title=payload.title,
        title_en=payload.title_en,
        edition=edition,
        session=session,
        signed_on=payload.signed_on,
        status=payload.status,
        external_id=payload.external_id,
        note=payload.note,
        actor=user,
    )
    return Status(201, _outcomes(Outcome.objects.all()).get(pk=outcome.pk))


@router.patch("/outcomes/{outcome_id}", response={200: OutcomeOut, **WRITE_ERRORS}, auth=API_AUTH)
def change_status(request, outcome_id: int, payload: OutcomeStatusIn):
    """Move an outcome to a new status on a day, keeping the dated history."""
    user = request.auth
    outcome = get_object_or_404(
        queries.outcomes_visible_to(user).select_related("series", "edition"), pk=outcome_id
    )
    if not user.has_perm("outcomes.change_outcome", outcome):
        raise PermissionDenied(_("You may not change this outcome."))
    with unchanged_since(request, outcome, payload.version):
        change_outcome_status(
            outcome,
            status=payload.status,
            on=payload.on or timezone.localdate(),
            note=payload.note,
            actor=user,
        )
    return _outcomes(Outcome.objects.all()).get(pk=outcome.pk)
