"""Personal API tokens: created once in plain text, stored as a SHA-256 hash, revocable."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smeforum.accounts.models import ApiToken
from smeforum.audit.domain import save_record

#: Every token starts with this, so leaked tokens are easy to recognise (secret scanners).
TOKEN_PREFIX = "smf_"  # noqa: S105 -- a public marker, not a secret
PREFIX_LENGTH = 8
_TOKEN_LENGTH = len(TOKEN_PREFIX) + 43  # token_urlsafe(32) gives 43 characters


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_api_token(user, *, scope: str, name: str = "", actor=None) -> tuple[ApiToken, str]:
    """A new token for ``user``: ``(ApiToken, plaintext)``. The plaintext is not stored
    anywhere; show it once. Side effects: the token row (hash only) and its audit entry."""
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("The scope is “read” or “write”.")})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user, name=name, scope=scope, prefix=raw[:PREFIX_LENGTH], token_hash=hash_token(raw)
    )
    save_record(token, actor=actor or user)
    return token, raw


def revoke_api_token(token: ApiToken, *, actor=None) -> ApiToken:
    """Revoke ``token`` (revoking twice keeps the first time). Side effects: row, audit entry."""
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    return save_record(token, actor=actor, action="accounts.apitoken.revoked")


def find_api_token(raw: str) -> ApiToken | None:
    """The unrevoked token ``raw`` of an active user (its ``user`` loaded), or ``None``.

    Hashes are compared in constant time. Side effect: the token's ``last_used_at`` is stamped
    (a usage mark, deliberately not audited: one entry per API call would drown the log).
    """
    if not isinstance(raw, str) or len(raw) != _TOKEN_LENGTH or not raw.startswith(TOKEN_PREFIX):
        return None
    digest = hash_token(raw)
    candidates = ApiToken.objects.filter(
        prefix=raw[:PREFIX_LENGTH], revoked_at__isnull=True
    ).select_related("user")
    for token in candidates:
        if hmac.compare_digest(token.token_hash, digest):
            if not token.user.is_active:
                return None
            with transaction.atomic():
                ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
            return token
    return None


def authenticate_api_token(raw: str, *, write: bool = False):
    """The active user owning the unrevoked token ``raw``, or ``None``; ``write=True`` also
    refuses read-scoped tokens. See :func:`find_api_token`."""
    token = find_api_token(raw)
    if token is None or (write and token.scope != ApiToken.Scope.WRITE):
        return None
    return token.user
