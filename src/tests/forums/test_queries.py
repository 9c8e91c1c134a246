import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest

from smeforum.forums.domain.editions import set_country_role
from smeforum.forums.domain.figures import record_reported_figure
from smeforum.forums.queries import (
    countries_with_roles,
    covering_figures,
    edition_figures,
    programme,
    published_editions,
    series_figures,
)
from tests.factories import EditionFactory, SeriesFactory, SessionFactory, SourceFactory

pytestmark = pytest.mark.unit

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_programme_groups_sessions_by_day_in_time_order(db):
    # Arrange
    edition = EditionFactory(start_date=dt.date(2024, 11, 7), end_date=dt.date(2024, 11, 8))
    afternoon = SessionFactory(
        edition=edition,
        day=dt.date(2024, 11, 7),
        starts_at=dt.datetime(2024, 11, 7, 14, 0, tzinfo=SHANGHAI),
    )
    morning = SessionFactory(
        edition=edition,
        day=dt.date(2024, 11, 7),
        starts_at=dt.datetime(2024, 11, 7, 9, 0, tzinfo=SHANGHAI),
    )
    visit = SessionFactory(edition=edition, day=dt.date(2024, 11, 8), kind="site_visit")
    SessionFactory(edition=EditionFactory(series=edition.series))

    # Act
    days = programme(edition)

    # Assert
    assert [(d.day, [s.pk for s in d.sessions]) for d in days] == [
        (dt.date(2024, 11, 7), [morning.pk, afternoon.pk]),
        (dt.date(2024, 11, 8), [visit.pk]),
    ]


def test_programme_of_edition_without_sessions_is_empty(db):
    # Act
    days = programme(EditionFactory())

    # Assert
    assert days == []


@pytest.fixture
def figures(db):
    """Editions 1–4 of a series with a figure about edition 2, editions 1–4 and the series."""
    series = SeriesFactory()
    editions = {n: EditionFactory(series=series, number=n) for n in range(1, 5)}
    source = SourceFactory()
    single = record_reported_figure(
        series,
        metric="participants",
        value=Decimal(400),
        source=source,
        first_edition=editions[2],
    )
    cumulative = record_reported_figure(
        series,
        metric="count",
        value=Decimal(500),
        source=source,
        first_edition=editions[1],
        last_edition=editions[4],
    )
    whole = record_reported_figure(series, metric="countries", value=Decimal(30), source=source)
    other_series = SeriesFactory()
    record_reported_figure(
        other_series,
        metric="participants",
        value=Decimal(99),
        source=source,
        first_edition=EditionFactory(series=other_series, number=2),
    )
    return {
        "series": series, "editions": editions,
        "single": single, "cumulative": cumulative, "whole": whole,
    }  # fmt: skip


def test_edition_figures_returns_only_the_single_edition_figure(figures):
    # Act
    result = edition_figures(figures["editions"][2])

    # Assert
    assert [f.pk for f in result] == [figures["single"].pk]


def test_edition_figures_of_edition_without_own_figures_is_empty(figures):
    # Act
    result = edition_figures(figures["editions"][3])

    # Assert
    assert result == []


def test_covering_figures_returns_the_range_that_includes_the_edition(figures):
    # Act
    result = covering_figures(figures["editions"][2])

    # Assert
    assert [f.pk for f in result] == [figures["cumulative"].pk]


def test_covering_figures_includes_the_range_at_its_last_edition(figures):
    # Act
    result = covering_figures(figures["editions"][4])

    # Assert
    assert [f.pk for f in result] == [figures["cumulative"].pk]


def test_covering_figures_excludes_a_range_not_reaching_the_edition(figures):
    # Arrange
    later = EditionFactory(series=figures["series"], number=5)

    # Act
    result = covering_figures(later)

    # Assert
    assert result == []


def test_series_figures_returns_range_and_whole_series_figures(figures):
    # Act
    result = series_figures(figures["series"])

    # Assert
    assert sorted(f.pk for f in result) == sorted([figures["cumulative"].pk, figures["whole"].pk])


def test_published_editions_hides_unpublished_and_lists_newest_first(db):
    # Arrange
    series = SeriesFactory()
    EditionFactory(series=series, number=1)
    EditionFactory(series=series, number=2, is_published=False)
    EditionFactory(series=series, number=3)

    # Act
    numbers = [e.number for e in published_editions(series)]

    # Assert
    assert numbers == [3, 1]


def test_countries_with_roles_counts_published_editions_per_country(db):
    # Arrange
    series = SeriesFactory()
    first = EditionFactory(series=series, number=1)
    second = EditionFactory(series=series, number=2)
    draft = EditionFactory(series=series, number=3, is_published=False)
    for edition in (first, second, draft):
        set_country_role(edition, country="CN", role="host")
    set_country_role(first, country="GE", role="guest")

    # Act
    rows = countries_with_roles()

    # Assert
    assert rows == [("CN", 2), ("GE", 1)]
