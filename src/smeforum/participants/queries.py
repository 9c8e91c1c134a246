"""Read-only queries over registrations and delegations."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from smeforum.forums.models import Edition
from smeforum.participants.models import Delegation, Registration
from smeforum.reference.countries import country_name


@dataclass(frozen=True)
class CountRow:
    key: str
    label: str
    count: int


def active_registrations(edition: Edition) -> QuerySet[Registration]:
    """Registrations that count as participants (all but cancelled)."""
    return edition.registrations.exclude(status=Registration.Status.CANCELLED)


def counts_by_category(edition: Edition) -> list[CountRow]:
    labels = dict(Registration.Category.choices)
    rows = (
        active_registrations(edition)
        .values("category")
        .annotate(n=Count("id"))
        .order_by("-n", "category")
    )
    return [
        CountRow(r["category"], str(labels.get(r["category"], r["category"])), r["n"]) for r in rows
    ]


def counts_by_country(edition: Edition) -> list[CountRow]:
    """Participants by the country of their organisation (people without one are not counted)."""
    rows = (
        active_registrations(edition)
        .filter(person__organisation__isnull=False)
        .values("person__organisation__country")
        .annotate(n=Count("id"))
        .order_by("-n", "person__organisation__country")
    )
    return [
        CountRow(
            r["person__organisation__country"],
            country_name(r["person__organisation__country"]),
            r["n"],
        )
        for r in rows
    ]


def sample_share(edition: Edition) -> tuple[int, int]:
    """(sample registrations, all active registrations) for labelling demo counts."""
    qs = active_registrations(edition)
    return qs.filter(is_sample=True).count(), qs.count()


def delegations_for_page(edition: Edition) -> QuerySet[Delegation]:
    return (
        edition.delegations.select_related("city", "organisation", "head")
        .annotate(
            member_count=Count("members", filter=~Q(members__status=Registration.Status.CANCELLED))
        )
        .order_by("country", "name_en")
    )
