"""Granting and revoking organiser roles, appointing delegation leads, linking people."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from smeforum.accounts.models import (
    ORGANISER_PERMISSIONS,
    DelegationLead,
    OrganiserRole,
    PersonAccount,
)
from smeforum.audit.domain import delete_record, save_record
from smeforum.forums.models import Edition, ForumSeries
from smeforum.orgs.models import Person
from smeforum.participants.models import Delegation


def grant_organiser_role(
    series: ForumSeries,
    *,
    user,
    edition: Edition | None = None,
    permissions: list[str] | tuple[str, ...] = (),
    actor=None,
) -> OrganiserRole:
    """Give ``user`` a role on ``series`` (or one edition of it) with the named permissions.

    A user who already has a role on the same scope gets its permissions replaced.
    Side effects: the role row and its audit entry.
    """
    unknown = sorted(set(permissions) - set(ORGANISER_PERMISSIONS))
    if unknown:
        raise ValidationError(
            _("Unknown permission: %(names)s.") % {"names": ", ".join(unknown)}, code="invalid"
        )
    with transaction.atomic():
        role = OrganiserRole.objects.filter(user=user, series=series, edition=edition).first()
        if role is None:
            role = OrganiserRole(user=user, series=series, edition=edition)
        for name in ORGANISER_PERMISSIONS:
            setattr(role, f"can_{name}", name in permissions)
        return save_record(role, actor=actor)


def save_organiser_role(role: OrganiserRole, *, actor=None) -> OrganiserRole:
    return save_record(role, actor=actor)


def revoke_organiser_role(role: OrganiserRole, *, actor=None) -> None:
    """Remove the role. Side effects: the delete and its audit entry."""
    delete_record(role, actor=actor, action="accounts.organiserrole.revoked")


def appoint_delegation_lead(delegation: Delegation, *, user, actor=None) -> DelegationLead:
    """Make ``user`` a lead of ``delegation``; refuses a second appointment of the same user."""
    lead = DelegationLead(delegation=delegation, user=user)
    try:
        with transaction.atomic():
            return save_record(lead, actor=actor, action="accounts.delegationlead.appointed")
    except IntegrityError:
        if DelegationLead.objects.filter(delegation=delegation, user=user).exists():
            raise ValidationError(_("This user already leads this delegation.")) from None
        raise


def save_delegation_lead(lead: DelegationLead, *, actor=None) -> DelegationLead:
    return save_record(lead, actor=actor)


def link_person_account(person: Person, *, user, actor=None) -> PersonAccount:
    """Link a login to the person it is, so they see their own registrations."""
    return save_record(
        PersonAccount(person=person, user=user), actor=actor, action="accounts.personaccount.linked"
    )


def save_person_account(account: PersonAccount, *, actor=None) -> PersonAccount:
    return save_record(account, actor=actor)
