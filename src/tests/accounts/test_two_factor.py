"""Organiser staff must turn on TOTP before the back office opens; then every sign-in asks for
a code. Delegation leads and participants are not asked."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.test import Client
from django.urls import reverse

from smeforum.accounts.domain.roles import appoint_delegation_lead, grant_organiser_role
from tests.factories import DelegationFactory, SeriesFactory, verified_user

pytestmark = pytest.mark.integration

PASSWORD = "correct horse battery staple"
ADMIN = reverse("admin:index")
ACTIVATE = reverse("mfa_activate_totp")


@pytest.fixture(autouse=True)
def _required(settings):
    settings.SMEFORUM_REQUIRE_STAFF_TOTP = True


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _sign_in(email: str) -> tuple[Client, object]:
    client = Client()
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    return client, response


def _reauthenticate(client: Client) -> None:
    """Turning on two-factor asks for the password again first."""
    assert client.get(ACTIVATE)["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


@pytest.fixture
def admin_user(db):
    return verified_user("admin@example.org", is_staff=True, is_superuser=True)


def test_staff_without_totp_are_sent_to_turn_it_on(admin_user):
    client, _ = _sign_in(admin_user.email)

    response = client.get(ADMIN)

    assert response.status_code == 302
    assert response["Location"] == f"{ACTIVATE}?next=/admin/"


def test_an_organiser_who_is_not_superuser_is_asked_too(db):
    user = verified_user("organiser@example.org")
    grant_organiser_role(SeriesFactory(), user=user, permissions=["programme"])
    client, _ = _sign_in(user.email)

    response = client.get(ADMIN)

    assert response["Location"] == f"{ACTIVATE}?next=/admin/"


def test_a_delegation_lead_is_not_asked(db):
    user = verified_user("lead@example.org")
    appoint_delegation_lead(DelegationFactory(), user=user)
    client, _ = _sign_in(user.email)

    response = client.get(ADMIN)

    assert response["Location"] == reverse("admin:login") + "?next=/admin/"


def test_turning_on_totp_opens_the_back_office(admin_user):
    client, _ = _sign_in(admin_user.email)
    _reauthenticate(client)
    assert client.get(ACTIVATE).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]

    response = client.post(ACTIVATE, {"code": _code(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=admin_user, type="totp").count() == 1
    assert client.get(ADMIN).status_code == 200


def test_a_wrong_code_does_not_turn_it_on(admin_user):
    client, _ = _sign_in(admin_user.email)
    _reauthenticate(client)
    client.get(ACTIVATE)

    response = client.post(ACTIVATE, {"code": "000000"})

    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert not Authenticator.objects.filter(user=admin_user).exists()


def test_with_totp_on_a_password_alone_does_not_sign_in(admin_user):
    secret = generate_totp_secret()
    TOTP.activate(admin_user, secret)

    client, response = _sign_in(admin_user.email)

    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    done = client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(admin_user.pk)
    assert client.get(ADMIN).status_code == 200
