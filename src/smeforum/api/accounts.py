"""Authenticated resources about the caller: who am I, my personal data, my API tokens."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from smeforum.accounts import queries
from smeforum.accounts.domain.personal_data import export_person_data
from smeforum.accounts.domain.tokens import create_api_token, revoke_api_token
from smeforum.api.auth import API_AUTH
from smeforum.api.common import WRITE_ERRORS, BodyIn, ErrorOut

router = Router(auth=API_AUTH, tags=["accounts"])


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


# --- personal API tokens --------------------------------------------------------------------


class TokenOut(Schema):
    """A token as listed: never its secret, only the prefix that identifies it."""

    id: int
    name: str
    scope: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class NewTokenOut(TokenOut):
    token: str = Field(..., description="The token itself: shown this once, stored hashed.")


class TokenIn(BodyIn):
    name: str = Field("", max_length=100)
    scope: Literal["read", "write"] = "read"


def _token_out(api_token, **extra) -> dict:
    fields = ("id", "name", "scope", "prefix", "created_at", "last_used_at", "revoked_at")
    return {name: getattr(api_token, name) for name in fields} | extra


@router.get("/me/tokens", response={200: list[TokenOut], **ERRORS})
def list_tokens(request):
    """The caller's own tokens, newest first, revoked ones included (never the secret)."""
    return [_token_out(t) for t in queries.tokens_of(request.auth).order_by("-created_at", "-id")]


@router.post("/me/tokens", response={201: NewTokenOut, **WRITE_ERRORS})
def create_token(request, payload: TokenIn):
    """A new personal token; the answer carries it once. Needs the session or a write-scoped
    token (a read-scoped token cannot make any token, so not a write one either)."""
    token, raw = create_api_token(
        request.auth, scope=payload.scope, name=payload.name, actor=request.auth
    )
    return Status(201, _token_out(token, token=raw))


@router.delete("/me/tokens/{token_id}", response={204: None, **WRITE_ERRORS})
def revoke_token(request, token_id: int):
    """Revoke one of the caller's tokens (another user's answers 404)."""
    token = get_object_or_404(queries.tokens_of(request.auth), pk=token_id)
    revoke_api_token(token, actor=request.auth)
    return Status(204, None)
