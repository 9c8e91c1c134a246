"""The matchmaking lists: published, to moderate, profiles of an edition (and their queries)."""

import pytest

from smeforum.matchmaking import queries
from smeforum.matchmaking.domain import (
    confirm_profile_for_edition,
    publish_opportunity,
    save_opportunity,
    submit_opportunity,
)
from smeforum.matchmaking.models import Opportunity
from tests.factories import EditionFactory, OrganisationFactory, PersonFactory, RegistrationFactory
from tests.matchmaking.factories import make_opportunity, make_profile

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


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
