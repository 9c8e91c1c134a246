"""Setting up a B2B session: its slots (from a time window, a slot length and breaks) and tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smeforum.audit.domain import log_action, save_record, set_related
from smeforum.forums.models import Session
from smeforum.scheduling import validators
from smeforum.scheduling.models import Attendee, B2BSession, Meeting, Slot, Table

Window = tuple[dt.datetime, dt.datetime]


def plan_slots(windows: Sequence[Window], *, slot_minutes: int, breaks: Sequence[Window] = ()):
    """The slots that fit into ``windows``: back to back, ``slot_minutes`` long, none
    overlapping a break (a slot that would overlap one starts when the break ends)."""
    length = dt.timedelta(minutes=slot_minutes)
    ordered_breaks = sorted(breaks)
    slots: list[Window] = []
    for start, end in sorted(windows):
        at = start
        while at + length <= end:
            clash = next((b for b in ordered_breaks if b[0] < at + length and at < b[1]), None)
            if clash is not None:
                at = clash[1]
                continue
            slots.append((at, at + length))
            at += length
    return slots


def _check_windows(windows: Sequence[Window], breaks: Sequence[Window]) -> None:
    errors = []
    for name, pairs in (("windows", windows), ("breaks", breaks)):
        for start, end in pairs:
            if timezone.is_naive(start) or timezone.is_naive(end):
                errors.append(_("%(start)s: give the time zone of every time.") % {"start": start})
            elif end <= start:
                errors.append(
                    _("%(start)s–%(end)s ends before it starts.") % {"start": start, "end": end}
                )
        if name == "windows" and not pairs:
            errors.append(_("Give the time when the B2B meetings start and end."))
    if errors:
        raise ValidationError({"starts_at": errors})


def configure_b2b_session(
    session: Session,
    *,
    windows: Sequence[Window],
    slot_minutes: int,
    table_count: int,
    breaks: Sequence[Window] = (),
    time_limit: int = 10,
    is_sample: bool = False,
    actor=None,
) -> B2BSession:
    """Make ``session`` a B2B session (or change it): slots generated from ``windows`` (one per
    day, say) and ``breaks``, tables numbered 1 to ``table_count``.

    Slots that stay the same keep their meetings and the attendees' and tables'
    unavailability; a slot or table that would go away while a meeting is placed in it is
    refused, naming it. Side effects: the B2B session, slot and table rows, audit entries; one
    transaction.
    """
    validators.validate_table_count(table_count)
    validators.validate_slot_minutes(slot_minutes)
    _check_windows(windows, breaks)
    wanted = plan_slots(windows, slot_minutes=slot_minutes, breaks=breaks)
    if not wanted:
        raise ValidationError(
            {"ends_at": _("No slot of %(minutes)s minutes fits.") % {"minutes": slot_minutes}}
        )
    with transaction.atomic():
        b2b = B2BSession.objects.select_for_update().filter(session=session).first()
        if b2b is None:
            b2b = B2BSession(session=session, is_sample=is_sample)
        b2b.slot_minutes = slot_minutes
        b2b.time_limit = time_limit
        save_record(b2b, actor=actor)
        _replace_slots(b2b, wanted, actor=actor)
        _replace_tables(b2b, table_count, actor=actor)
    return b2b


def _replace_slots(b2b: B2BSession, wanted: list[Window], *, actor) -> None:
    existing = {(s.starts_at, s.ends_at): s for s in b2b.slots.all()}
    stale = [s for key, s in existing.items() if key not in set(wanted)]
    in_use = Meeting.objects.filter(slot__in=stale).select_related("slot").order_by("slot")
    if in_use.exists():
        raise ValidationError(
            {
                "starts_at": _("Slot %(slot)s holds meetings; move them before changing it.")
                % {"slot": in_use.first().slot}
            }
        )
    Slot.objects.filter(pk__in=[s.pk for s in stale]).delete()
    new = [Slot(b2b=b2b, starts_at=a, ends_at=b) for a, b in wanted if (a, b) not in existing]
    for slot in new:
        slot.full_clean(exclude=["b2b"])
    Slot.objects.bulk_create(new)
    if stale or new:
        log_action(
            b2b,
            action="scheduling.b2bsession.slots_changed",
            actor=actor,
            before={"slots": len(existing)},
            after={"slots": len(wanted), "removed": len(stale), "added": len(new)},
        )


def _replace_tables(b2b: B2BSession, count: int, *, actor) -> None:
    numbers = set(b2b.tables.values_list("number", flat=True))
    gone = Table.objects.filter(b2b=b2b, number__gt=count)
    busy = Meeting.objects.filter(table__in=gone).select_related("table").order_by("table")
    if busy.exists():
        raise ValidationError(
            {
                "table_count": _("%(table)s holds meetings; move them before removing it.")
                % {"table": busy.first().table}
            }
        )
    gone.delete()
    Table.objects.bulk_create(
        [Table(b2b=b2b, number=n) for n in range(1, count + 1) if n not in numbers]
    )
    if numbers != set(range(1, count + 1)):
        log_action(
            b2b,
            action="scheduling.b2bsession.tables_changed",
            actor=actor,
            before={"tables": len(numbers)},
            after={"tables": count},
        )


def set_table_availability(table: Table, *, unavailable_slots, actor=None) -> Table:
    """Close ``table`` in ``unavailable_slots`` (and open it in the others). Refused when a
    meeting is placed at the table in one of them."""
    slots = list(unavailable_slots)
    with transaction.atomic():
        clash = Meeting.objects.filter(table=table, slot__in=slots).select_related("slot")
        if clash.exists():
            raise ValidationError(
                {
                    "unavailable_slots": _("A meeting is placed at this table in %(slot)s.")
                    % {"slot": clash.first().slot}
                }
            )
        return set_related(table, field="unavailable_slots", values=slots, key="id", actor=actor)


def update_attendee(
    attendee: Attendee,
    *,
    capacity: int,
    max_meetings: int | None,
    unavailable_slots,
    actor=None,
) -> Attendee:
    """Change what ``attendee`` can do: meetings at once, most meetings, slots they cannot
    attend. Refused when a placed meeting would break the new limits, naming it."""
    slots = list(unavailable_slots)
    with transaction.atomic():
        attendee = Attendee.objects.select_for_update().get(pk=attendee.pk)
        placed = attendee.parties.filter(slot__isnull=False)
        errors = {}
        absent = placed.filter(slot__in=slots).select_related("slot").first()
        if absent is not None:
            errors["unavailable_slots"] = _("A meeting is placed in %(slot)s.") % {
                "slot": absent.slot
            }
        if placed.filter(lane__gte=capacity).exists():
            errors["capacity"] = _("More meetings are placed at once than this allows.")
        if max_meetings is not None and placed.count() > max_meetings:
            errors["max_meetings"] = _("%(n)s meetings are placed already.") % {"n": placed.count()}
        if errors:
            raise ValidationError(errors)
        attendee.capacity = capacity
        attendee.max_meetings = max_meetings
        save_record(attendee, actor=actor)
        return _set_unavailable(attendee, slots, actor=actor)


def _set_unavailable(attendee: Attendee, slots, *, actor) -> Attendee:
    return set_related(attendee, field="unavailable_slots", values=slots, key="id", actor=actor)
