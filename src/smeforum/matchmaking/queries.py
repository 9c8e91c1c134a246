"""Read-only lists of matchmaking data, with what their pages show already joined."""

from __future__ import annotations

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connections
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Greatest

from smeforum.matchmaking.models import MeetingRequest, Opportunity, Profile, ProfileEdition
from smeforum.scheduling.models import Attendee


def opportunities() -> QuerySet[Opportunity]:
    """Opportunities with their profile's organisation, series, edition and sectors."""
    return Opportunity.objects.select_related(
        "profile__organisation", "series", "edition__series"
    ).prefetch_related("sectors")


#: Which evergreen opportunities (no edition) belong to an edition's list: those of its
#: series (``series``), or those of the profiles confirmed for it (``confirmed``: the public
#: marketplace).
SCOPES = ("series", "confirmed")


def published_opportunities(
    edition=None, *, scope: str = "series", today=None
) -> QuerySet[Opportunity]:
    """Published opportunities. With ``edition``: those of that edition and the evergreen ones
    in ``scope`` (see :data:`SCOPES`). With ``today``: none expired before it."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}, not {scope!r}")
    rows = opportunities().filter(status=Opportunity.Status.PUBLISHED)
    if edition is not None:
        if scope == "series":
            evergreen = Q(edition__isnull=True, series_id=edition.series_id)
        else:
            confirmed = Profile.objects.filter(editions__edition=edition).values("pk")
            evergreen = Q(edition__isnull=True, profile__in=confirmed)
        rows = rows.filter(Q(edition=edition) | evergreen)
    if today is not None:
        rows = rows.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
    return rows


def opportunities_to_moderate(editions) -> QuerySet[Opportunity]:
    """Submitted opportunities of ``editions`` (a queryset of editions), evergreen ones of their
    series and of profiles confirmed for them included."""
    return (
        opportunities()
        .filter(status=Opportunity.Status.SUBMITTED)
        .filter(
            Q(edition__in=editions)
            | Q(edition__isnull=True, series__editions__in=editions)
            | Q(edition__isnull=True, profile__editions__edition__in=editions)
        )
        .distinct()
    )


def profiles_of_edition(edition) -> QuerySet[Profile]:
    """The profiles confirmed for ``edition`` with their organisation, sectors and attendees."""
    return (
        Profile.objects.filter(editions__edition=edition)
        .select_related("organisation")
        .prefetch_related(
            "sectors",
            Prefetch(
                "editions",
                queryset=ProfileEdition.objects.filter(edition=edition).prefetch_related(
                    "attendees__person"
                ),
                to_attr="this_edition",
            ),
        )
    )


def profile_of_organisation(organisation) -> Profile | None:
    return (
        Profile.objects.filter(organisation=organisation)
        .prefetch_related("sectors", "opportunities")
        .first()
    )


def marketplace_opportunities(edition, *, today) -> QuerySet[Opportunity]:
    """The public marketplace of ``edition``: its published opportunities and the published
    evergreen ones of profiles confirmed for it, none expired before ``today``."""
    return published_opportunities(edition, scope="confirmed", today=today)


#: How alike (pg_trgm's word similarity, 0..1) a search text must be to a word sequence of a
#: title, summary or keywords to match on PostgreSQL. pg_trgm's own default (0.6) misses one
#: dropped letter in a word of eight ("hydralic": 0.58).
WORD_SIMILARITY = 0.5


def _contains(q: str) -> Q:
    return (
        Q(title__icontains=q)
        | Q(summary__icontains=q)
        | Q(keywords__icontains=q)
        | Q(profile__organisation__name__icontains=q)
        | Q(profile__organisation__name_en__icontains=q)
    )


def search_opportunities(
    rows: QuerySet[Opportunity], *, q: str = "", kind: str = "", sector: str = "", country: str = ""
) -> QuerySet[Opportunity]:
    """``rows`` narrowed by a text, a kind, a NACE code prefix and the organisation's country
    (ISO2).

    The text matches as a substring (``icontains``) of the title, summary, keywords or the
    organisation's name: portable, and right for Chinese, which has no spaces between words.
    On PostgreSQL it also matches by trigram word similarity (pg_trgm, see migration 0003)
    in the title, summary and keywords, so a typo ("hydralic") or another word form ("valves"
    for "valve") still finds the opportunity."""
    if q:
        match = _contains(q)
        if connections[rows.db].vendor == "postgresql":
            rows = rows.alias(
                likeness=Greatest(
                    *(TrigramWordSimilarity(q, field) for field in ("title", "summary", "keywords"))
                )
            )
            match |= Q(likeness__gte=WORD_SIMILARITY)
        rows = rows.filter(match)
    if kind:
        rows = rows.filter(kind=kind)
    if sector:
        rows = rows.filter(sectors__code__startswith=sector).distinct()
    if country:
        rows = rows.filter(profile__organisation__country=country)
    return rows


def meeting_requests() -> QuerySet[MeetingRequest]:
    """Meeting requests with both sides' organisations, the edition and the meeting's place."""
    return MeetingRequest.objects.select_related(
        "edition__series",
        "sender__profile__organisation",
        "receiver__profile__organisation",
        "meeting__slot",
        "meeting__table",
    )


def requests_of_organisation(organisation_id: int) -> QuerySet[MeetingRequest]:
    """The requests an organisation sent or received, at every edition, newest first."""
    return meeting_requests().filter(
        Q(sender__profile__organisation_id=organisation_id)
        | Q(receiver__profile__organisation_id=organisation_id)
    )


def seats_of(person) -> QuerySet[Attendee]:
    """The B2B seats ``person`` sits in, newest session first: their own attendances, and the
    seat of their organisation's team when a colleague's registration holds it (accepted
    requests give an organisation one seat, its first attending registration)."""
    team = Attendee.objects.filter(
        Q(registration__person=person)
        | Q(registration__matchmaking_profiles__attendees__person=person)
    ).values("pk")
    return (
        Attendee.objects.filter(pk__in=team)
        .select_related("b2b__session__edition__series", "registration__person")
        .order_by("-b2b__session__day", "-b2b__session__starts_at", "pk")
    )
