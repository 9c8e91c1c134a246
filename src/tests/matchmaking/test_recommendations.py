"""Partner recommendations from the database, their reasons worded with gettext."""

import datetime as dt

import pytest
from django.utils import translation

from smeforum.matchmaking.domain import confirm_profile_for_edition
from smeforum.matchmaking.models import Opportunity
from smeforum.matchmaking.recommendations import (
    MEETINGS_PER_PERSON,
    NotConfirmedError,
    edition_profiles,
    recommend_for,
)
from tests.factories import EditionFactory, OrganisationFactory, PersonFactory, RegistrationFactory
from tests.matchmaking.factories import (
    make_cable_edition,
    make_opportunity,
    make_profile,
    make_published,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

GRID_REASONS = [
    "Ningbo Cable Co.’s business offer “Power cables” (distribution; C27 Manufacture of "
    "electrical equipment; for Hungary) matches your business request “Power cables wanted”",
    "your descriptions are alike (54%; shared: cables, power)",
    "a China–CEE partnership (Hungary and China)",
    "you work in the same sector (C27 Manufacture of electrical equipment)",
    "China is a country you look for",
    "Ningbo Cable Co. looks for partners in Hungary",
    "you share a language (English)",
]


def test_complementary_offer_and_request_rank_first_with_worded_reasons():
    edition, ningbo, grid, bakery = make_cable_edition()

    suggestions = recommend_for(edition, grid.organisation)

    assert [(s.organisation, s.country) for s in suggestions] == [
        (ningbo.organisation, "CN"),
        (bakery.organisation, "PL"),
    ]
    assert round(suggestions[0].score, 2) == 0.88
    assert suggestions[0].reasons == GRID_REASONS


def test_reasons_come_through_gettext_in_chinese():
    edition, _ningbo, grid, _bakery = make_cable_edition()

    with translation.override("zh-hans"):
        suggestions = recommend_for(edition, grid.organisation)

    reasons = suggestions[0].reasons
    assert len(reasons) == len(GRID_REASONS)
    assert all(isinstance(r, str) and r for r in reasons)
    assert "匈牙利" in reasons[2]  # country names in Chinese


def test_own_organisation_is_not_recommended():
    edition, ningbo, grid, bakery = make_cable_edition()

    names = [s.organisation for s in recommend_for(edition, ningbo.organisation)]

    assert names == [grid.organisation, bakery.organisation]


def test_unpublished_expired_and_other_editions_opportunities_are_ignored():
    edition, ningbo, _grid, _bakery = make_cable_edition()
    make_opportunity(ningbo, edition=edition, title="Draft cables")
    make_published(ningbo, edition=edition, title="Old cables", expires_on=dt.date(2000, 1, 1))
    make_published(ningbo, edition=EditionFactory(), title="Cables elsewhere")

    data = edition_profiles(edition)

    titles = sorted(o.title for o in data.opportunities.values())
    assert titles == ["Bread", "Power cables", "Power cables wanted"]


def test_capacity_counts_the_people_attending_this_edition():
    edition, ningbo, _grid, _bakery = make_cable_edition()
    people = [PersonFactory(organisation=ningbo.organisation) for _ in range(3)]
    attendees = [RegistrationFactory(person=p, edition=edition) for p in people]
    confirm_profile_for_edition(ningbo, edition=edition, attendees=attendees)
    elsewhere = EditionFactory()
    confirm_profile_for_edition(
        ningbo,
        edition=elsewhere,
        attendees=[RegistrationFactory(person=p, edition=elsewhere) for p in people[:2]],
    )

    data = edition_profiles(edition)

    capacities = {p.id: p.capacity for p in data.profiles}
    assert capacities[f"p{ningbo.pk}"] == 3 * MEETINGS_PER_PERSON
    assert sorted(capacities.values()) == [MEETINGS_PER_PERSON, MEETINGS_PER_PERSON, 24]


def test_organisation_without_a_confirmed_profile_is_refused():
    edition, *_ = make_cable_edition()
    stranger = OrganisationFactory(name="Stranger Ltd")
    make_profile(stranger)

    with pytest.raises(NotConfirmedError) as raised:
        recommend_for(edition, stranger)

    assert str(raised.value) == (
        f"Stranger Ltd has no matchmaking profile confirmed for {edition}."
    )


def _add_profiles(edition, n: int, start: int) -> None:
    for i in range(start, start + n):
        profile = make_profile(
            OrganisationFactory(name=f"Extra {i}", country="SK"), sectors=("27",)
        )
        make_published(
            profile, edition=edition, sectors=("27",), kind=Opportunity.Kind.BUSINESS_REQUEST
        )
        confirm_profile_for_edition(profile, edition=edition, attendees=[])


def test_queries_do_not_grow_with_profiles(django_assert_num_queries):
    edition, ningbo, *_ = make_cable_edition()
    _add_profiles(edition, 3, 0)
    with django_assert_num_queries(5):
        first = recommend_for(edition, ningbo.organisation)
    _add_profiles(edition, 3, 3)

    with django_assert_num_queries(5):
        second = recommend_for(edition, ningbo.organisation)

    assert (len(first), len(second)) == (5, 8)
