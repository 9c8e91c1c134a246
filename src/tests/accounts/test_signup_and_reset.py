"""Self-service accounts: signup with email confirmation, and password reset, with replies that
do not reveal whether an email is known."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.factories import verified_user

pytestmark = pytest.mark.integration

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a brand new passphrase"
SIGNUP = reverse("account_signup")
RESET = reverse("account_reset_password")


def _signup(client: Client, email: str):
    return client.post(SIGNUP, {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_signup_asks_to_confirm_the_email_before_signing_in(db, mailoutbox):
    client = Client()

    response = _signup(client, "new@example.org")

    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert [m.to for m in mailoutbox] == [["new@example.org"]]
    address = EmailAddress.objects.get(email="new@example.org")
    assert address.verified is False
    refused = Client().post(
        reverse("account_login"), {"login": "new@example.org", "password": PASSWORD}
    )
    assert refused["Location"] == reverse("account_email_verification_sent")


def test_the_emailed_link_confirms_and_signs_in(db, mailoutbox):
    client = Client()  # the same browser: a link opened elsewhere confirms without signing in
    _signup(client, "new@example.org")
    link = _link(mailoutbox[0])

    assert client.get(link).status_code == 200
    response = client.post(link)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="new@example.org").verified is True
    user = get_user_model().objects.get(email="new@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signing_up_with_a_known_email_looks_the_same(db, mailoutbox):
    verified_user("known@example.org")

    known = _signup(Client(), "known@example.org")
    unknown = _signup(Client(), "unknown@example.org")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert get_user_model().objects.filter(email="known@example.org").count() == 1
    assert sorted(m.to[0] for m in mailoutbox) == ["known@example.org", "unknown@example.org"]


def test_signup_can_be_closed(db, settings):
    settings.SMEFORUM_OPEN_SIGNUP = False

    response = Client().post(
        SIGNUP, {"email": "x@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert "Sign Up Closed" in response.content.decode()
    assert not get_user_model().objects.filter(email="x@example.org").exists()


def test_password_reset_replies_the_same_for_known_and_unknown(db, mailoutbox):
    verified_user("known@example.org")

    known = Client().post(RESET, {"email": "known@example.org"})
    unknown = Client().post(RESET, {"email": "unknown@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("account_reset_password_done")
    assert sorted(m.to[0] for m in mailoutbox) == ["known@example.org", "unknown@example.org"]


def test_the_reset_link_sets_a_new_password(db, mailoutbox):
    user = verified_user("known@example.org")
    Client().post(RESET, {"email": "known@example.org"})
    client = Client()

    form_page = client.get(_link(mailoutbox[0]), follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response["Location"] == reverse("account_reset_password_from_key_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(PASSWORD)
