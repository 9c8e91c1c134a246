"""Registrations and delegations of an edition, scoped to the caller, and their writes.

Who may write (the rules in accounts/rules.py):

- registrations: an organiser with the participants permission, anywhere in the edition; a
  delegation lead only within the delegation they lead (a new registration is placed in it; a
  member cannot be moved to another delegation or taken out of it);
- delegations: an organiser with the delegations permission creates and edits them; a lead may
  change only the head of their own delegation, among its members.

Objects the caller may not see answer 404, like ones that do not exist; seen but not writable,
403. ``DELETE`` on a registration withdraws it: it stays, cancelled, with its history.
"""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from smeforum.accounts import queries
from smeforum.api.auth import API_AUTH
from smeforum.api.common import AUTH_ERRORS, VERSION_HELP, WRITE_ERRORS, BodyIn, unchanged_since
from smeforum.api.errors import NotFound, api_field_names
from smeforum.audit.domain import fingerprint, snapshot_token
from smeforum.forums.models import Edition
from smeforum.orgs.models import Organisation, Person
from smeforum.participants.domain.registrations import (
    add_delegation_member,
    change_registration_status,
    register_new_person,
    register_person,
    remove_delegation_member,
    save_delegation,
    save_registration,
    set_delegation_head,
    withdraw_registration,
)
from smeforum.participants.models import Delegation, Registration
from smeforum.reference.models import City

router = Router(auth=API_AUTH, tags=["participants"])

Category = Literal[tuple(Registration.Category.values)]  # type: ignore[valid-type]
RegistrationStatus = Literal[tuple(Registration.Status.values)]  # type: ignore[valid-type]
DelegationKind = Literal[tuple(Delegation.Kind.values)]  # type: ignore[valid-type]


class RegistrationOut(Schema):
    id: int
    person: str
    person_id: int
    organisation: str | None = None
    country: str | None = None
    category: str
    status: str
    delegation: str | None = None
    delegation_id: int | None = None
    email: str | None = None
    phone: str | None = None
    version: str


class DelegationOut(Schema):
    id: int
    name: str
    name_en: str
    name_zh: str
    kind: str
    country: str
    city_id: int | None = None
    organisation_id: int | None = None
    head: str | None = None
    head_id: int | None = None
    version: str


class PersonIn(BodyIn):
    """A person not yet in the register."""

    name: str = Field(..., description="Name in the original script.")
    name_latin: str = ""
    position: str = ""
    organisation_id: int | None = None
    email: str = ""
    phone: str = ""


class RegistrationIn(BodyIn):
    person_id: int | None = Field(None, description="An existing person (one you may see).")
    person: PersonIn | None = Field(None, description="Or a new person.")
    category: Category
    status: RegistrationStatus = Registration.Status.REGISTERED
    delegation_id: int | None = Field(
        None, description="For a delegation lead: the delegation they lead (the default)."
    )


class RegistrationPatch(BodyIn):
    category: Category | None = None
    status: RegistrationStatus | None = None
    delegation_id: int | None = None
    version: str | None = Field(None, description=VERSION_HELP)


class DelegationIn(BodyIn):
    kind: DelegationKind
    name_en: str
    name_zh: str = ""
    country: str
    city_id: int | None = None
    organisation_id: int | None = None


class DelegationPatch(BodyIn):
    kind: DelegationKind | None = None
    name_en: str | None = None
    name_zh: str | None = None
    country: str | None = None
    city_id: int | None = None
    organisation_id: int | None = None
    head_id: int | None = Field(None, description="A member of the delegation (or null).")
    version: str | None = Field(None, description=VERSION_HELP)


DELEGATION_FIELDS = {"city": "city_id", "organisation": "organisation_id", "head": "head_id"}
REGISTRATION_FIELDS = {"delegation": "delegation_id", "person": "person_id"}
#: A new person's fields, as the body names them (the person's and the registration's fields
#: do not overlap).
NEW_PERSON_FIELDS = {
    **REGISTRATION_FIELDS,
    **{name: f"person.{name}" for name in ("name", "name_latin", "position", "email", "phone")},
    "organisation": "person.organisation_id",
}


def _registration_out(r: Registration, *, contacts: bool, version: str) -> RegistrationOut:
    organisation = r.person.organisation if r.person.organisation_id else None
    return RegistrationOut(
        id=r.id,
        person=str(r.person),
        person_id=r.person_id,
        organisation=organisation.name if organisation else None,
        country=organisation.country if organisation else None,
        category=r.category,
        status=r.status,
        delegation=r.delegation.name if r.delegation_id else None,
        delegation_id=r.delegation_id,
        email=r.person.email if contacts else None,
        phone=r.person.phone if contacts else None,
        version=version,
    )


def _delegation_out(d: Delegation, *, version: str) -> DelegationOut:
    return DelegationOut(
        id=d.id,
        name=d.name,
        name_en=d.name_en,
        name_zh=d.name_zh,
        kind=d.kind,
        country=d.country,
        city_id=d.city_id,
        organisation_id=d.organisation_id,
        head=str(d.head) if d.head_id else None,
        head_id=d.head_id,
        version=version,
    )


def _edition(series: str, number: int) -> Edition:
    return get_object_or_404(
        Edition.objects.select_related("series"), series__slug=series, number=number
    )


def _refuse(field: str, message: str):
    raise ValidationError({field: message})


def _require(user, permission: str, obj, message: str) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied(message)


def _fresh_registration(user, pk: int) -> RegistrationOut:
    registration = queries.any_registrations_visible_to(user).get(pk=pk)
    contacts = queries.sees_all_registrations(user, registration.edition)
    return _registration_out(registration, contacts=contacts, version=snapshot_token(registration))


def _fresh_delegation(pk: int) -> DelegationOut:
    delegation = Delegation.objects.select_related("head").get(pk=pk)
    return _delegation_out(delegation, version=snapshot_token(delegation))


# --- registrations --------------------------------------------------------------------------


@router.get(
    "/editions/{series}/{number}/registrations",
    response={200: list[RegistrationOut], **AUTH_ERRORS},
    exclude_none=True,
)
def list_registrations(request, series: str, number: int):
    """The registrations of an edition the caller may see. Contacts only for organisers with
    the participants permission."""
    edition = _edition(series, number)
    contacts = queries.sees_all_registrations(request.auth, edition)
    rows = queries.registrations_visible_to(request.auth, edition).select_related(
        "person__organisation", "delegation"
    )
    return [
        _registration_out(r, contacts=contacts, version=fingerprint(r)) for r in rows.order_by("id")
    ]


@router.post(
    "/editions/{series}/{number}/registrations",
    response={201: RegistrationOut, **WRITE_ERRORS},
    exclude_none=True,
)
def create_registration(request, series: str, number: int, payload: RegistrationIn):
    """Register an existing person (``person_id``) or a new one (``person``). A delegation lead
    registers into the delegation they lead."""
    user = request.auth
    edition = get_object_or_404(
        queries.editions_visible_to(user), series__slug=series, number=number
    )
    delegation = None
    if payload.delegation_id is not None:
        delegation = (
            queries.delegations_visible_to(user, edition).filter(pk=payload.delegation_id).first()
        )
        if delegation is None:
            raise NotFound("delegation_id")
    elif not user.has_perm("participants.add_registration", edition):
        led = list(queries.delegations_led_by(user, edition)[:2])
        delegation = led[0] if len(led) == 1 else None
    _require(
        user,
        "participants.add_registration",
        delegation or edition,
        _("You may not register people to this edition or delegation."),
    )
    if (payload.person_id is None) == (payload.person is None):
        _refuse("person_id", _("Give either person_id (an existing person) or person."))
    names = REGISTRATION_FIELDS if payload.person_id is not None else NEW_PERSON_FIELDS
    with api_field_names(**names):
        if payload.person_id is not None:
            person = queries.people_nameable_by(user).filter(pk=payload.person_id).first()
            if person is None:
                raise NotFound("person_id")
            registration = register_person(
                edition,
                person=person,
                category=payload.category,
                status=payload.status,
                delegation=delegation,
                actor=user,
            )
        else:
            registration = register_new_person(
                edition,
                person=_new_person(payload.person),
                category=payload.category,
                status=payload.status,
                delegation=delegation,
                actor=user,
            )
    return Status(201, _fresh_registration(user, registration.pk))


def _new_person(data: PersonIn) -> Person:
    organisation = None
    if data.organisation_id is not None:
        organisation = Organisation.objects.filter(pk=data.organisation_id).first()
        if organisation is None:
            raise NotFound("person.organisation_id")
    return Person(
        name=data.name,
        name_latin=data.name_latin,
        position=data.position,
        organisation=organisation,
        email=data.email,
        phone=data.phone,
    )


@router.get(
    "/registrations/{registration_id}",
    response={200: RegistrationOut, **AUTH_ERRORS},
    exclude_none=True,
)
def get_registration(request, registration_id: int):
    """One registration the caller may see, with its ``version``."""
    get_object_or_404(queries.any_registrations_visible_to(request.auth), pk=registration_id)
    return _fresh_registration(request.auth, registration_id)


@router.patch(
    "/registrations/{registration_id}",
    response={200: RegistrationOut, **WRITE_ERRORS},
    exclude_none=True,
)
def update_registration(request, registration_id: int, payload: RegistrationPatch):
    """Change the status, category or delegation (``null``: none). A lead changes only their
    delegation's members and cannot move them to another delegation or out of theirs."""
    user = request.auth
    registration = get_object_or_404(queries.any_registrations_visible_to(user), pk=registration_id)
    _require(
        user,
        "participants.change_registration",
        registration,
        _("You may not change this registration."),
    )
    changes = payload.dict(exclude_unset=True)
    target = registration.delegation
    if "delegation_id" in changes and changes["delegation_id"] != registration.delegation_id:
        target = _target_delegation(user, registration, changes["delegation_id"])
    with (
        unchanged_since(request, registration, payload.version),
        api_field_names(**REGISTRATION_FIELDS),
    ):
        if changes.get("category") is not None:
            registration.category = changes["category"]
            save_registration(registration, actor=user)
        if changes.get("status") is not None:
            change_registration_status(registration, status=changes["status"], actor=user)
        if target is None and registration.delegation_id is not None:
            remove_delegation_member(registration, actor=user)
        elif target is not None and target.pk != registration.delegation_id:
            add_delegation_member(target, registration=registration, actor=user)
    return _fresh_registration(user, registration.pk)


def _target_delegation(user, registration: Registration, delegation_id: int | None):
    """The delegation a registration moves to; 404 when the caller may not see it, 403 when
    they may not place people there."""
    if delegation_id is None:
        _require(
            user,
            "participants.add_registration",
            registration.edition,
            _("A delegation lead cannot take a member out of the delegation; withdraw it."),
        )
        return None
    target = (
        queries.delegations_visible_to(user, registration.edition).filter(pk=delegation_id).first()
    )
    if target is None:
        raise NotFound("delegation_id")
    _require(
        user,
        "participants.add_registration",
        target,
        _("You may not place registrations in this delegation."),
    )
    return target


@router.delete(
    "/registrations/{registration_id}",
    response={200: RegistrationOut, **WRITE_ERRORS},
    exclude_none=True,
)
def withdraw(request, registration_id: int):
    """Withdraw a registration: it is kept, with the status ``cancelled``, so its history and
    the audit trail stay. Answers the withdrawn registration."""
    user = request.auth
    registration = get_object_or_404(queries.any_registrations_visible_to(user), pk=registration_id)
    _require(
        user,
        "participants.change_registration",
        registration,
        _("You may not withdraw this registration."),
    )
    with unchanged_since(request, registration, None):
        withdraw_registration(registration, actor=user)
    return _fresh_registration(user, registration.pk)


# --- delegations ----------------------------------------------------------------------------


@router.get(
    "/editions/{series}/{number}/delegations",
    response={200: list[DelegationOut], **AUTH_ERRORS},
    exclude_none=True,
)
def list_delegations(request, series: str, number: int):
    """The delegations of an edition the caller may see."""
    edition = _edition(series, number)
    rows = queries.delegations_visible_to(request.auth, edition).select_related("head")
    return [_delegation_out(d, version=fingerprint(d)) for d in rows.order_by("id")]


@router.post(
    "/editions/{series}/{number}/delegations",
    response={201: DelegationOut, **WRITE_ERRORS},
    exclude_none=True,
)
def create_delegation(request, series: str, number: int, payload: DelegationIn):
    """Create a delegation (organisers with the delegations permission). Its head is chosen
    later, among its members."""
    user = request.auth
    edition = get_object_or_404(
        queries.editions_visible_to(user), series__slug=series, number=number
    )
    _require(
        user,
        "participants.add_delegation",
        edition,
        _("You may not create delegations in this edition."),
    )
    delegation = Delegation(edition=edition, kind=payload.kind, name_en=payload.name_en)
    delegation.name_zh = payload.name_zh
    delegation.country = payload.country.upper()
    delegation.city = _city(payload.city_id)
    delegation.organisation = _organisation(payload.organisation_id)
    with api_field_names(**DELEGATION_FIELDS):
        save_delegation(delegation, actor=user)
    return Status(201, _fresh_delegation(delegation.pk))


def _city(city_id: int | None):
    if city_id is None:
        return None
    city = City.objects.filter(pk=city_id).first()
    if city is None:
        raise NotFound("city_id")
    return city


def _organisation(organisation_id: int | None):
    if organisation_id is None:
        return None
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise NotFound("organisation_id")
    return organisation


@router.get(
    "/delegations/{delegation_id}",
    response={200: DelegationOut, **AUTH_ERRORS},
    exclude_none=True,
)
def get_delegation(request, delegation_id: int):
    """One delegation the caller may see, with its ``version``."""
    get_object_or_404(queries.any_delegations_visible_to(request.auth), pk=delegation_id)
    return _fresh_delegation(delegation_id)


@router.patch(
    "/delegations/{delegation_id}",
    response={200: DelegationOut, **WRITE_ERRORS},
    exclude_none=True,
)
def update_delegation(request, delegation_id: int, payload: DelegationPatch):
    """Edit a delegation (organisers with the delegations permission), or, for its lead, only
    its head (``head_id``: one of its members, or null)."""
    user = request.auth
    delegation = get_object_or_404(queries.any_delegations_visible_to(user), pk=delegation_id)
    _require(
        user, "participants.change_delegation", delegation, _("You may not change this delegation.")
    )
    changes = payload.dict(exclude_unset=True)
    changes.pop("version", None)
    head_changes = "head_id" in changes
    details = {key: value for key, value in changes.items() if key != "head_id"}
    if details:
        _require(
            user,
            "participants.edit_delegation",
            delegation,
            _("A delegation lead may change only the head of the delegation."),
        )
    with (
        unchanged_since(request, delegation, payload.version),
        api_field_names(**DELEGATION_FIELDS),
    ):
        if details:
            for key, value in details.items():
                if key == "city_id":
                    delegation.city = _city(value)
                elif key == "organisation_id":
                    delegation.organisation = _organisation(value)
                elif value is not None:
                    setattr(delegation, key, value.upper() if key == "country" else value)
            save_delegation(delegation, actor=user)
        if head_changes:
            _change_head(delegation, changes["head_id"], actor=user)
    return _fresh_delegation(delegation.pk)


def _change_head(delegation: Delegation, head_id: int | None, *, actor) -> None:
    if head_id is None:
        delegation.head = None
        save_delegation(delegation, actor=actor)
        return
    member = delegation.members.filter(person_id=head_id).select_related("person").first()
    if member is None:
        _refuse("head_id", _("The head must be a member of the delegation."))
    set_delegation_head(delegation, person=member.person, actor=actor)
