"""Cooperation opportunities: their owners write them, organisers moderate them.

The life of an opportunity: ``draft`` → ``submitted`` (:func:`submit_opportunity`) →
``published`` or ``rejected`` (:func:`publish_opportunity`, :func:`reject_opportunity`);
its owner may withdraw it at any time (:func:`withdraw_opportunity`) and submit it again.
A published opportunity that its owner changes goes back to ``submitted``: the organisers
see the new text before it is shown again.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from smeforum.audit.domain import assert_unchanged, save_record, set_related
from smeforum.matchmaking.domain.versions import bump, stored
from smeforum.matchmaking.models import Opportunity
from smeforum.reference.models import Sector

Status = Opportunity.Status


def _external_id_taken() -> ValidationError:
    return ValidationError(
        {"external_id": _("This series already has an opportunity with this external id.")}
    )


def save_opportunity(
    opportunity: Opportunity,
    *,
    sectors: Iterable[Sector] | None = None,
    by_owner: bool = True,
    actor=None,
    token: str | None = None,
) -> Opportunity:
    """Validate and save ``opportunity``'s content (and its NACE ``sectors`` when given).

    Its status is not changed here (see the moderation functions), with one rule: a published
    opportunity changed ``by_owner`` goes back to ``submitted``. Organisers correcting it
    (``by_owner=False``) leave it published. ``token`` turns on optimistic locking (code
    ``conflict``). Side effects: the opportunity, its sectors, audit entries; one transaction.
    """
    sectors = list(sectors) if sectors is not None else None
    try:
        with transaction.atomic():
            if token is not None and opportunity.pk is not None:
                assert_unchanged(opportunity, token=token)
            current = stored(opportunity)
            if current is not None:
                opportunity.status = current.status  # moderation writes the status
            sectors_changed = (
                current is not None
                and sectors is not None
                and sorted(s.code for s in sectors)
                != sorted(current.sectors.values_list("code", flat=True))
            )
            changed = bump(opportunity, current, changed=sectors_changed)
            if current is not None and changed and by_owner and current.status == Status.PUBLISHED:
                opportunity.status = Status.SUBMITTED
            save_record(opportunity, actor=actor)
            if sectors is not None:
                set_related(opportunity, field="sectors", values=sectors, key="code", actor=actor)
    except IntegrityError as exc:
        raise _external_id_taken() from exc
    return opportunity


def _move(
    opportunity: Opportunity,
    *,
    to: str,
    allowed_from: tuple[str, ...],
    action: str,
    actor,
    note: str | None = None,
) -> Opportunity:
    with transaction.atomic():
        current = stored(opportunity)
        if current is None:
            raise ValidationError(_("This opportunity no longer exists."), code="gone")
        if current.status not in allowed_from:
            message = _("A %(status)s opportunity cannot be %(action)s.") % {
                "status": current.get_status_display(),
                "action": action,
            }
            # The code on the field's error: a dict of plain messages would drop it.
            raise ValidationError({"status": ValidationError(message, code="wrong_status")})
        current.status = to
        if note is not None:
            current.moderation_note = note
        current.version += 1
        save_record(current, actor=actor, action=f"matchmaking.opportunity.{to}")
    opportunity.refresh_from_db()
    return opportunity


def submit_opportunity(opportunity: Opportunity, *, actor=None) -> Opportunity:
    """Send a draft (or a rejected or withdrawn opportunity, once reworked) to the organisers.
    Side effects: the status, an audit entry (``matchmaking.opportunity.submitted``)."""
    return _move(
        opportunity,
        to=Status.SUBMITTED,
        allowed_from=(Status.DRAFT, Status.REJECTED, Status.WITHDRAWN),
        action=_("submitted"),
        actor=actor,
    )


def publish_opportunity(opportunity: Opportunity, *, note: str = "", actor=None) -> Opportunity:
    """Moderation: publish a submitted (or earlier rejected) opportunity, with an optional
    note to its owner. Side effects: status and note, an audit entry."""
    return _move(
        opportunity,
        to=Status.PUBLISHED,
        allowed_from=(Status.SUBMITTED, Status.REJECTED),
        action=_("published"),
        actor=actor,
        note=note,
    )


def reject_opportunity(opportunity: Opportunity, *, note: str, actor=None) -> Opportunity:
    """Moderation: reject a submitted or published opportunity, saying why (``note`` is
    required). Side effects: status and note, an audit entry."""
    if not note.strip():
        raise ValidationError(
            {"moderation_note": _("Say why the opportunity is rejected.")}, code="required"
        )
    return _move(
        opportunity,
        to=Status.REJECTED,
        allowed_from=(Status.SUBMITTED, Status.PUBLISHED),
        action=_("rejected"),
        actor=actor,
        note=note.strip(),
    )


def withdraw_opportunity(opportunity: Opportunity, *, actor=None) -> Opportunity:
    """Its owner takes the opportunity back, whatever its status (but withdrawn).
    Side effects: the status, an audit entry."""
    return _move(
        opportunity,
        to=Status.WITHDRAWN,
        allowed_from=(Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED, Status.REJECTED),
        action=_("withdrawn"),
        actor=actor,
    )
