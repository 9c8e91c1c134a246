"""Read-only queries for series, editions, programme and reported figures."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.db.models import F, Prefetch, Q, QuerySet

from smeforum.forums.models import (
    Edition,
    EditionCountry,
    EditionOrganiser,
    ForumSeries,
    ReportedFigure,
    Session,
    SessionRole,
)


def all_series() -> QuerySet[ForumSeries]:
    return ForumSeries.objects.select_related("host_city").order_by("name_en")


def published_editions(series: ForumSeries | None = None) -> QuerySet[Edition]:
    """Published editions with what a list shows, in series then number order."""
    qs = (
        Edition.objects.filter(is_published=True)
        .select_related("series", "host_city")
        .prefetch_related("themes")
        .order_by("series__name_en", "-number")
    )
    return qs.filter(series=series) if series is not None else qs


def edition_for_page(edition: Edition) -> Edition:
    """The edition with its organisers, countries and themes loaded."""
    return (
        Edition.objects.select_related("series", "host_city", "series__mechanism")
        .prefetch_related(
            "themes__source",
            Prefetch(
                "organisers",
                queryset=EditionOrganiser.objects.select_related("organisation", "source"),
            ),
            Prefetch("countries", queryset=EditionCountry.objects.order_by("role", "country")),
        )
        .get(pk=edition.pk)
    )


@dataclass(frozen=True)
class ProgrammeDay:
    day: object
    sessions: list[Session]


def programme(edition: Edition) -> list[ProgrammeDay]:
    """The edition's sessions grouped by day, with topics and speakers loaded."""
    sessions = (
        edition.sessions.select_related("source")
        .prefetch_related(
            "topics",
            Prefetch("roles", queryset=SessionRole.objects.select_related("person__organisation")),
        )
        .order_by("day", "starts_at", "id")
    )
    return [
        ProgrammeDay(day=day, sessions=list(group))
        for day, group in itertools.groupby(sessions, key=lambda s: s.day)
    ]


def session_for_page(edition: Edition, pk: int) -> Session:
    return (
        Session.objects.select_related("edition__series", "source")
        .prefetch_related(
            "topics",
            Prefetch("roles", queryset=SessionRole.objects.select_related("person__organisation")),
            Prefetch(
                "reported_figures",
                queryset=ReportedFigure.objects.select_related(
                    "source", "first_edition", "last_edition", "outcome_kind"
                ),
            ),
        )
        .get(edition=edition, pk=pk)
    )


def _figures() -> QuerySet[ReportedFigure]:
    return ReportedFigure.objects.select_related(
        "source", "first_edition", "last_edition", "session", "outcome_kind"
    )


def edition_figures(edition: Edition) -> list[ReportedFigure]:
    """Figures whose scope is exactly this edition (or one of its sessions)."""
    return list(_figures().filter(first_edition=edition, last_edition=edition))


def covering_figures(edition: Edition) -> list[ReportedFigure]:
    """Figures about a range of editions that includes this one (cumulative totals)."""
    return list(
        _figures()
        .filter(series=edition.series_id, first_edition__number__lte=edition.number)
        .filter(last_edition__number__gte=edition.number)
        .exclude(first_edition=edition, last_edition=edition)
    )


def series_figures(series: ForumSeries) -> list[ReportedFigure]:
    """Figures about several editions or the whole series."""
    return list(
        _figures()
        .filter(series=series)
        .filter(Q(first_edition__isnull=True) | ~Q(first_edition=F("last_edition")))
    )


def country_roles(country: str) -> QuerySet[EditionCountry]:
    """A country's roles across published editions, newest first."""
    return (
        EditionCountry.objects.filter(country=country, edition__is_published=True)
        .select_related("edition__series", "source")
        .order_by("edition__series__name_en", "-edition__number")
    )


def countries_with_roles() -> list[tuple[str, int]]:
    """Every country with a role in a published edition, with how many editions."""
    rows = (
        EditionCountry.objects.filter(edition__is_published=True)
        .values_list("country", flat=True)
        .order_by("country")
    )
    return [(code, len(list(group))) for code, group in itertools.groupby(rows)]
