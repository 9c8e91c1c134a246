"""Read-only lists of matchmaking data, with what their pages show already joined."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from smeforum.matchmaking.models import MeetingRequest, Opportunity, Profile, ProfileEdition
from smeforum.scheduling.models import Attendee


def opportunities() -> QuerySet[Opportunity]:
    """Opportunities with their profile's organisation, series, edition and sectors."""
    return Opportunity.objects.select_related(
        "profile__organisation", "series", "edition__series"
    ).prefetch_related("sectors")


def published_opportunities(edition=None) -> QuerySet[Opportunity]:
    """Published opportunities; with ``edition``: those of that edition and the evergreen ones
    of its series."""
    rows = opportunities().filter(status=Opportunity.Status.PUBLISHED)
    if edition is not None:
        rows = rows.filter(
            Q(edition=edition) | Q(edition__isnull=True, series_id=edition.series_id)
        )
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
    """The public marketplace of ``edition``: its published opportunities not expired before
    ``today``, and the published evergreen ones (no edition) of profiles confirmed for it, not
    expired either."""
    return (
        published_opportunities()
        .filter(Q(edition=edition) | Q(edition__isnull=True, profile__editions__edition=edition))
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .distinct()
    )


def search_opportunities(
    rows: QuerySet[Opportunity], *, q: str = "", kind: str = "", sector: str = "", country: str = ""
) -> QuerySet[Opportunity]:
    """``rows`` narrowed by a text (``icontains`` in title, summary, keywords and the
    organisation's name: portable, and it works for Chinese; PostgreSQL full-text search is a
    follow-up), a kind, a NACE code prefix and the organisation's country (ISO2)."""
    if q:
        rows = rows.filter(
            Q(title__icontains=q)
            | Q(summary__icontains=q)
            | Q(keywords__icontains=q)
            | Q(profile__organisation__name__icontains=q)
            | Q(profile__organisation__name_en__icontains=q)
        )
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
