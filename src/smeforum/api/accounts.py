"""Authenticated resources: who am I, and the registrations and delegations I may see."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from smeforum.accounts import queries
from smeforum.accounts.domain.personal_data import export_person_data
from smeforum.api.auth import API_AUTH
from smeforum.forums.models import Edition

router = Router(auth=API_AUTH, tags=["accounts"])


class ErrorOut(Schema):
    detail: str
    field: str | None = None


class RoleOut(Schema):
    role: str
    series: str | None = None
    edition: int | None = None
    delegation_id: int | None = None
    delegation: str | None = None
    person: str | None = None
    permissions: list[str] = []


class MeOut(Schema):
    email: str
    roles: list[RoleOut]


class RegistrationOut(Schema):
    id: int
    person: str
    organisation: str | None = None
    country: str | None = None
    category: str
    status: str
    delegation: str | None = None
    email: str | None = None
    phone: str | None = None


class DelegationOut(Schema):
    id: int
    name: str
    kind: str
    country: str
    head: str | None = None


ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get("/me", response={200: MeOut, **ERRORS})
def me(request):
    """The caller's email and roles."""
    user = request.auth
    found = queries.roles_of(user)
    roles: list[RoleOut] = []
    if user.is_superuser:
        roles.append(RoleOut(role="platform_admin"))
    roles.extend(
        RoleOut(
            role="organiser",
            series=r.series.slug,
            edition=r.edition.number if r.edition_id else None,
            permissions=r.permissions,
        )
        for r in found["organiser"]
    )
    roles.extend(
        RoleOut(
            role="delegation_lead",
            series=lead.delegation.edition.series.slug,
            edition=lead.delegation.edition.number,
            delegation_id=lead.delegation_id,
            delegation=lead.delegation.name,
        )
        for lead in found["delegation_lead"]
    )
    if found["person"] is not None:
        roles.append(RoleOut(role="participant", person=str(found["person"])))
    return MeOut(email=user.email, roles=roles)


@router.get("/me/data", response={200: dict, **ERRORS})
def my_data(request):
    """Everything the platform holds about the caller's person (their personal data)."""
    person = queries.roles_of(request.auth)["person"]
    if person is None:
        raise HttpError(404, "No person is linked to this account.")
    return export_person_data(person)


def _edition(series: str, number: int) -> Edition:
    return get_object_or_404(
        Edition.objects.select_related("series"), series__slug=series, number=number
    )


@router.get(
    "/editions/{series}/{number}/registrations",
    response={200: list[RegistrationOut], **ERRORS},
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
        RegistrationOut(
            id=r.id,
            person=str(r.person),
            organisation=r.person.organisation.name if r.person.organisation_id else None,
            country=r.person.organisation.country if r.person.organisation_id else None,
            category=r.category,
            status=r.status,
            delegation=r.delegation.name if r.delegation_id else None,
            email=r.person.email if contacts else None,
            phone=r.person.phone if contacts else None,
        )
        for r in rows.order_by("id")
    ]


@router.get(
    "/editions/{series}/{number}/delegations",
    response={200: list[DelegationOut], **ERRORS},
    exclude_none=True,
)
def list_delegations(request, series: str, number: int):
    """The delegations of an edition the caller may see."""
    edition = _edition(series, number)
    rows = queries.delegations_visible_to(request.auth, edition).select_related("head")
    return [
        DelegationOut(
            id=d.id,
            name=d.name,
            kind=d.kind,
            country=d.country,
            head=str(d.head) if d.head_id else None,
        )
        for d in rows.order_by("id")
    ]
