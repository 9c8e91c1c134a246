"""The matchmaking lists: published, to moderate, profiles of an edition (and their queries)."""

import datetime as dt

import pytest
from django.db import connection

from smeforum.matchmaking import queries
from smeforum.matchmaking.domain import (
    confirm_profile_for_edition,
    publish_opportunity,
    save_opportunity,
    submit_opportunity,
)
from smeforum.matchmaking.models import Opportunity
from tests.factories import EditionFactory, OrganisationFactory, PersonFactory, RegistrationFactory
from tests.matchmaking.factories import make_opportunity, make_profile, make_published

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
TODAY = dt.date(2026, 5, 1)
YESTERDAY = TODAY - dt.timedelta(days=1)


def _evergreen(profile, series, title: str) -> Opportunity:
    return save_opportunity(
        Opportunity(
            profile=profile,
            series=series,
            kind=Opportunity.Kind.BUSINESS_REQUEST,
            title=title,
            language="en",
        )
    )


def test_published_opportunities_of_an_edition_include_its_series_evergreen_ones():
    # Arrange
    edition = EditionFactory()
    profile = make_profile()
    here = make_opportunity(profile, edition=edition, title="Here")
    evergreen = _evergreen(profile, edition.series, "Always")
    elsewhere = make_opportunity(profile, title="Elsewhere")
    draft = make_opportunity(profile, edition=edition, title="Draft")
    for opportunity in (here, evergreen, elsewhere):
        submit_opportunity(opportunity)
        publish_opportunity(opportunity)

    # Act
    titles = sorted(o.title for o in queries.published_opportunities(edition))

    # Assert
    assert titles == ["Always", "Here"]
    assert draft.title not in titles


def test_opportunities_to_moderate_are_the_submitted_ones_of_the_editions():
    # Arrange
    edition = EditionFactory()
    other = EditionFactory()
    profile = make_profile()
    confirm_profile_for_edition(profile, edition=edition, attendees=[])
    mine = submit_opportunity(make_opportunity(profile, edition=edition, title="Mine"))
    profiles_evergreen = submit_opportunity(_evergreen(profile, other.series, "Profile's"))
    submit_opportunity(make_opportunity(profile, edition=other, title="Other edition"))

    # Act
    rows = queries.opportunities_to_moderate(type(edition).objects.filter(pk=edition.pk))

    # Assert
    assert sorted(o.title for o in rows) == sorted([mine.title, profiles_evergreen.title])


def _confirmed(edition, count: int) -> None:
    for _ in range(count):
        organisation = OrganisationFactory()
        profile = make_profile(organisation, sectors=("C", "J"))
        registration = RegistrationFactory(
            edition=edition, person=PersonFactory(organisation=organisation)
        )
        confirm_profile_for_edition(profile, edition=edition, attendees=[registration])


def test_profiles_of_an_edition_cost_the_same_queries_for_more_rows(
    django_assert_max_num_queries,
):
    # Arrange
    edition = EditionFactory()
    _confirmed(edition, 2)
    with django_assert_max_num_queries(20) as few:
        _read_all(edition)
    _confirmed(edition, 4)

    # Act / Assert
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = _read_all(edition)
    assert len(rows) == 6
    assert all(len(r[2]) == 1 for r in rows)


def _read_all(edition):
    return [
        (
            str(profile.organisation),
            [s.code for s in profile.sectors.all()],
            [str(a.person) for row in profile.this_edition for a in row.attendees.all()],
        )
        for profile in queries.profiles_of_edition(edition)
    ]


def _confirmed_with_evergreen(edition, series_evergreen_title: str):
    """A profile confirmed for ``edition`` with a published evergreen opportunity of another
    series, and one of the edition's series by a profile not confirmed for it."""
    confirmed = make_profile()
    confirm_profile_for_edition(confirmed, edition=edition, attendees=[])
    other_series = EditionFactory().series
    theirs = _evergreen(confirmed, other_series, "Confirmed's evergreen")
    stranger = _evergreen(make_profile(), edition.series, series_evergreen_title)
    for opportunity in (theirs, stranger):
        publish_opportunity(submit_opportunity(opportunity))


def test_published_opportunities_scope_picks_the_evergreen_ones_and_today_drops_expired():
    edition = EditionFactory()
    _confirmed_with_evergreen(edition, "Series evergreen")
    profile = make_profile()
    make_published(profile, edition=edition, title="Expired", expires_on=YESTERDAY)
    make_published(profile, edition=edition, title="Current", expires_on=TODAY)

    def titles(**kwargs):
        return sorted(o.title for o in queries.published_opportunities(edition, **kwargs))

    assert titles() == ["Current", "Expired", "Series evergreen"]
    assert titles(scope="confirmed") == ["Confirmed's evergreen", "Current", "Expired"]
    assert titles(scope="confirmed", today=TODAY) == ["Confirmed's evergreen", "Current"]
    assert [o.title for o in queries.marketplace_opportunities(edition, today=TODAY)] == [
        o.title for o in queries.published_opportunities(edition, scope="confirmed", today=TODAY)
    ]
    with pytest.raises(ValueError, match="scope"):
        queries.published_opportunities(edition, scope="everything")


def _searchable(edition):
    maker = OrganisationFactory(name="沧州阀门有限公司", name_en="Cangzhou Fittings")
    profile = make_profile(maker)
    make_published(
        profile,
        edition=edition,
        title="Hydraulic valve for pipelines",
        summary="液压阀门，用于输油管道。",
        keywords="valve, pipeline",
    )
    make_published(make_profile(), edition=edition, title="Bakery ovens", summary="Bread.")
    return queries.published_opportunities(edition)


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("HYDRAULIC", ["Hydraulic valve for pipelines"]),
        ("阀门", ["Hydraulic valve for pipelines"]),  # a Chinese substring
        ("输油管", ["Hydraulic valve for pipelines"]),
        ("cangzhou fittings", ["Hydraulic valve for pipelines"]),  # the organisation's name
        ("bread", ["Bakery ovens"]),
        ("turbine", []),
    ],
)
def test_search_matches_substrings_on_every_database(q, found):
    edition = EditionFactory()
    rows = queries.search_opportunities(_searchable(edition), q=q)
    assert sorted(o.title for o in rows) == found


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram search is PostgreSQL's")
@pytest.mark.parametrize("q", ["hydralic", "valves", "pipeline valves", "hydraulik valve"])
def test_search_on_postgresql_forgives_typos_and_word_forms_that_substrings_miss(q):
    edition = EditionFactory()
    rows = _searchable(edition)

    found = queries.search_opportunities(rows, q=q)

    assert [o.title for o in found] == ["Hydraulic valve for pipelines"]
    assert rows.filter(queries._contains(q)).count() == 0  # icontains alone finds nothing
