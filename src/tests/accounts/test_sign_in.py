"""Signing in (django-allauth + django-axes): throttling, identical replies for known and
unknown accounts, the session's life cycle, and the back office's way in."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import verified_user

pytestmark = pytest.mark.integration

LOGIN = reverse("account_login")
PASSWORD = "correct horse battery staple"


def _attempt(client: Client, email: str, password: str):
    return client.post(LOGIN, {"login": email, "password": password})


@pytest.fixture
def organiser(db):
    return verified_user("organiser@example.org", is_staff=True, is_superuser=True)


def test_the_right_password_signs_in(organiser):
    client = Client()

    response = _attempt(client, "organiser@example.org", PASSWORD)

    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.session["_auth_user_id"] == str(organiser.pk)


def test_ten_wrong_passwords_lock_the_account_even_for_the_right_one(organiser):
    client = Client()
    replies = [_attempt(client, organiser.email, "wrong").status_code for _ in range(10)]

    locked = _attempt(client, organiser.email, PASSWORD)

    assert replies == [200] * 9 + [429]
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_counts_an_email_in_any_letter_case(organiser):
    client = Client()
    for i in range(10):
        email = organiser.email.upper() if i % 2 else organiser.email
        _attempt(client, email, "wrong")

    assert _attempt(Client(), organiser.email, PASSWORD).status_code == 429


def test_nine_wrong_passwords_still_let_the_right_one_in(organiser):
    client = Client()
    for _ in range(9):
        _attempt(client, organiser.email, "wrong")

    response = _attempt(client, organiser.email, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(organiser.pk)


def _body(response, *emails: str) -> str:
    text = response.content.decode()
    for email in emails:
        text = text.replace(email, "X")
    return text.split("csrfmiddlewaretoken")[0] + text.split("csrfmiddlewaretoken")[-1][80:]


def test_known_and_unknown_accounts_get_the_same_reply(organiser):
    known = _attempt(Client(), organiser.email, "wrong")
    unknown = _attempt(Client(), "nobody@example.org", "wrong")

    assert (known.status_code, unknown.status_code) == (200, 200)
    assert _body(known, organiser.email) == _body(unknown, "nobody@example.org")
    assert "not correct" in known.content.decode()


def test_unknown_accounts_are_locked_out_like_known_ones(db):
    client = Client()
    replies = [_attempt(client, "nobody@example.org", "wrong").status_code for _ in range(10)]

    assert replies == [200] * 9 + [429]


def test_login_issues_a_new_session_key(organiser):
    client = Client()
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key

    _attempt(client, organiser.email, PASSWORD)

    assert client.session.session_key != before


def test_staff_session_expires_after_thirty_idle_minutes(organiser):
    client = Client()
    _attempt(client, organiser.email, PASSWORD)

    client.get(reverse("admin:index"))

    assert client.session.get_expiry_age() == 1800


def test_logout_ends_the_session(organiser):
    client = Client()
    _attempt(client, organiser.email, PASSWORD)

    client.post(reverse("account_logout"))

    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_password_change_ends_every_session_of_the_account(organiser):
    elsewhere, here = Client(), Client()
    _attempt(elsewhere, organiser.email, PASSWORD)
    _attempt(here, organiser.email, PASSWORD)

    response = here.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a new long passphrase",
            "password2": "a new long passphrase",
        },
    )

    assert response.status_code == 302
    assert "_auth_user_id" not in here.session
    assert elsewhere.get(reverse("admin:index")).status_code == 302
    assert _attempt(Client(), organiser.email, "a new long passphrase").status_code == 302


def test_the_back_office_signs_in_through_the_accounts_page(db):
    response = Client().get(reverse("admin:index"))
    follow = Client().get(response["Location"])

    assert response["Location"] == reverse("admin:login") + "?next=/admin/"
    assert follow["Location"] == LOGIN + "?next=/admin/"
