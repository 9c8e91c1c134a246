"""Read-only lists of matchmaking data, with what their pages show already joined."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from smeforum.matchmaking.models import Opportunity, Profile, ProfileEdition


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
