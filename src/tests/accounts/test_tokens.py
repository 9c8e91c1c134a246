import hashlib
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from smeforum.accounts.domain.tokens import (
    authenticate_api_token,
    create_api_token,
    revoke_api_token,
)
from smeforum.accounts.models import ApiToken
from smeforum.api.auth import BearerToken
from smeforum.audit.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.unit


@pytest.fixture
def user(db):
    return UserFactory(username="script-owner")


def test_create_api_token_stores_only_the_hash(user):
    token, raw = create_api_token(user, scope="read", name="nightly export")

    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert raw.startswith("smf_")
    assert len(raw) == 47
    assert stored["token_hash"] == hashlib.sha256(raw.encode()).hexdigest()
    assert stored["prefix"] == raw[:8]
    assert (stored["name"], stored["scope"], stored["revoked_at"]) == (
        "nightly export",
        "read",
        None,
    )
    assert raw not in json.dumps(stored, default=str)
    entry = AuditEntry.objects.get(action="accounts.apitoken.created")
    assert raw not in json.dumps(entry.after)


def test_two_tokens_differ(user):
    _, first = create_api_token(user, scope="read")
    _, second = create_api_token(user, scope="read")

    assert first != second


def test_authenticate_api_token_returns_its_user_and_stamps_last_use(user):
    token, raw = create_api_token(user, scope="read")

    assert authenticate_api_token(raw) == user
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_token_fails(user):
    token, raw = create_api_token(user, scope="write")

    revoke_api_token(token, actor=user)

    assert authenticate_api_token(raw) is None
    assert AuditEntry.objects.filter(action="accounts.apitoken.revoked").count() == 1


def test_unknown_token_fails(user):
    _, raw = create_api_token(user, scope="read")
    forged = raw[:8] + ("A" if raw[8] != "A" else "B") + raw[9:]

    assert authenticate_api_token(forged) is None


@pytest.mark.parametrize(
    "raw",
    ["", "smf_", "not-a-token", "Bearer smf_x", "smf_" + "x" * 200, None],
    ids=["empty", "prefix-only", "no-prefix", "with-scheme", "too-long", "none"],
)
def test_malformed_token_fails(user, raw):
    create_api_token(user, scope="read")

    assert authenticate_api_token(raw) is None


def test_token_of_inactive_user_fails(user):
    _, raw = create_api_token(user, scope="read")
    user.is_active = False
    user.save()

    assert authenticate_api_token(raw) is None


def test_write_needs_write_scope(user):
    _, read = create_api_token(user, scope="read")
    _, write = create_api_token(user, scope="write")

    assert (
        authenticate_api_token(read, write=True),
        authenticate_api_token(write, write=True),
    ) == (
        None,
        user,
    )


def _bearer(method: str, raw: str):
    request = getattr(RequestFactory(), method)("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    return BearerToken()(request)


def test_bearer_auth_refuses_read_scope_on_post(user):
    _, read = create_api_token(user, scope="read")
    _, write = create_api_token(user, scope="write")

    assert _bearer("get", read) == user
    assert _bearer("post", write) == user
    for method in ("post", "patch", "delete"):
        with pytest.raises(PermissionDenied) as excinfo:
            _bearer(method, read)
        assert str(excinfo.value) == (
            "This token may only read; writing needs a token with the write scope."
        )


def test_create_api_token_refuses_unknown_scope(user):
    with pytest.raises(ValidationError) as excinfo:
        create_api_token(user, scope="admin")

    assert excinfo.value.message_dict == {"scope": ["The scope is “read” or “write”."]}
    assert ApiToken.objects.count() == 0
