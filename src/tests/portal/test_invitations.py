"""The invitation's page: from the organiser's form in the back office, through the email, to a
new lead signed in with their role."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from smeforum.accounts.domain.invitations import invitation_token, invite_delegation_lead
from smeforum.accounts.models import DelegationLead, Invitation
from tests.factories import DelegationFactory, UserFactory, verified_user

pytestmark = pytest.mark.integration

PASSWORD = "a long enough passphrase"


@pytest.fixture
def delegation(db):
    return DelegationFactory(name_en="Delegation of Serbia")


def _url(invitation) -> str:
    return reverse("portal:invitation", kwargs={"token": invitation_token(invitation)})


def test_an_organiser_invites_a_lead_who_sets_a_password_and_is_signed_in(
    client, delegation, django_capture_on_commit_callbacks, mailoutbox
):
    organiser = UserFactory(username="organiser", is_staff=True, is_superuser=True)
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:accounts_invitation_add"),
            {"email": "lead@example.org", "role": "delegation_lead", "delegation": delegation.pk},
        )
    [mail] = mailoutbox
    link = re.search(r"http://127\.0\.0\.1:8000(/\S+)", mail.body).group(1)
    invitee = Client()

    page = invitee.get(link)
    response = invitee.post(link, {"password1": PASSWORD, "password2": PASSWORD})

    assert mail.to == ["lead@example.org"]
    assert mail.subject == "[smeforum] You are invited to smeforum as delegation lead"
    assert "Delegation of Serbia" in page.content.decode()
    assert response["Location"] == reverse("portal:dashboard")
    lead = DelegationLead.objects.get(delegation=delegation)
    assert (lead.user.email, invitee.session["_auth_user_id"]) == (
        "lead@example.org",
        str(lead.user.pk),
    )
    assert Invitation.objects.get().invited_by == organiser


def test_different_passwords_are_refused_on_the_field(client, delegation):
    invitation = invite_delegation_lead(delegation, email="lead@example.org")

    response = client.post(_url(invitation), {"password1": PASSWORD, "password2": "other one"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"password2": ["The two passwords differ."]}
    assert not DelegationLead.objects.exists()


def test_an_existing_account_is_asked_to_sign_in_then_accepts(client, delegation):
    user = verified_user("lead@example.org")
    invitation = invite_delegation_lead(delegation, email="lead@example.org")

    page = client.get(_url(invitation))
    client.force_login(user)
    response = client.post(_url(invitation))

    assert "An account with this email exists." in page.content.decode()
    assert response["Location"] == reverse("portal:dashboard")
    assert DelegationLead.objects.get().user == user


def test_another_signed_in_account_is_refused(client, delegation):
    invitation = invite_delegation_lead(delegation, email="lead@example.org")
    client.force_login(verified_user("someone@example.org"))

    response = client.post(_url(invitation))

    assert "This invitation is for lead@example.org; sign in with that account." in (
        response.content.decode()
    )
    assert not DelegationLead.objects.exists()


def test_a_used_link_shows_why_it_does_not_work(client, delegation):
    invitation = invite_delegation_lead(delegation, email="lead@example.org")
    url = _url(invitation)
    client.post(url, {"password1": PASSWORD, "password2": PASSWORD})

    response = Client().get(url)

    assert response.status_code == 404
    assert "This invitation link is not valid" in response.content.decode()
