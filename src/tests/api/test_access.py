"""The authenticated API: who am I, scoped registrations and delegations, one error shape."""

import pytest

from smeforum.accounts.domain.tokens import create_api_token, revoke_api_token
from smeforum.audit.domain import snapshot_token
from tests.accounts.world import build_world

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db):
    return build_world()


def _get(client, url: str, token: str | None = None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(url, headers=headers)


def _token(user, scope: str = "read") -> str:
    return create_api_token(user, scope=scope)[1]


def _url(world, what: str) -> str:
    return f"/api/v1/editions/{world.edition.series.slug}/{world.edition.number}/{what}"


def test_me_needs_authentication(client, db):
    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Authentication required: a session or a bearer token.",
        "field": None,
    }


def test_me_with_a_token_lists_the_roles(client, world):
    response = _get(client, "/api/v1/me", _token(world.users["organiser"]))

    assert response.status_code == 200
    assert response.json() == {
        "email": "organiser@example.org",
        "roles": [
            {
                "role": "organiser",
                "series": world.edition.series.slug,
                "edition": None,
                "delegation_id": None,
                "delegation": None,
                "person": None,
                "permissions": ["participants", "delegations"],
            }
        ],
    }


def test_me_with_the_session(client, world):
    client.force_login(world.users["lead_a"])

    response = client.get("/api/v1/me")

    assert response.status_code == 200
    assert [(r["role"], r["delegation"]) for r in response.json()["roles"]] == [
        ("delegation_lead", "Delegation Alpha")
    ]


def test_revoked_token_is_refused(client, world):
    token, raw = create_api_token(world.users["lead_a"], scope="read")
    revoke_api_token(token)

    response = _get(client, "/api/v1/me", raw)

    assert response.status_code == 401


def test_lead_of_a_sees_only_a_registrations_and_none_of_b(client, world):
    token = _token(world.users["lead_a"])

    response = _get(client, _url(world, "registrations"), token)

    assert response.status_code == 200
    rows = response.json()
    assert [r["id"] for r in rows] == sorted([world.reg_a1.id, world.reg_a2.id])
    assert rows[0] == {
        "id": world.reg_a1.id,
        "person": "Ana Alpha",
        "organisation": world.reg_a1.person.organisation.name,
        "country": "PL",
        "category": "enterprise",
        "status": "confirmed",
        "delegation": "Delegation Alpha",
        "person_id": world.reg_a1.person_id,
        "delegation_id": world.delegation_a.id,
        "version": snapshot_token(world.reg_a1),
    }
    body = response.content.decode()
    for private in ("Boris Beta", "Delegation Beta", "Petra Participant", "@example.org", "+381"):
        assert private not in body


def test_lead_of_a_sees_only_delegation_a(client, world):
    response = _get(client, _url(world, "delegations"), _token(world.users["lead_a"]))

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": world.delegation_a.id,
            "name": "Delegation Alpha",
            "name_en": "Delegation Alpha",
            "name_zh": world.delegation_a.name_zh,
            "kind": "country",
            "country": "RS",
            "version": snapshot_token(world.delegation_a),
        }
    ]
    assert "Delegation Beta" not in response.content.decode()


def test_lead_of_b_sees_only_b(client, world):
    token = _token(world.users["lead_b"])

    registrations = _get(client, _url(world, "registrations"), token).json()
    delegations = _get(client, _url(world, "delegations"), token).json()

    assert [r["person"] for r in registrations] == ["Boris Beta"]
    assert [d["name"] for d in delegations] == ["Delegation Beta"]


def test_participant_sees_own_registration(client, world):
    response = _get(client, _url(world, "registrations"), _token(world.users["participant"]))

    assert [r["person"] for r in response.json()] == ["Petra Participant"]


def test_organiser_with_participants_sees_everyone_with_contacts(client, world):
    response = _get(client, _url(world, "registrations"), _token(world.users["organiser"]))

    rows = response.json()
    assert [r["person"] for r in rows] == [
        "Ana Alpha",
        "Adam Alpha",
        "Boris Beta",
        "Petra Participant",
    ]
    assert (rows[2]["email"], rows[2]["phone"]) == (world.reg_b1.person.email, "+381 11 000 0000")


def test_organiser_without_participants_sees_nothing(client, world):
    response = _get(
        client, _url(world, "registrations"), _token(world.users["organiser_programme"])
    )

    assert (response.status_code, response.json()) == (200, [])


def test_anonymous_gets_401_on_private_lists(client, world):
    assert _get(client, _url(world, "registrations")).status_code == 401
    assert _get(client, _url(world, "delegations")).status_code == 401


def test_unknown_edition_is_404_with_the_error_shape(client, world):
    url = f"/api/v1/editions/{world.edition.series.slug}/99/registrations"

    response = _get(client, url, _token(world.users["organiser"]))

    assert (response.status_code, response.json()) == (404, {"detail": "Not found.", "field": None})


def test_invalid_path_value_names_the_field(client, world):
    url = f"/api/v1/editions/{world.edition.series.slug}/six/registrations"

    response = _get(client, url, _token(world.users["organiser"]))

    assert response.status_code == 422
    assert response.json()["field"] == "number"


def test_public_endpoints_stay_public(client, world):
    response = client.get(f"/api/v1/series/{world.edition.series.slug}/editions")

    assert response.status_code == 200
    assert [e["number"] for e in response.json()] == [7, 6]


def test_nul_characters_never_reach_the_database(client, world):
    name = world.reg_a1.person.organisation.name
    query = client.get(f"/api/v1/organisations?q={name[:4]}%00{name[4:]}")
    path = client.get("/api/v1/series/a%00b/editions")

    assert query.status_code == 200
    assert [row["name"] for row in query.json()["items"]] == [name]
    assert (path.status_code, path.json()) == (404, {"detail": "Not found.", "field": None})
