"""Read-only queries over reference data."""

import datetime as dt

from django.db.models import Q, QuerySet

from smeforum.reference.models import Mechanism, Membership


def memberships_on(mechanism: Mechanism, day: dt.date) -> QuerySet[Membership]:
    """Memberships of ``mechanism`` in force on ``day`` (joined on or before, not yet left)."""
    return mechanism.memberships.filter(joined_on__lte=day).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=day)
    )


def members_on(mechanism: Mechanism, day: dt.date) -> list[str]:
    """ISO codes of the member countries on ``day``, sorted."""
    return sorted(set(memberships_on(mechanism, day).values_list("country", flat=True)))


def is_member_on(mechanism: Mechanism, country: str, day: dt.date) -> bool:
    return memberships_on(mechanism, day).filter(country=country).exists()


def country_memberships(country: str) -> QuerySet[Membership]:
    """A country's membership periods in every mechanism."""
    return (
        Membership.objects.filter(country=country)
        .select_related("mechanism", "source")
        .order_by("mechanism__name_en", "joined_on")
    )
