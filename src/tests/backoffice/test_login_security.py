"""Login throttling, identical replies for known and unknown accounts, session life cycle."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.integration

LOGIN = reverse("admin:login")
PASSWORD = "correct horse battery staple"


def _attempt(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.fixture
def organiser(db):
    return UserFactory(username="organiser@example.org", is_staff=True, is_superuser=True)


def test_ten_wrong_passwords_lock_the_account_even_for_the_right_one(organiser):
    client = Client()
    replies = [_attempt(client, organiser.username, "wrong").status_code for _ in range(10)]

    locked = _attempt(client, organiser.username, PASSWORD)

    assert replies == [200] * 9 + [429]
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_nine_wrong_passwords_still_let_the_right_one_in(organiser):
    client = Client()
    for _ in range(9):
        _attempt(client, organiser.username, "wrong")

    response = _attempt(client, organiser.username, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(organiser.pk)


def test_known_and_unknown_accounts_get_the_same_reply(organiser):
    known = _attempt(Client(), organiser.username, "wrong")
    unknown = _attempt(Client(), "nobody@example.org", "wrong")

    def body(response):
        return (
            response.content.decode()
            .replace("nobody@example.org", "X")
            .replace(organiser.username, "X")
        )

    assert (known.status_code, unknown.status_code) == (200, 200)
    assert (
        body(known).split("csrfmiddlewaretoken")[0] == body(unknown).split("csrfmiddlewaretoken")[0]
    )


def test_unknown_accounts_are_locked_out_like_known_ones(db):
    client = Client()
    replies = [_attempt(client, "nobody@example.org", "wrong").status_code for _ in range(10)]

    assert replies == [200] * 9 + [429]


def test_login_issues_a_new_session_key(organiser):
    client = Client()
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key

    _attempt(client, organiser.username, PASSWORD)

    assert client.session.session_key != before


def test_staff_session_expires_after_thirty_idle_minutes(organiser):
    client = Client()
    _attempt(client, organiser.username, PASSWORD)

    client.get(reverse("admin:index"))

    assert client.session.get_expiry_age() == 1800


def test_logout_ends_the_session(organiser):
    client = Client()
    _attempt(client, organiser.username, PASSWORD)

    client.post(reverse("admin:logout"))

    assert client.get(reverse("admin:index")).status_code == 302
