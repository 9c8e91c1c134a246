"""Registering people to editions and forming delegations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from smeforum.audit.domain import save_record
from smeforum.forums.models import Edition
from smeforum.orgs.domain.organisations import save_person
from smeforum.orgs.models import Person
from smeforum.participants.models import Delegation, Registration


def register_person(
    edition: Edition,
    *,
    person: Person,
    category: str,
    status: str = Registration.Status.REGISTERED,
    delegation: Delegation | None = None,
    is_sample: bool = False,
    actor=None,
) -> Registration:
    """Register ``person`` to ``edition``.

    Refuses a second registration of the same person, also when two requests race (the
    database's unique constraint decides). Side effects: one Registration row, its audit entry.
    """
    registration = Registration(
        edition=edition,
        person=person,
        category=category,
        status=status,
        delegation=delegation,
        is_sample=is_sample,
    )
    try:
        with transaction.atomic():
            return save_record(registration, actor=actor)
    except IntegrityError:
        if Registration.objects.filter(edition=edition, person=person).exists():
            raise ValidationError(
                _("%(person)s is already registered to this edition.") % {"person": person}
            ) from None
        raise


def register_new_person(
    edition: Edition,
    *,
    person: Person,
    category: str,
    status: str = Registration.Status.REGISTERED,
    delegation: Delegation | None = None,
    actor=None,
) -> Registration:
    """Save the new ``person`` and register them to ``edition``, all or nothing.

    Side effects: the Person row, the Registration row, their audit entries; one transaction.
    The person's validation errors name the person's fields.
    """
    with transaction.atomic():
        save_person(person, actor=actor)
        return register_person(
            edition,
            person=person,
            category=category,
            status=status,
            delegation=delegation,
            actor=actor,
        )


def withdraw_registration(registration: Registration, *, actor=None) -> Registration:
    """Withdraw a registration: it stays, with the status cancelled, so its history does too.
    Side effects: the row and an audit entry (none when already cancelled)."""
    registration.status = Registration.Status.CANCELLED
    return save_record(registration, actor=actor, action="participants.registration.withdrawn")


def change_registration_status(
    registration: Registration, *, status: str, actor=None
) -> Registration:
    """Move a registration to ``status``. Side effects: the row and an audit entry."""
    registration.status = status
    return save_record(registration, actor=actor, action="participants.registration.status_changed")


def save_registration(registration: Registration, *, actor=None) -> Registration:
    return save_record(registration, actor=actor)


def save_delegation(delegation: Delegation, *, actor=None) -> Delegation:
    """Validate and save a delegation. Its head, if set, must be one of its members."""
    if delegation.head_id:
        _check_head(delegation, delegation.head)
    return save_record(delegation, actor=actor)


def _check_head(delegation: Delegation, person: Person) -> None:
    """The head must be a member; a delegation not yet saved has no members."""
    if delegation.pk is None or not delegation.members.filter(person=person).exists():
        raise ValidationError(
            {
                "head": _(
                    "%(person)s is not a member of this delegation; add their registration first."
                )
                % {"person": person}
            }
        )


def add_delegation_member(
    delegation: Delegation, *, registration: Registration, actor=None
) -> Registration:
    """Put a registration of the same edition into the delegation."""
    if registration.edition_id != delegation.edition_id:
        raise ValidationError({"delegation": _("The delegation belongs to another edition.")})
    registration.delegation = delegation
    return save_record(registration, actor=actor, action="participants.registration.delegation_set")


def remove_delegation_member(registration: Registration, *, actor=None) -> Registration:
    """Take a registration out of its delegation. Side effects: the row, an audit entry."""
    registration.delegation = None
    return save_record(
        registration, actor=actor, action="participants.registration.delegation_removed"
    )


def set_delegation_head(delegation: Delegation, *, person: Person, actor=None) -> Delegation:
    """Make a member of the delegation its head."""
    with transaction.atomic():
        _check_head(delegation, person)
        delegation.head = person
        return save_record(delegation, actor=actor, action="participants.delegation.head_set")
