"""Read-only views of B2B sessions: the engine's input, the grid, the unscheduled list and a
participant's agenda."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from smeforum.scheduling import engine
from smeforum.scheduling.models import Attendee, B2BSession, Meeting, MeetingParty, Slot, Table


def slot_key(pk: int) -> str:
    return f"s{pk}"


def table_key(pk: int) -> str:
    return f"t{pk}"


def attendee_key(pk: int) -> str:
    return f"a{pk}"


def meeting_key(pk: int) -> str:
    return f"m{pk}"


def key_pk(key: str) -> int:
    return int(key[1:])


@dataclass(frozen=True)
class EngineInput:
    """A B2B session as the engine sees it, with what it needs to write the result back."""

    instance: engine.Instance
    previous: tuple[engine.Assignment, ...]
    versions: dict[int, int]  # meeting pk -> version when read


def meetings_with_parties(b2b: B2BSession) -> QuerySet[Meeting]:
    parties = MeetingParty.objects.select_related(
        "attendee__registration__person__organisation"
    ).order_by("id")
    return (
        Meeting.objects.filter(b2b=b2b)
        .select_related("slot", "table")
        .prefetch_related(Prefetch("parties", queryset=parties))
    )


def engine_input(b2b: B2BSession) -> EngineInput:
    """The accepted meetings of ``b2b`` (with two or more parties), its slots, tables and
    attendees, as an engine instance; placed meetings are the previous schedule."""
    slots = list(Slot.objects.filter(b2b=b2b).order_by("starts_at"))
    tables = Table.objects.filter(b2b=b2b).prefetch_related("unavailable_slots").order_by("number")
    attendees = Attendee.objects.filter(b2b=b2b).prefetch_related("unavailable_slots")
    meetings = [
        m
        for m in meetings_with_parties(b2b).filter(status=Meeting.Status.ACCEPTED)
        if len(m.parties.all()) >= 2
    ]
    instance = engine.Instance(
        slots=tuple(engine.Slot(slot_key(s.pk), s.starts_at, s.ends_at) for s in slots),
        tables=tuple(
            engine.Table(
                table_key(t.pk), frozenset(slot_key(s.pk) for s in t.unavailable_slots.all())
            )
            for t in tables
        ),
        participants=tuple(
            engine.Participant(
                attendee_key(a.pk),
                frozenset(slot_key(s.pk) for s in a.unavailable_slots.all()),
                a.capacity,
                a.max_meetings,
            )
            for a in attendees
        ),
        meetings=tuple(
            engine.Meeting(
                meeting_key(m.pk),
                tuple(attendee_key(p.attendee_id) for p in m.parties.all()),
                m.weight,
                slot_key(m.slot_id) if m.is_fixed else None,
                table_key(m.table_id) if m.is_fixed else None,
            )
            for m in meetings
        ),
    )
    previous = tuple(
        engine.Assignment(meeting_key(m.pk), slot_key(m.slot_id), table_key(m.table_id))
        for m in meetings
        if m.slot_id is not None
    )
    return EngineInput(instance, previous, {m.pk: m.version for m in meetings})


def latest_run(b2b: B2BSession):
    return b2b.runs.order_by("-created_at", "-id").first()


@dataclass(frozen=True)
class Grid:
    slots: list[Slot]
    tables: list[Table]
    rows: list[tuple[Slot, list[Meeting | None]]]  # per slot, the meeting at each table
    unscheduled: list[Meeting]
    cancelled: int


def schedule_grid(b2b: B2BSession) -> Grid:
    """The schedule as slots × tables, and the accepted meetings left out. A fixed number of
    queries, whatever the size."""
    slots = list(Slot.objects.filter(b2b=b2b).order_by("starts_at"))
    tables = list(Table.objects.filter(b2b=b2b).order_by("number"))
    meetings = list(meetings_with_parties(b2b))
    at = {(m.slot_id, m.table_id): m for m in meetings if m.slot_id is not None}
    rows = [(s, [at.get((s.pk, t.pk)) for t in tables]) for s in slots]
    unscheduled = [m for m in meetings if m.slot_id is None and m.status == Meeting.Status.ACCEPTED]
    cancelled = sum(1 for m in meetings if m.status == Meeting.Status.CANCELLED)
    return Grid(slots, tables, rows, unscheduled, cancelled)


@dataclass(frozen=True)
class AgendaItem:
    meeting: Meeting
    counterparts: list[Attendee]


def agenda_of(attendee: Attendee) -> list[AgendaItem]:
    """``attendee``'s placed meetings in time order, each with the other parties."""
    parties = MeetingParty.objects.select_related(
        "attendee__registration__person__organisation"
    ).order_by("id")
    meetings = (
        Meeting.objects.filter(
            parties__attendee=attendee, slot__isnull=False, status=Meeting.Status.ACCEPTED
        )
        .select_related("slot", "table", "b2b__session__edition")
        .prefetch_related(Prefetch("parties", queryset=parties))
        .order_by("slot__starts_at", "table__number")
    )
    return [
        AgendaItem(m, [p.attendee for p in m.parties.all() if p.attendee_id != attendee.pk])
        for m in meetings
    ]
