"""Invitations: an organiser invites a delegation lead, an organiser or a participant by email;
the link in the email lets them set a password (or sign in) and gives them the role.

A link is ``signing.dumps({"i": id, "n": nonce})`` signed with the secret key: nothing secret is
stored in plain text, the mail task can rebuild the link from the invitation's id, and a
revoked, accepted or expired invitation's link does nothing.
"""

from __future__ import annotations

import datetime as dt
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smeforum.accounts.domain.roles import (
    appoint_delegation_lead,
    grant_organiser_role,
    link_person_account,
)
from smeforum.accounts.models import DelegationLead, Invitation, PersonAccount
from smeforum.audit.domain import log_action, save_record
from smeforum.forums.models import Edition, ForumSeries
from smeforum.orgs.models import Person
from smeforum.participants.models import Delegation

_SALT = "smeforum.accounts.invitation"


def invitation_token(invitation: Invitation) -> str:
    """The token of the invitation's link."""
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=_SALT)


def invitation_for_token(token: str) -> Invitation:
    """The open invitation a link's token names; ``ValidationError`` for any other token
    (tampered, unknown, revoked, accepted or expired), with one message for all of them."""
    invalid = ValidationError(
        _("This invitation link is not valid: it may have expired, been used or been withdrawn.")
    )
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        raise invalid from None
    invitation = Invitation.objects.filter(pk=data.get("i"), nonce=data.get("n")).first()
    if invitation is None or invitation.state != "open":
        raise invalid
    return invitation


def _invite(invitation: Invitation, *, actor) -> Invitation:
    invitation.email = invitation.email.strip().lower()
    invitation.nonce = secrets.token_hex(16)
    invitation.invited_by = actor if getattr(actor, "pk", None) else None
    invitation.expires_at = timezone.now() + dt.timedelta(days=settings.SMEFORUM_INVITATION_DAYS)
    with transaction.atomic():
        save_record(invitation, actor=actor, action="accounts.invitation.sent")
        transaction.on_commit(lambda: _send(invitation.pk))
    return invitation


def _send(invitation_id: int) -> None:
    from smeforum.accounts.tasks import send_invitation_email  # noqa: PLC0415 - tasks import us

    send_invitation_email.enqueue(invitation_id)


def send_invitation(invitation: Invitation, *, actor=None) -> Invitation:
    """Send a new invitation built by a form (the role and its target filled in): the other
    ``invite_*`` functions build it from their arguments. Side effects: the invitation, its
    audit entry, and the email (a task, after commit)."""
    if invitation.pk is not None:
        raise ValidationError(
            _("A sent invitation cannot be changed; withdraw it and send another.")
        )
    return _invite(invitation, actor=actor)


def invite_delegation_lead(
    delegation: Delegation, *, email: str, person: Person | None = None, actor=None
) -> Invitation:
    """Invite ``email`` to lead ``delegation`` (and, if given, to be ``person``).
    Side effects: the invitation, its audit entry, and the email (a task, after commit)."""
    invitation = Invitation(
        email=email, role=Invitation.Role.DELEGATION_LEAD, delegation=delegation, person=person
    )
    return _invite(invitation, actor=actor)


def invite_organiser(
    series: ForumSeries,
    *,
    email: str,
    permissions: list[str] | tuple[str, ...],
    edition: Edition | None = None,
    actor=None,
) -> Invitation:
    """Invite ``email`` to the organiser team of ``series`` (or one edition) with the named
    permissions."""
    invitation = Invitation(
        email=email,
        role=Invitation.Role.ORGANISER,
        series=series,
        edition=edition,
        permissions=sorted(permissions),
    )
    return _invite(invitation, actor=actor)


def invite_participant(person: Person, *, email: str = "", actor=None) -> Invitation:
    """Invite a registered person to create their login (sent to ``email`` or theirs)."""
    address = email or person.email
    if not address:
        raise ValidationError({"email": _("%(person)s has no email address.") % {"person": person}})
    invitation = Invitation(email=address, role=Invitation.Role.PARTICIPANT, person=person)
    return _invite(invitation, actor=actor)


def resend_invitation(invitation: Invitation, *, actor=None) -> Invitation:
    """A new link (the old one stops working) and a new expiry; the email is sent again."""
    if invitation.accepted_at or invitation.revoked_at:
        raise ValidationError(_("Only an open or expired invitation can be sent again."))
    return _invite(invitation, actor=actor)


def revoke_invitation(invitation: Invitation, *, actor=None) -> Invitation:
    """Withdraw the invitation: its link stops working."""
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has already been accepted."))
    invitation.revoked_at = timezone.now()
    return save_record(invitation, actor=actor, action="accounts.invitation.revoked")


def _apply_role(invitation: Invitation, user) -> None:
    if invitation.person_id and not PersonAccount.objects.filter(user=user).exists():
        if PersonAccount.objects.filter(person_id=invitation.person_id).exists():
            raise ValidationError(_("Another login is already linked to this person."))
        link_person_account(invitation.person, user=user, actor=user)
    if invitation.role == Invitation.Role.DELEGATION_LEAD and not (
        DelegationLead.objects.filter(user=user, delegation_id=invitation.delegation_id).exists()
    ):
        appoint_delegation_lead(invitation.delegation, user=user, actor=user)
    elif invitation.role == Invitation.Role.ORGANISER:
        grant_organiser_role(
            invitation.series,
            user=user,
            edition=invitation.edition,
            permissions=invitation.permissions,
            actor=invitation.invited_by,
        )


def accept_invitation(invitation: Invitation, *, user=None, password: str = ""):
    """Accept ``invitation``: as the signed-in ``user`` (whose email must be the invited one),
    or, with ``password``, as a new account for the invited email (verified, since the link
    reached that mailbox). Returns the user. Refuses a second acceptance, also when two
    requests race (the invitation row is locked)."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.state != "open":
            raise ValidationError(_("This invitation has already been used or withdrawn."))
        user_model = get_user_model()
        if user is None:
            if user_model.objects.filter(email__iexact=locked.email).exists():
                raise ValidationError(
                    _("An account for %(email)s exists: sign in, then open the link again.")
                    % {"email": locked.email}
                )
            user = user_model(username=locked.email, email=locked.email)
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise ValidationError({"password": exc.messages}) from None
            user.set_password(password)
            user.full_clean(exclude=["password"])
            user.save()
            log_action(user, action="accounts.user.created_from_invitation", actor=user)
        elif user.email.strip().lower() != locked.email:
            raise ValidationError(
                _("This invitation is for %(email)s; sign in with that account.")
                % {"email": locked.email}
            )
        EmailAddress.objects.update_or_create(
            user=user,
            email__iexact=locked.email,
            defaults={"email": locked.email, "verified": True, "primary": True},
        )
        _apply_role(locked, user)
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        save_record(locked, actor=user, action="accounts.invitation.accepted")
    return user
