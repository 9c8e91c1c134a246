"""The participant's recommended partners page."""

import pytest
from django.urls import reverse

from smeforum.accounts.domain.roles import link_person_account
from smeforum.matchmaking.domain import confirm_profile_for_edition
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.matchmaking.factories import make_cable_edition, make_profile

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/my/recommendations/"


def _signed_in(client, organisation):
    user = UserFactory()
    link_person_account(PersonFactory(organisation=organisation), user=user)
    client.force_login(user)
    return user


def test_the_page_lives_under_my():
    assert reverse("portal:recommendations") == URL


def test_lists_the_complementary_organisation_with_its_worded_reasons(client):
    edition, _ningbo, grid, _bakery = make_cable_edition()
    _signed_in(client, grid.organisation)

    response = client.get(URL)

    assert response.status_code == 200
    [item] = response.context["editions"]
    assert item.edition == edition
    first = item.rows[0]
    assert first.organisation == "Ningbo Cable Co."
    assert first.country == "China"
    assert 0 < first.percent <= 100
    assert "a China–CEE partnership (Hungary and China)" in first.reasons
    assert "Ningbo Cable Co. looks for partners in Hungary" in first.reasons
    html = response.content.decode()
    assert "Ningbo Cable Co." in html
    assert f"{first.percent}%" in html
    assert "<li>a China–CEE partnership (Hungary and China)</li>" in html


def test_without_a_person_the_page_is_not_found(client):
    client.force_login(UserFactory())

    assert client.get(URL).status_code == 404


def test_anonymous_callers_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302


def test_without_a_confirmed_profile_a_message_says_so(client):
    make_cable_edition()
    organisation = OrganisationFactory(name="Lonely d.o.o.", country="RS")
    make_profile(organisation)  # a profile, but confirmed for no edition
    _signed_in(client, organisation)

    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["editions"] == []
    assert "has no matchmaking profile confirmed for an edition yet" in response.content.decode()


def test_without_an_organisation_a_message_says_so(client):
    _signed_in(client, None)

    response = client.get(URL)

    assert response.status_code == 200
    assert "has no organisation" in response.content.decode()


def test_queries_do_not_grow_with_the_number_of_suggestions(client, django_assert_max_num_queries):
    edition, _ningbo, grid, _bakery = make_cable_edition()
    _signed_in(client, grid.organisation)

    def add_profiles(count: int, start: int):
        for n in range(start, start + count):
            profile = make_profile(
                OrganisationFactory(name=f"Cable Maker {n}", country="CN"), sectors=("27",)
            )
            confirm_profile_for_edition(profile, edition=edition, attendees=[])

    add_profiles(3, 0)
    with django_assert_max_num_queries(30) as few:
        client.get(URL)
    add_profiles(6, 3)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(URL)

    assert len(response.context["editions"][0].rows) == 10
    assert len(many.captured_queries) == len(few.captured_queries)
