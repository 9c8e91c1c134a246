"""Personal API tokens through the API: listed without their secret, created once, revoked
only by their owner; a read-scoped token creates none."""

import json

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils.dateparse import parse_datetime

from smeforum.accounts.domain.tokens import authenticate_api_token, create_api_token
from smeforum.accounts.models import ApiToken
from smeforum.audit.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def owner(db):
    return UserFactory(username="owner")


def _auth(raw: str) -> dict:
    return {"Authorization": f"Bearer {raw}"}


def _ms(moment):
    """As JSON carries it: to the millisecond."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _post(client, body, headers):
    return client.post(
        "/api/v1/me/tokens", data=json.dumps(body), content_type="application/json", headers=headers
    )


def test_listing_shows_own_tokens_never_their_secret(client, owner):
    kept, raw = create_api_token(owner, scope="read", name="laptop")
    create_api_token(UserFactory(username="someone-else"), scope="write", name="theirs")

    response = client.get("/api/v1/me/tokens", headers=_auth(raw))

    assert response.status_code == 200
    kept.refresh_from_db()
    rows = response.json()
    assert [sorted(row) for row in rows] == [
        ["created_at", "id", "last_used_at", "name", "prefix", "revoked_at", "scope"]
    ]
    assert (rows[0]["id"], rows[0]["name"], rows[0]["scope"], rows[0]["prefix"]) == (
        kept.pk,
        "laptop",
        "read",
        raw[:8],
    )
    assert rows[0]["revoked_at"] is None
    assert parse_datetime(rows[0]["created_at"]) == _ms(kept.created_at)
    assert parse_datetime(rows[0]["last_used_at"]) == _ms(kept.last_used_at)
    assert raw not in response.content.decode()
    assert kept.token_hash not in response.content.decode()


def test_the_session_creates_a_write_token_shown_once(client, owner):
    client.force_login(owner)

    response = _post(client, {"name": "ci", "scope": "write"}, {})

    assert response.status_code == 201
    body = response.json()
    token = ApiToken.objects.get(pk=body["id"])
    assert (body["name"], body["scope"], body["prefix"]) == ("ci", "write", token.prefix)
    assert authenticate_api_token(body["token"], write=True) == owner
    listed = client.get("/api/v1/me/tokens").json()
    assert "token" not in listed[0]
    entry = AuditEntry.objects.get(action="accounts.apitoken.created")
    assert (entry.actor, entry.object_id) == (owner, str(token.pk))


def test_a_read_token_cannot_create_a_write_token(client, owner):
    _, read = create_api_token(owner, scope="read")

    response = _post(client, {"name": "escalate", "scope": "write"}, _auth(read))

    assert response.status_code == 403
    assert response.json() == {
        "detail": "This token may only read; writing needs a token with the write scope.",
        "field": None,
    }
    assert ApiToken.objects.filter(user=owner).count() == 1


def test_a_write_token_creates_a_read_token(client, owner):
    _, write = create_api_token(owner, scope="write")

    response = _post(client, {"name": "reader", "scope": "read"}, _auth(write))

    assert response.status_code == 201
    assert authenticate_api_token(response.json()["token"]) == owner
    assert authenticate_api_token(response.json()["token"], write=True) is None


def test_an_unknown_scope_names_the_field(client, owner):
    _, write = create_api_token(owner, scope="write")

    response = _post(client, {"scope": "admin"}, _auth(write))

    assert (response.status_code, response.json()["field"]) == (422, "scope")


def test_revoking_own_token(client, owner):
    _, write = create_api_token(owner, scope="write")
    doomed, doomed_raw = create_api_token(owner, scope="read")

    response = client.delete(f"/api/v1/me/tokens/{doomed.pk}", headers=_auth(write))

    assert (response.status_code, response.content) == (204, b"")
    doomed.refresh_from_db()
    assert doomed.revoked_at is not None
    assert client.get("/api/v1/me", headers=_auth(doomed_raw)).status_code == 401
    entry = AuditEntry.objects.get(action="accounts.apitoken.revoked")
    assert entry.actor == owner


def test_another_users_token_is_not_found_and_stays_active(client, owner):
    _, write = create_api_token(owner, scope="write")
    other = UserFactory(username="other")
    theirs, theirs_raw = create_api_token(other, scope="read")

    response = client.delete(f"/api/v1/me/tokens/{theirs.pk}", headers=_auth(write))

    assert (response.status_code, response.json()) == (404, {"detail": "Not found.", "field": None})
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    assert authenticate_api_token(theirs_raw) == other


def test_text_with_a_nul_character_is_refused_naming_the_field(client, owner):
    _, write = create_api_token(owner, scope="write")

    response = _post(client, {"name": "a\x00b", "scope": "read"}, _auth(write))

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Value error, Text may not contain NUL characters.",
        "field": "name",
    }


def test_organiser_staff_write_with_the_session_only_with_two_factor(client, settings, owner):
    settings.SMEFORUM_REQUIRE_STAFF_TOTP = True
    owner.is_staff = True
    owner.save()
    client.force_login(owner)

    refused = _post(client, {"name": "ci", "scope": "write"}, {})
    TOTP.activate(owner, generate_totp_secret())
    accepted = _post(client, {"name": "ci", "scope": "write"}, {})

    assert refused.status_code == 403
    assert refused.json()["detail"] == (
        "Organiser staff must turn on two-factor authentication before writing."
    )
    assert accepted.status_code == 201
    assert ApiToken.objects.filter(user=owner).count() == 1
