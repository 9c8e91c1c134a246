"""Partner recommendations from the database, their reasons worded with gettext."""

import dataclasses
import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import translation

from smeforum.matchmaking import recommend as engine
from smeforum.matchmaking.domain import (
    accept_request,
    confirm_profile_for_edition,
    decline_request,
    send_request,
    set_request_policy,
    withdraw_opportunity,
    withdraw_request,
)
from smeforum.matchmaking.models import Opportunity, ProfileEdition, RequestPolicy
from smeforum.matchmaking.recommendations import (
    MEETINGS_PER_PERSON,
    NotConfirmedError,
    edition_profiles,
    index_key,
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
    with django_assert_num_queries(8):
        first = recommend_for(edition, ningbo.organisation)
    _add_profiles(edition, 3, 3)

    with django_assert_num_queries(8):
        second = recommend_for(edition, ningbo.organisation)

    assert (len(first), len(second)) == (5, 8)


def _confirmation(profile, edition) -> ProfileEdition:
    return ProfileEdition.objects.get(profile=profile, edition=edition)


def _names(edition, profile) -> list[str]:
    return [s.organisation.name for s in recommend_for(edition, profile.organisation)]


def test_suggestions_carry_the_partner_confirmation():
    edition, ningbo, grid, _bakery = make_cable_edition()

    first = recommend_for(edition, grid.organisation)[0]

    assert first.confirmation_id == _confirmation(ningbo, edition).pk


def test_partners_with_an_open_accepted_or_declined_request_are_left_out_both_ways():
    edition, ningbo, grid, bakery = make_cable_edition()
    ningbo_c, grid_c, bakery_c = (_confirmation(p, edition) for p in (ningbo, grid, bakery))
    request = send_request(grid_c, receiver=ningbo_c)

    assert _names(edition, grid) == ["Warsaw Bakery"]
    assert _names(edition, ningbo) == ["Warsaw Bakery"]

    withdraw_request(request)
    assert _names(edition, grid) == ["Ningbo Cable Co.", "Warsaw Bakery"]

    accept_request(send_request(ningbo_c, receiver=grid_c))
    decline_request(send_request(bakery_c, receiver=ningbo_c))
    assert _names(edition, ningbo) == []
    assert _names(edition, grid) == ["Warsaw Bakery"]
    assert _names(edition, bakery) == ["Budapest Grid Kft."]


def test_requests_at_another_edition_do_not_leave_a_partner_out():
    edition, ningbo, grid, _bakery = make_cable_edition()
    other = EditionFactory()
    for profile in (ningbo, grid):
        confirm_profile_for_edition(profile, edition=other, attendees=[])
    send_request(_confirmation(grid, other), receiver=_confirmation(ningbo, other))

    assert _names(edition, grid) == ["Ningbo Cable Co.", "Warsaw Bakery"]


def test_the_index_comes_from_the_cache_while_the_input_is_unchanged():
    edition, _ningbo, grid, bakery = make_cable_edition()
    data = edition_profiles(edition)
    key = index_key(edition, data)
    recommend_for(edition, grid.organisation)
    assert isinstance(cache.get(key), engine.Index)
    # An index kept under the key is used as it is: here one where the bakery has no room.
    full = [
        dataclasses.replace(p, capacity=0) if p.id == f"p{bakery.pk}" else p for p in data.profiles
    ]
    cache.set(key, engine.build_index(full))

    assert _names(edition, grid) == ["Ningbo Cable Co."]


def test_a_changed_opportunity_changes_the_recommendations():
    edition, ningbo, grid, _bakery = make_cable_edition()
    before = recommend_for(edition, grid.organisation)
    offer = ningbo.opportunities.get(title="Power cables")

    withdraw_opportunity(offer)
    after = recommend_for(edition, grid.organisation)

    assert before[0].organisation == after[0].organisation == ningbo.organisation
    assert "matches your business request" in before[0].reasons[0]
    assert not any("matches your" in reason for reason in after[0].reasons)
    assert after[0].score < before[0].score


def test_an_organisation_with_a_full_agenda_is_recommended_to_nobody():
    edition, ningbo, grid, bakery = make_cable_edition()
    set_request_policy(RequestPolicy(edition=edition, max_meetings=1))
    assert _names(edition, bakery)[0] == "Budapest Grid Kft."  # before: the grid has room

    accept_request(
        send_request(_confirmation(grid, edition), receiver=_confirmation(ningbo, edition))
    )

    assert _names(edition, bakery) == []  # both agendas hold their one meeting
    data = edition_profiles(edition)
    assert sorted(p.capacity for p in data.profiles) == [0, 0, 1]
