"""Versions: a record's ``version`` and ``updated_at`` move only when its content changes."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from smeforum.audit.domain import snapshot

_BOOKKEEPING = ("version", "updated_at", "created_at")


def content(obj: models.Model) -> dict:
    """The values that make up ``obj``'s content (not its version or timestamps)."""
    return {k: v for k, v in snapshot(obj).items() if k not in _BOOKKEEPING}


def stored(obj: models.Model) -> models.Model | None:
    """The row as stored, locked for the rest of the transaction; ``None`` for a new object."""
    if obj.pk is None:
        return None
    return type(obj)._default_manager.select_for_update().filter(pk=obj.pk).order_by("pk").first()


def bump(obj: models.Model, current: models.Model | None, *, changed: bool = False) -> bool:
    """Move ``obj``'s version on when its content differs from ``current`` (or ``changed``
    says a related list changed). Returns whether it changed."""
    if current is None:
        return True
    if changed or content(obj) != content(current):
        obj.version = current.version + 1
        obj.updated_at = timezone.now()
        return True
    obj.version, obj.updated_at = current.version, current.updated_at
    return False
