"""GET /api/v1/people: login required, scoped to the caller, contacts only for organisers
with the participants permission."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smeforum.accounts.domain.tokens import create_api_token
from tests.accounts.world import build_world
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.integration

URL = "/api/v1/people"


@pytest.fixture
def world(db):
    return build_world()


def _get(client, user, url: str = URL):
    token = create_api_token(user, scope="read")[1]
    return client.get(url, headers={"Authorization": f"Bearer {token}"})


def _row(registration, *, contacts: bool) -> dict:
    person = registration.person
    return {
        "id": person.id,
        "name": person.name,
        "name_latin": person.name_latin,
        "position": "",
        "organisation": person.organisation.name,
        "email": person.email if contacts else None,
        "phone": "+381 11 000 0000" if contacts else None,
    }


def test_anonymous_is_refused(client, world):
    response = client.get(URL)

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Authentication required: a session or a bearer token.",
        "field": None,
    }


def test_participant_sees_only_themselves_without_contacts(client, world):
    response = _get(client, world.users["participant"])

    assert response.status_code == 200
    assert response.json() == {"items": [_row(world.reg_own, contacts=False)], "count": 1}


def test_user_without_a_person_or_role_sees_nobody(client, world):
    response = _get(client, world.users["lead_a"])

    assert response.json() == {"items": [], "count": 0}


def test_organiser_with_participants_sees_the_series_people_with_contacts(client, world):
    response = _get(client, world.users["organiser"])

    regs = [world.reg_a2, world.reg_a1, world.reg_b1, world.reg_other_edition, world.reg_own]
    assert response.json() == {
        "items": [_row(r, contacts=True) for r in regs],
        "count": 5,
    }


def test_organiser_of_one_edition_sees_only_that_editions_people(client, world):
    response = _get(client, world.users["organiser_other_edition"])

    assert response.json() == {
        "items": [_row(world.reg_other_edition, contacts=True)],
        "count": 1,
    }


def test_organiser_without_participants_permission_sees_nobody(client, world):
    response = _get(client, world.users["organiser_programme"])

    assert response.json() == {"items": [], "count": 0}
    assert "@example.org" not in response.content.decode()


def test_people_of_another_series_are_not_seen(client, world):
    stranger = RegistrationFactory()  # an edition of a new series

    ids = [row["id"] for row in _get(client, world.users["organiser"]).json()["items"]]

    assert stranger.person.id not in ids
    assert len(ids) == 5


def test_people_paginate(client, world):
    body = _get(client, world.users["organiser"], f"{URL}?page=2&page_size=2").json()

    assert body == {
        "items": [_row(world.reg_b1, contacts=True), _row(world.reg_other_edition, contacts=True)],
        "count": 5,
    }


def test_people_are_n_plus_one_safe(client, world):
    user = world.users["organiser"]
    token = create_api_token(user, scope="read")[1]
    headers = {"Authorization": f"Bearer {token}"}

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, headers=headers).status_code == 200
        return len(captured)

    five = count()
    for _ in range(3):
        RegistrationFactory(edition=world.edition)
    assert count() == five
