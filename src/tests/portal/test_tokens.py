"""Own API tokens: list, create (secret shown once), revoke; other users' tokens are 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smeforum.accounts.domain.tokens import authenticate_api_token, create_api_token
from smeforum.accounts.models import ApiToken
from smeforum.audit.models import AuditEntry

pytestmark = pytest.mark.integration


def test_create_shows_the_secret_once(client, world):
    user = world.users.participant
    client.force_login(user)

    response = client.post(reverse("portal:tokens"), {"name": "Laptop", "scope": "write"})

    assert response.status_code == 200
    raw = response.context["raw"]
    token = ApiToken.objects.get(user=user)
    assert (token.name, token.scope, token.prefix) == ("Laptop", "write", raw[:8])
    assert raw in response.content.decode()
    assert authenticate_api_token(raw, write=True) == user
    entry = AuditEntry.objects.get(action="accounts.apitoken.created")
    assert (entry.actor, entry.object_id) == (user, str(token.pk))
    listing = client.get(reverse("portal:tokens")).content.decode()
    assert raw not in listing
    assert raw[8:] not in listing
    assert f"{token.prefix}…" in listing
    assert "Laptop" in listing


def test_create_needs_a_name_and_a_known_scope(client, world):
    client.force_login(world.users.participant)

    response = client.post(reverse("portal:tokens"), {"name": "", "scope": "admin"})

    assert response.status_code == 400
    assert sorted(response.context["form"].errors) == ["name", "scope"]
    assert not ApiToken.objects.exists()


def test_list_shows_only_own_tokens(client, world):
    mine, _ = create_api_token(world.users.lead_a, scope="read", name="mine")
    create_api_token(world.users.lead_b, scope="read", name="theirs")
    client.force_login(world.users.lead_a)

    response = client.get(reverse("portal:tokens"))

    assert list(response.context["tokens"]) == [mine]
    assert "theirs" not in response.content.decode()


def test_revoke_own_token(client, world):
    token, raw = create_api_token(world.users.lead_a, scope="read", name="old")
    client.force_login(world.users.lead_a)

    response = client.post(reverse("portal:token_revoke", args=[token.pk]))

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert authenticate_api_token(raw) is None
    entry = AuditEntry.objects.get(action="accounts.apitoken.revoked")
    assert entry.actor == world.users.lead_a


def test_revoking_another_users_token_is_404(client, world):
    token, raw = create_api_token(world.users.lead_a, scope="read", name="a's")
    client.force_login(world.users.lead_b)

    response = client.post(reverse("portal:token_revoke", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert authenticate_api_token(raw) == world.users.lead_a


def test_revoke_needs_post(client, world):
    token, _ = create_api_token(world.users.lead_a, scope="read")
    client.force_login(world.users.lead_a)

    assert client.get(reverse("portal:token_revoke", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def _queries_for_list(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("portal:tokens")).status_code == 200
    return len(queries)


def test_token_list_makes_a_fixed_number_of_queries(client, world):
    user = world.users.participant
    create_api_token(user, scope="read")
    client.force_login(user)
    client.get(reverse("portal:tokens"))
    with_one = _queries_for_list(client)
    for n in range(5):
        create_api_token(user, scope="write", name=f"t{n}")

    with_six = _queries_for_list(client)

    assert with_six == with_one
