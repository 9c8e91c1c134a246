"""A person's data: everything the platform holds about them (export), and its erasure.

Erasure replaces the person's name and contacts, closes their login and scrubs the old
values from the audit log; registrations and outcome records stay, so counts and report
figures do not change.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from smeforum.accounts.domain.tokens import revoke_api_token
from smeforum.accounts.models import DelegationLead, OrganiserRole, PersonAccount
from smeforum.audit.domain import log_action
from smeforum.audit.models import AuditEntry
from smeforum.forums.models import SessionRole
from smeforum.orgs.models import Person
from smeforum.participants.models import Registration

ERASED = "[erased]"
#: The keys of a person's audit snapshots that hold personal values.
PERSONAL_KEYS = ("name", "name_latin", "position", "email", "phone")


def erased_name(person: Person) -> str:
    return f"Erased person #{person.pk}"


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _account(person: Person) -> PersonAccount | None:
    return PersonAccount.objects.filter(person=person).select_related("user").first()


def _related(person: Person) -> list[tuple[type, list[str]]]:
    """``(model, ids)`` of the objects whose audit entries are about ``person``."""
    account = _account(person)
    return [
        (Person, [str(person.pk)]),
        (Registration, [str(pk) for pk in person.registrations.values_list("pk", flat=True)]),
        (SessionRole, [str(pk) for pk in person.session_roles.values_list("pk", flat=True)]),
        (PersonAccount, [str(account.pk)] if account is not None else []),
    ]


def _entries_about(person: Person):
    entries = AuditEntry.objects.none()
    for model, ids in _related(person):
        if ids:
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
            entries = entries | AuditEntry.objects.filter(
                content_type=content_type, object_id__in=ids
            )
    return entries


def export_person_data(person: Person) -> dict[str, Any]:
    """Everything held about ``person``, as JSON-safe data (dates in ISO 8601)."""
    organisation = person.organisation
    account = _account(person)
    user = account.user if account is not None else None
    registrations = person.registrations.select_related("edition__series", "delegation").order_by(
        "edition__series__slug", "edition__number", "pk"
    )
    headed = person.delegations_headed.select_related("edition__series").order_by("pk")
    roles = person.session_roles.select_related("session__edition__series").order_by("pk")
    data: dict[str, Any] = {
        "person": {
            "id": person.pk,
            "name": person.name,
            "name_latin": person.name_latin,
            "position": person.position,
            "email": person.email,
            "phone": person.phone,
            "is_sample": person.is_sample,
        },
        "organisation": (
            {"name": organisation.name, "country": organisation.country}
            if organisation is not None
            else None
        ),
        "registrations": [
            {
                "series": r.edition.series.slug,
                "edition": r.edition.number,
                "category": r.category,
                "status": r.status,
                "delegation": r.delegation.name_en if r.delegation_id else None,
                "registered_at": _iso(r.registered_at),
            }
            for r in registrations
        ],
        "delegations_headed": [
            {
                "series": d.edition.series.slug,
                "edition": d.edition.number,
                "name": d.name_en,
                "kind": d.kind,
                "country": d.country,
            }
            for d in headed
        ],
        "session_roles": [
            {
                "series": r.session.edition.series.slug,
                "edition": r.session.edition.number,
                "session": r.session.title_en,
                "role": r.role,
                "talk_title_en": r.talk_title_en,
                "talk_title_zh": r.talk_title_zh,
            }
            for r in roles
        ],
        "account": None,
        "audit": [
            {
                "action": e.action,
                "when": _iso(e.created_at),
                "who": e.actor_label,
                "object": e.object_repr,
                "before": e.before,
                "after": e.after,
            }
            for e in _entries_about(person).order_by("created_at", "id")
        ],
    }
    if user is not None:
        data["account"] = {
            "email": user.email,
            "date_joined": _iso(user.date_joined),
            "is_active": user.is_active,
            "roles": _roles(user),
            "api_tokens": [
                {
                    "prefix": t.prefix,
                    "scope": t.scope,
                    "created_at": _iso(t.created_at),
                    "revoked_at": _iso(t.revoked_at),
                }
                for t in user.api_tokens.order_by("created_at", "pk")
            ],
        }
    return data


def _roles(user) -> list[dict[str, Any]]:
    roles: list[dict[str, Any]] = [
        {
            "role": "organiser",
            "series": r.series.slug,
            "edition": r.edition.number if r.edition_id else None,
            "permissions": r.permissions,
        }
        for r in OrganiserRole.objects.filter(user=user).select_related("series", "edition")
    ]
    roles.extend(
        {
            "role": "delegation_lead",
            "series": lead.delegation.edition.series.slug,
            "edition": lead.delegation.edition.number,
            "delegation": lead.delegation.name_en,
        }
        for lead in DelegationLead.objects.filter(user=user).select_related(
            "delegation__edition__series"
        )
    )
    roles.append({"role": "participant"})
    return roles


def _scrub(value: Any, pattern: re.Pattern | None) -> Any:
    """``value`` with every match of ``pattern`` in its strings replaced by ``[erased]``."""
    if pattern is None:
        return value
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, list):
        return [_scrub(v, pattern) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, pattern) for k, v in value.items()}
    return value


def _blank_keys(snapshot: Any) -> Any:
    if not isinstance(snapshot, dict):
        return snapshot
    return {
        k: (ERASED if k in PERSONAL_KEYS and v not in ("", None) else v)
        for k, v in snapshot.items()
    }


def _pattern(values: list[str]) -> re.Pattern | None:
    values = sorted({v for v in values if v}, key=len, reverse=True)
    if not values:
        return None
    return re.compile("|".join(re.escape(v) for v in values), re.IGNORECASE)


def erase_person(person: Person, *, actor) -> Person:
    """Erase ``person``'s personal data: name and contacts replaced, login closed, API tokens
    revoked, the old values scrubbed from the audit log. Registrations, delegations, session
    roles and outcomes stay, so counts and figures are unchanged.

    Side effects, in one transaction: the person and user rows, token revocations, rewritten
    audit entries and one ``orgs.person.erased`` entry (holding only the person's id).
    Raises ``ValidationError`` when the person is already erased.
    """
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        new_name = erased_name(person)
        if person.name == new_name:
            raise ValidationError(_("This person is already erased."), code="erased")
        secrets = [person.name, person.name_latin, person.email, person.phone]
        position = person.position
        account = _account(person)
        user = account.user if account is not None else None
        new_email = f"erased-{person.pk}@invalid"

        person.name = person.name_latin = new_name
        person.position = person.email = person.phone = ""
        person.full_clean()
        person.save(update_fields=["name", "name_latin", "position", "email", "phone"])

        if user is not None:
            secrets += [user.email, user.first_name, user.last_name]
            for token in user.api_tokens.filter(revoked_at__isnull=True):
                revoke_api_token(token, actor=actor)
            user.is_active = False
            user.email = user.username = new_email
            user.first_name = user.last_name = ""
            user.set_unusable_password()
            user.save()

        _rewrite_audit(person, new_name=new_name, secrets=secrets, position=position, user=user)
        log_action(
            person,
            action="orgs.person.erased",
            actor=actor,
            before={"id": person.pk},
            after={"id": person.pk},
        )
    return person


def _rewrite_audit(person: Person, *, new_name: str, secrets, position: str, user) -> None:
    pattern = _pattern(secrets)
    # Position is scrubbed as text only from the person's own entries: a job title such as
    # "Director" is no identifier elsewhere.
    own_pattern = _pattern([*secrets, position])
    own_ids = set(_entries_about(person).values_list("pk", flat=True))
    person_type = ContentType.objects.get_for_model(Person, for_concrete_model=True)
    changed = []
    for entry in AuditEntry.objects.order_by("pk").iterator(chunk_size=2000):
        own = entry.pk in own_ids
        use = own_pattern if own else pattern
        before = _scrub(entry.before, use)
        after = _scrub(entry.after, use)
        if own and entry.content_type_id == person_type.pk:
            before, after = _blank_keys(before), _blank_keys(after)
            object_repr = new_name
        else:
            object_repr = use.sub(new_name, entry.object_repr) if use else entry.object_repr
        actor_label = entry.actor_label
        if user is not None and entry.actor_id == user.pk:
            actor_label = user.email
        elif use is not None:
            actor_label = use.sub(ERASED, actor_label)
        new = (before, after, object_repr[:300], actor_label)
        if new != (entry.before, entry.after, entry.object_repr, entry.actor_label):
            entry.before, entry.after, entry.object_repr, entry.actor_label = new
            changed.append(entry)
    AuditEntry.objects.bulk_update(
        changed, ["before", "after", "object_repr", "actor_label"], batch_size=500
    )
