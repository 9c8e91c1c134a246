"""Small instances for the engine tests, written the way a person would describe them."""

from __future__ import annotations

import datetime as dt

from smeforum.scheduling.engine import Instance, Meeting, Participant, Slot, Table

TZ = dt.timezone(dt.timedelta(hours=8))


def slots(n: int, days: int = 1) -> tuple[Slot, ...]:
    result = []
    per_day = -(-n // days)
    for i in range(n):
        day, k = divmod(i, per_day)
        start = dt.datetime(2024, 11, 7 + day, 9, 0, tzinfo=TZ) + dt.timedelta(minutes=30 * k)
        result.append(Slot(f"s{i + 1}", start, start + dt.timedelta(minutes=30)))
    return tuple(result)


def instance(
    n_slots: int,
    n_tables: int,
    meetings: list[tuple],
    unavailable: dict[str, set[str]] | None = None,
    capacity: dict[str, int] | None = None,
    max_meetings: dict[str, int] | None = None,
    table_unavailable: dict[str, set[str]] | None = None,
    days: int = 1,
) -> Instance:
    """``meetings``: (id, [participants], weight=1, fixed_slot=None, fixed_table=None)."""
    unavailable = unavailable or {}
    capacity = capacity or {}
    max_meetings = max_meetings or {}
    table_unavailable = table_unavailable or {}
    people = sorted(
        {p for m in meetings for p in m[1]} | set(unavailable), key=lambda p: (len(p), p)
    )
    return Instance(
        slots(n_slots, days),
        tuple(
            Table(f"T{i + 1}", frozenset(table_unavailable.get(f"T{i + 1}", ())))
            for i in range(n_tables)
        ),
        tuple(
            Participant(
                p, frozenset(unavailable.get(p, ())), capacity.get(p, 1), max_meetings.get(p)
            )
            for p in people
        ),
        tuple(Meeting(m[0], tuple(m[1]), *m[2:]) for m in meetings),
    )


def as_json(inst: Instance) -> dict:
    return {
        "slots": [
            {"id": s.id, "start": s.start.isoformat(), "end": s.end.isoformat()} for s in inst.slots
        ],
        "tables": [{"id": t.id, "unavailable": sorted(t.unavailable)} for t in inst.tables],
        "participants": [
            {
                "id": p.id,
                "unavailable": sorted(p.unavailable),
                "capacity": p.capacity,
                "max_meetings": p.max_meetings,
            }
            for p in inst.participants
        ],
        "meetings": [
            {
                "id": m.id,
                "participants": list(m.participants),
                "weight": m.weight,
                "fixed": None
                if m.fixed_slot is None
                else {"slot": m.fixed_slot, "table": m.fixed_table},
            }
            for m in inst.meetings
        ],
    }
