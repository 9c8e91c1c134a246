"""Attendees and meetings of a B2B session, and moving a meeting by hand.

A hand move obeys the rules the solver obeys (``engine.check``): the table is open and free
in the slot, every party attends the slot and has a free place in it (its capacity), and no
party goes over its most meetings. The database has the last word: the unique table-slot and
attendee-slot-lane constraints refuse a double booking made by two organisers at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from smeforum.audit.domain import log_action, save_record
from smeforum.participants.models import Registration
from smeforum.scheduling.models import Attendee, B2BSession, Meeting, MeetingParty, Slot, Table


def add_attendee(
    b2b: B2BSession,
    *,
    registration: Registration,
    capacity: int = 1,
    max_meetings: int | None = None,
    actor=None,
) -> Attendee:
    """Let ``registration``'s person take part in ``b2b``; returns the existing attendee when
    they already do. Side effects: the row and its audit entry."""
    existing = Attendee.objects.filter(b2b=b2b, registration=registration).first()
    if existing is not None:
        return existing
    if registration.status == Registration.Status.CANCELLED:
        message = _("%(person)s's registration is cancelled.") % {"person": registration.person}
        raise ValidationError({"registration": message})
    attendee = Attendee(
        b2b=b2b, registration=registration, capacity=capacity, max_meetings=max_meetings
    )
    try:
        with transaction.atomic():
            return save_record(attendee, actor=actor)
    except IntegrityError:  # a concurrent request added them first
        return Attendee.objects.get(b2b=b2b, registration=registration)


def request_meeting(
    b2b: B2BSession, *, attendees: Sequence[Attendee], weight: int = 1, actor=None
) -> Meeting:
    """Record that ``attendees`` (two or more, of ``b2b``) agreed to meet. The meeting starts
    unplaced. Side effects: the meeting, its parties, an audit entry; one transaction."""
    people = list(dict.fromkeys(attendees))
    if len(people) < 2:
        raise ValidationError({"attendees": _("A meeting needs at least two participants.")})
    strangers = [a for a in people if a.b2b_id != b2b.pk]
    if strangers:
        raise ValidationError(
            {
                "attendees": _("%(person)s does not take part in this B2B session.")
                % {"person": strangers[0]}
            }
        )
    with transaction.atomic():
        meeting = save_record(Meeting(b2b=b2b, weight=weight), actor=actor)
        MeetingParty.objects.bulk_create(
            [MeetingParty(meeting=meeting, attendee=a) for a in people]
        )
        log_action(
            meeting,
            action="scheduling.meeting.parties_set",
            actor=actor,
            after={"attendees": [a.pk for a in people]},
        )
    return meeting


def _locked(meeting: Meeting, version: int | None) -> Meeting:
    current = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("b2b", "slot", "table")
        .filter(pk=meeting.pk)
        .order_by("pk")
        .first()
    )
    if current is None:
        raise ValidationError(_("This meeting no longer exists."), code="gone")
    if version is not None and current.version != version:
        raise ValidationError(
            _("Someone else changed this meeting since you opened the schedule. Reload it."),
            code="conflict",
        )
    return current


def _where(meeting: Meeting) -> dict:
    return {"slot": meeting.slot_id, "table": meeting.table_id, "fixed": meeting.is_fixed}


def _check_place(meeting: Meeting, slot: Slot, table: Table) -> dict[int, int]:
    """Every rule a placement of ``meeting`` at ``slot`` and ``table`` breaks (raised as one
    ValidationError), or the lane each party takes."""
    errors: list[str] = []
    if slot.b2b_id != meeting.b2b_id or table.b2b_id != meeting.b2b_id:
        raise ValidationError(_("The slot and table must belong to the meeting's B2B session."))
    if meeting.status != Meeting.Status.ACCEPTED:
        raise ValidationError(_("A cancelled meeting cannot be placed."))
    if table.unavailable_slots.filter(pk=slot.pk).exists():
        errors.append(_("%(table)s is closed in %(slot)s.") % {"table": table, "slot": slot})
    taken = (
        Meeting.objects.filter(slot=slot, table=table).exclude(pk=meeting.pk).order_by("pk").first()
    )
    if taken is not None:
        errors.append(
            _("%(table)s is taken in %(slot)s by meeting %(other)s.")
            % {"table": table, "slot": slot, "other": taken.pk}
        )
    lanes: dict[int, int] = {}
    parties = meeting.parties.select_related("attendee__registration__person")
    for party in parties:
        attendee = party.attendee
        name = str(attendee)
        if attendee.unavailable_slots.filter(pk=slot.pk).exists():
            errors.append(
                _("%(person)s is unavailable in %(slot)s.") % {"person": name, "slot": slot}
            )
        others = MeetingParty.objects.filter(attendee=attendee, slot__isnull=False).exclude(
            meeting=meeting
        )
        used = set(others.filter(slot=slot).values_list("lane", flat=True))
        free = [lane for lane in range(attendee.capacity) if lane not in used]
        if not free:
            errors.append(
                _("%(person)s already has %(n)s meeting(s) in %(slot)s.")
                % {"person": name, "n": len(used), "slot": slot}
            )
        else:
            lanes[attendee.pk] = free[0]
        if attendee.max_meetings is not None and others.count() >= attendee.max_meetings:
            errors.append(
                _("%(person)s already has the most meetings allowed (%(n)s).")
                % {"person": name, "n": attendee.max_meetings}
            )
    if errors:
        raise ValidationError(errors, code="rules")
    return lanes


def place_meeting(
    meeting: Meeting,
    *,
    slot: Slot,
    table: Table,
    version: int | None = None,
    fixed: bool | None = None,
    actor=None,
) -> Meeting:
    """Move ``meeting`` by hand to ``slot`` at ``table`` (optionally fixing it there, so the
    solver keeps it). ``version`` is the meeting's version the organiser saw: a meeting
    changed since then is refused rather than overwritten.

    Raises ``ValidationError`` listing every rule the move breaks; a double booking that
    slips past the checks in a race is refused by the database with the same kind of message.
    Side effects: the meeting and its parties, an audit entry; one transaction.
    """
    try:
        with transaction.atomic():
            current = _locked(meeting, version)
            lanes = _check_place(current, slot, table)
            before = _where(current)
            current.parties.update(slot=None, lane=0)
            for attendee_id, lane in lanes.items():
                current.parties.filter(attendee_id=attendee_id).update(slot=slot, lane=lane)
            current.slot, current.table = slot, table
            if fixed is not None:
                current.is_fixed = fixed
            current.unscheduled_reason = {}
            current.version += 1
            current.save(
                update_fields=["slot", "table", "is_fixed", "unscheduled_reason", "version"]
            )
            log_action(
                current,
                action="scheduling.meeting.moved",
                actor=actor,
                before=before,
                after=_where(current),
            )
    except IntegrityError:
        raise ValidationError(
            _("Someone else just booked this table or one of these participants in %(slot)s.")
            % {"slot": slot},
            code="conflict",
        ) from None
    return current


def unplace_meeting(meeting: Meeting, *, version: int | None = None, actor=None) -> Meeting:
    """Take ``meeting`` out of the schedule (it stays, unplaced and not fixed).
    Side effects: the meeting and its parties, an audit entry; one transaction."""
    with transaction.atomic():
        current = _locked(meeting, version)
        if current.slot_id is None:
            return current
        before = _where(current)
        current.parties.update(slot=None, lane=0)
        current.slot = current.table = None
        current.is_fixed = False
        current.unscheduled_reason = {"code": "by_hand", "params": {}}
        current.version += 1
        current.save(update_fields=["slot", "table", "is_fixed", "unscheduled_reason", "version"])
        log_action(
            current,
            action="scheduling.meeting.unplaced",
            actor=actor,
            before=before,
            after=_where(current),
        )
    return current


def cancel_meeting(meeting: Meeting, *, actor=None) -> Meeting:
    """Cancel ``meeting``: it leaves the schedule and stays in the records as cancelled.
    Side effects: the meeting and its parties, an audit entry; one transaction."""
    with transaction.atomic():
        current = _locked(meeting, None)
        current.parties.update(slot=None, lane=0)
        current.slot = current.table = None
        current.is_fixed = False
        current.status = Meeting.Status.CANCELLED
        current.version += 1
        return save_record(current, actor=actor, action="scheduling.meeting.cancelled")
