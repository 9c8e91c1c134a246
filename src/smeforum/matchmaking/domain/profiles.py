"""Matchmaking profiles and their confirmation for an edition."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smeforum.audit.domain import assert_unchanged, save_record, set_related
from smeforum.forums.models import Edition
from smeforum.matchmaking.domain.versions import bump, stored
from smeforum.matchmaking.models import Profile, ProfileEdition
from smeforum.participants.models import Registration
from smeforum.reference.models import Sector


def _codes(sectors: Iterable[Sector]) -> list[str]:
    return sorted(s.code for s in sectors)


def save_profile(
    profile: Profile, *, sectors: Iterable[Sector], actor=None, token: str | None = None
) -> Profile:
    """Validate and save ``profile`` with its NACE ``sectors``.

    ``token`` (``audit.domain.snapshot_token`` taken when the editor opened the profile)
    turns on optimistic locking: a profile changed since then is refused (code ``conflict``).
    The version moves on when the profile's content or sectors change.
    Side effects: the profile, its sectors, audit entries; one transaction.
    """
    sectors = list(sectors)
    try:
        with transaction.atomic():
            if token is not None and profile.pk is not None:
                assert_unchanged(profile, token=token)
            current = stored(profile)
            sectors_changed = current is not None and _codes(sectors) != sorted(
                current.sectors.values_list("code", flat=True)
            )
            bump(profile, current, changed=sectors_changed)
            save_record(profile, actor=actor)
            set_related(profile, field="sectors", values=sectors, key="code", actor=actor)
    except IntegrityError as exc:
        raise ValidationError(
            {"organisation": _("This organisation already has a matchmaking profile.")}
        ) from exc
    return profile


def _check_attendees(
    profile: Profile, edition: Edition, attendees: list[Registration]
) -> list[str]:
    problems = []
    for registration in attendees:
        if registration.edition_id != edition.pk:
            problems.append(
                _("%(person)s is not registered for %(edition)s.")
                % {"person": registration.person, "edition": edition}
            )
        elif registration.person.organisation_id != profile.organisation_id:
            problems.append(
                _("%(person)s does not belong to %(organisation)s.")
                % {"person": registration.person, "organisation": profile.organisation}
            )
    return problems


def confirm_profile_for_edition(
    profile: Profile, *, edition: Edition, attendees: Iterable[Registration], actor=None
) -> ProfileEdition:
    """Confirm ``profile`` for ``edition`` (again: the confirmation time moves on) with the
    registrations of the organisation's people who attend it.

    Raises ``ValidationError`` on ``attendees`` naming each registration of another edition
    or another organisation. Side effects: the ProfileEdition, its attendees, audit entries;
    one transaction.
    """
    attendees = list(attendees)
    problems = _check_attendees(profile, edition, attendees)
    if problems:
        raise ValidationError({"attendees": problems})
    try:
        with transaction.atomic():
            confirmed = (
                ProfileEdition.objects.select_for_update()
                .filter(profile=profile, edition=edition)
                .first()
            ) or ProfileEdition(profile=profile, edition=edition)
            confirmed.confirmed_at = timezone.now()
            save_record(confirmed, actor=actor)
            set_related(confirmed, field="attendees", values=attendees, key="pk", actor=actor)
    except IntegrityError as exc:
        raise ValidationError(
            {"edition": _("This profile is already confirmed for this edition.")}
        ) from exc
    return confirmed
