"""Invitations: the signed link, accepting it as a new or an existing account, and the roles it
gives; a link works once, until it expires or is withdrawn."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from smeforum.accounts.domain.invitations import (
    accept_invitation,
    invitation_for_token,
    invitation_token,
    invite_delegation_lead,
    invite_organiser,
    invite_participant,
    resend_invitation,
    revoke_invitation,
)
from smeforum.accounts.models import DelegationLead, Invitation, OrganiserRole, PersonAccount
from smeforum.audit.models import AuditEntry
from tests.factories import (
    DelegationFactory,
    EditionFactory,
    PersonFactory,
    UserFactory,
    verified_user,
)

pytestmark = pytest.mark.unit

PASSWORD = "a long enough passphrase"
INVALID = "This invitation link is not valid: it may have expired, been used or been withdrawn."


@pytest.fixture
def organiser(db):
    return UserFactory(username="organiser", is_superuser=True)


@pytest.fixture
def delegation(db):
    return DelegationFactory(name_en="Delegation of Serbia")


def _refusal(call) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        call()
    return exc.value.messages


def test_a_lead_invitation_accepted_with_a_password_creates_a_verified_lead(organiser, delegation):
    invitation = invite_delegation_lead(delegation, email=" Lead@Example.org ", actor=organiser)
    found = invitation_for_token(invitation_token(invitation))

    user = accept_invitation(found, password=PASSWORD)

    assert (user.username, user.email) == ("lead@example.org", "lead@example.org")
    assert user.check_password(PASSWORD)
    assert EmailAddress.objects.filter(user=user, verified=True, primary=True).count() == 1
    assert list(DelegationLead.objects.filter(user=user).values_list("delegation", flat=True)) == [
        delegation.pk
    ]
    invitation.refresh_from_db()
    assert (invitation.state, invitation.accepted_by) == ("accepted", user)
    assert list(
        AuditEntry.objects.filter(action__startswith="accounts.invitation")
        .order_by("id")
        .values_list("action", "actor")
    ) == [("accounts.invitation.sent", organiser.pk), ("accounts.invitation.accepted", user.pk)]


def test_the_link_works_once(organiser, delegation):
    invitation = invite_delegation_lead(delegation, email="lead@example.org", actor=organiser)
    token = invitation_token(invitation)
    accept_invitation(invitation, password=PASSWORD)

    assert _refusal(lambda: invitation_for_token(token)) == [INVALID]
    assert _refusal(lambda: accept_invitation(invitation, password=PASSWORD)) == [
        "This invitation has already been used or withdrawn."
    ]


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda inv: revoke_invitation(inv), id="withdrawn"),
        pytest.param(
            lambda inv: Invitation.objects.filter(pk=inv.pk).update(
                expires_at=timezone.now() - dt.timedelta(seconds=1)
            ),
            id="expired",
        ),
        pytest.param(lambda inv: resend_invitation(inv), id="sent-again"),
    ],
)
def test_withdrawn_expired_or_replaced_links_do_nothing(organiser, delegation, spoil):
    invitation = invite_delegation_lead(delegation, email="lead@example.org", actor=organiser)
    token = invitation_token(invitation)

    spoil(invitation)

    assert _refusal(lambda: invitation_for_token(token)) == [INVALID]


def test_a_tampered_or_forged_token_is_refused(organiser, delegation):
    invitation = invite_delegation_lead(delegation, email="lead@example.org", actor=organiser)
    forged = signing.dumps({"i": invitation.pk, "n": "guess"}, salt="smeforum.accounts.invitation")

    assert _refusal(lambda: invitation_for_token(invitation_token(invitation) + "x")) == [INVALID]
    assert _refusal(lambda: invitation_for_token(forged)) == [INVALID]


def test_a_weak_password_is_refused_naming_the_field(organiser, delegation):
    invitation = invite_delegation_lead(delegation, email="lead@example.org", actor=organiser)

    with pytest.raises(ValidationError) as exc:
        accept_invitation(invitation, password="123")

    assert list(exc.value.message_dict) == ["password"]
    assert not get_user_model().objects.filter(email="lead@example.org").exists()
    assert Invitation.objects.get(pk=invitation.pk).state == "open"


def test_an_existing_account_must_sign_in_and_then_accepts(organiser, delegation):
    existing = verified_user("lead@example.org")
    invitation = invite_delegation_lead(delegation, email="lead@example.org", actor=organiser)

    refused = _refusal(lambda: accept_invitation(invitation, password=PASSWORD))
    user = accept_invitation(invitation, user=existing)

    assert refused == ["An account for lead@example.org exists: sign in, then open the link again."]
    assert user == existing
    assert DelegationLead.objects.filter(user=existing, delegation=delegation).count() == 1


def test_another_signed_in_account_cannot_take_the_invitation(organiser, delegation):
    invitation = invite_delegation_lead(delegation, email="lead@example.org", actor=organiser)
    someone = verified_user("someone@example.org")

    assert _refusal(lambda: accept_invitation(invitation, user=someone)) == [
        "This invitation is for lead@example.org; sign in with that account."
    ]
    assert not DelegationLead.objects.filter(user=someone).exists()


def test_an_organiser_invitation_grants_the_named_permissions(organiser):
    edition = EditionFactory()
    invitation = invite_organiser(
        edition.series,
        email="staff@example.org",
        edition=edition,
        permissions=["programme", "outcomes"],
        actor=organiser,
    )

    user = accept_invitation(invitation, password=PASSWORD)

    role = OrganiserRole.objects.get(user=user)
    assert (role.series, role.edition, role.permissions) == (
        edition.series,
        edition,
        ["programme", "outcomes"],
    )


def test_an_unknown_permission_is_refused(organiser):
    with pytest.raises(ValidationError) as exc:
        invite_organiser(
            EditionFactory().series, email="x@example.org", permissions=["root"], actor=organiser
        )

    assert exc.value.message_dict == {"permissions": ["Unknown permission: root."]}


def test_a_participant_invitation_links_the_login_to_the_person(organiser):
    person = PersonFactory(name="Petra Participant", email="petra@example.org")

    invitation = invite_participant(person, actor=organiser)
    user = accept_invitation(invitation, password=PASSWORD)

    assert invitation.email == "petra@example.org"
    assert PersonAccount.objects.get(user=user).person == person


def test_a_person_without_email_cannot_be_invited(organiser):
    person = PersonFactory(name="No Mail", email="")

    with pytest.raises(ValidationError) as exc:
        invite_participant(person, actor=organiser)

    assert exc.value.message_dict == {"email": ["No Mail has no email address."]}


def test_a_role_without_its_target_is_refused(organiser):
    with pytest.raises(ValidationError) as exc:
        invite_delegation_lead(None, email="x@example.org", actor=organiser)

    assert exc.value.message_dict == {"delegation": ["This role needs a delegation."]}
