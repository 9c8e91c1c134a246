"""The one generic writer: validate, save and log a model instance in a transaction.

Data apps' domain functions check their own rules, then call :func:`save_record` or
:func:`delete_record`; nothing else in the code base calls ``Model.save()`` on domain data.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from smeforum.audit.models import AuditEntry


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return str(value)


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The concrete field values of ``obj`` as JSON-safe data (foreign keys as ids)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        data[field.attname] = _json_value(getattr(obj, field.attname))
    return data


def _actor_label(actor) -> str:
    if actor is None:
        return "system"
    return getattr(actor, "email", "") or str(actor)


def log_action(
    obj: models.Model | None,
    *,
    action: str,
    actor=None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Write one audit entry. ``action`` is a dotted code such as ``forums.edition.created``."""
    entry = AuditEntry(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_actor_label(actor),
        action=action,
        before=before,
        after=after,
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:300]
    entry.save()
    return entry


def _action_code(obj: models.Model, verb: str) -> str:
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}.{verb}"


def save_record(
    obj: models.Model, *, actor=None, action: str | None = None, validate: bool = True
) -> models.Model:
    """Validate ``obj`` (``full_clean``: field rules, ``clean()`` and constraints), save it and
    log the change with the values before and after.

    Side effects: one database write for the object and one :class:`AuditEntry`, in one
    transaction. No entry is written when nothing changed. Raises ``ValidationError`` with
    messages naming the fields at fault.
    """
    with transaction.atomic():
        created = obj._state.adding
        before = None
        if not created:
            stored = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = snapshot(stored) if stored is not None else None
        if validate:
            obj.full_clean()
        obj.save()
        # Read back, so both snapshots carry the database's normalised values (decimal
        # scale, UTC datetimes) and an unchanged save compares equal.
        after = snapshot(type(obj)._default_manager.get(pk=obj.pk))
        if before != after:
            log_action(
                obj,
                action=action or _action_code(obj, "created" if created else "changed"),
                actor=actor,
                before=before,
                after=after,
            )
    return obj


def delete_record(obj: models.Model, *, actor=None, action: str | None = None) -> None:
    """Delete ``obj`` and log its last values. Side effects: the delete (and its cascades),
    one :class:`AuditEntry`, in one transaction."""
    with transaction.atomic():
        before = snapshot(obj)
        log_action(obj, action=action or _action_code(obj, "deleted"), actor=actor, before=before)
        obj.delete()


def set_related(
    obj: models.Model, *, field: str, values, key: str, actor=None, action: str | None = None
) -> models.Model:
    """Replace the many-to-many ``field`` of ``obj`` with ``values`` and log the change, listing
    the related objects by their ``key`` attribute (e.g. a NACE ``code`` or a ``slug``).

    Side effects: the M2M rows and, only when they changed, one audit entry
    (``<app>.<model>.<field>_changed``); one transaction.
    """
    manager = getattr(obj, field)
    with transaction.atomic():
        before = sorted(manager.values_list(key, flat=True))
        manager.set(list(values))
        after = sorted(manager.values_list(key, flat=True))
        if before != after:
            log_action(
                obj,
                action=action or _action_code(obj, f"{field}_changed"),
                actor=actor,
                before={field: before},
                after={field: after},
            )
    return obj


def fingerprint(obj: models.Model) -> str:
    """The token of ``obj``'s values as held in memory, without a query: equal to
    :func:`snapshot_token` for a row just read (e.g. each row of a list)."""
    data = json.dumps(snapshot(obj), sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:32]


def snapshot_token(obj: models.Model) -> str:
    """A short fingerprint of ``obj``'s stored values, taken when an editor opens it."""
    return fingerprint(type(obj)._default_manager.get(pk=obj.pk))


def assert_unchanged(obj: models.Model, *, token: str) -> None:
    """Optimistic locking: refuse to save over changes made since the editor opened ``obj``.

    Call inside the transaction that will save ``obj``: the stored row is locked (PostgreSQL
    ``SELECT ... FOR UPDATE``; SQLite's IMMEDIATE transactions already serialise writers), so
    no other save can slip in between this check and the write. Raises ``ValidationError``
    (code ``conflict``) naming who changed the record and when.
    """
    model = type(obj)
    # Without the model's ordering: ordering by a nullable relation (an outcome's edition)
    # would join it, and PostgreSQL cannot lock the nullable side of an outer join.
    current = model._default_manager.select_for_update().filter(pk=obj.pk).order_by("pk").first()
    if current is None:
        raise ValidationError(
            _("This record was deleted by someone else since you opened it."), code="conflict"
        )
    if fingerprint(current) == token:
        return
    last = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=True),
            object_id=str(obj.pk),
        )
        .order_by("-created_at", "-id")
        .first()
    )
    who = last.actor_label if last else _("someone else")
    when = last.created_at.strftime("%Y-%m-%d %H:%M UTC") if last else "?"
    raise ValidationError(
        _(
            "%(who)s changed this record at %(when)s, after you opened it. Nothing was saved: "
            "reload the page to see their change, then apply yours again."
        )
        % {"who": who, "when": when},
        code="conflict",
    )
