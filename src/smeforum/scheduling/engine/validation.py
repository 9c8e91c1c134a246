"""Every problem of an instance, in words, before anything is solved."""

from __future__ import annotations

from collections import Counter, defaultdict

from .model import Instance


def _duplicates(kind: str, ids: list[str]) -> list[str]:
    counts = Counter(ids)
    seen: set[str] = set()
    problems = []
    for i in ids:
        if counts[i] > 1 and i not in seen:
            seen.add(i)
            problems.append(f"duplicate {kind} id {i}")
    return problems


def _is_whole(value, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def validate(instance: Instance) -> list[str]:
    """Return every problem of ``instance`` (empty when it can be solved)."""
    problems: list[str] = []
    slot_ids = [s.id for s in instance.slots]
    table_ids = [t.id for t in instance.tables]
    person_ids = [p.id for p in instance.participants]
    meeting_ids = [m.id for m in instance.meetings]
    for kind, ids in (
        ("slot", slot_ids),
        ("table", table_ids),
        ("participant", person_ids),
        ("meeting", meeting_ids),
    ):
        problems += [f"{kind} id must be a non-empty string" for i in ids if not i]
        problems += _duplicates(kind, ids)
    known_slots, known_tables, known_people = set(slot_ids), set(table_ids), set(person_ids)

    previous = None
    for slot in instance.slots:
        aware = True
        for name in ("start", "end"):
            value = getattr(slot, name)
            if value.tzinfo is None or value.utcoffset() is None:
                problems.append(f"slot {slot.id}: {name} has no time zone")
                aware = False
        if not aware:
            continue
        if slot.end <= slot.start:
            problems.append(f"slot {slot.id}: end is not after start")
        if previous is not None and slot.start < previous.end:
            problems.append(f"slot {slot.id} starts before slot {previous.id} ends")
        previous = slot

    for table in instance.tables:
        problems += [
            f"table {table.id}: unknown slot {s} in unavailable"
            for s in sorted(table.unavailable - known_slots)
        ]
    people = {}
    for person in instance.participants:
        people.setdefault(person.id, person)
        problems += [
            f"participant {person.id}: unknown slot {s} in unavailable"
            for s in sorted(person.unavailable - known_slots)
        ]
        if not _is_whole(person.capacity, 1):
            problems.append(
                f"participant {person.id}: capacity must be a whole number of at least 1"
            )
        if person.max_meetings is not None and not _is_whole(person.max_meetings, 0):
            problems.append(
                f"participant {person.id}: "
                "max_meetings must be a whole number of at least 0 or null"
            )
    tables = {t.id: t for t in instance.tables}

    fixed_by_slot_table: dict[tuple[str, str], str] = {}
    fixed_in_slot: dict[str, int] = defaultdict(int)
    fixed_load: dict[tuple[str, str], list[str]] = defaultdict(list)
    fixed_count: dict[str, int] = defaultdict(int)
    for meeting in instance.meetings:
        where = f"meeting {meeting.id}"
        if len(meeting.participants) < 2:
            problems.append(f"{where}: needs at least two participants")
        for pid, n in Counter(meeting.participants).items():
            if n > 1:
                problems.append(f"{where}: participant {pid} is listed twice")
        unknown = [p for p in dict.fromkeys(meeting.participants) if p not in known_people]
        problems += [f"{where}: unknown participant {p}" for p in unknown]
        if not _is_whole(meeting.weight, 1):
            problems.append(f"{where}: weight must be a whole number of at least 1")
        if meeting.fixed_table is not None and meeting.fixed_slot is None:
            problems.append(f"{where}: a fixed table needs a fixed slot")
        slot = meeting.fixed_slot
        if slot is None:
            continue
        if slot not in known_slots:
            problems.append(f"{where}: fixed slot {slot} is unknown")
            continue
        for pid in dict.fromkeys(meeting.participants):
            if pid in people and slot in people[pid].unavailable:
                problems.append(f"{where}: {pid} is unavailable in its fixed slot {slot}")
            if pid in people:
                fixed_load[(pid, slot)].append(meeting.id)
                fixed_count[pid] += 1
        fixed_in_slot[slot] += 1
        table = meeting.fixed_table
        if table is None:
            continue
        if table not in known_tables:
            problems.append(f"{where}: fixed table {table} is unknown")
        elif slot in tables[table].unavailable:
            problems.append(f"{where}: table {table} is unavailable in its fixed slot {slot}")
        elif (slot, table) in fixed_by_slot_table:
            other = fixed_by_slot_table[(slot, table)]
            problems.append(
                f"{where}: table {table} in slot {slot} is also fixed for meeting {other}"
            )
        else:
            fixed_by_slot_table[(slot, table)] = meeting.id

    for (pid, slot), mids in fixed_load.items():
        capacity = people[pid].capacity
        if _is_whole(capacity, 1) and len(mids) > capacity:
            problems.append(
                f"participant {pid}: fixed meetings {', '.join(mids)} in slot {slot} "
                f"exceed its capacity of {capacity}"
            )
    for pid, n in fixed_count.items():
        cap = people[pid].max_meetings
        if _is_whole(cap, 0) and n > cap:
            problems.append(
                f"participant {pid}: {n} fixed meetings exceed its max_meetings of {cap}"
            )
    for slot in instance.slots:
        n = fixed_in_slot.get(slot.id, 0)
        free = sum(1 for t in instance.tables if slot.id not in t.unavailable)
        if n > free:
            tables_word = "table is" if free == 1 else "tables are"
            problems.append(
                f"slot {slot.id}: {n} fixed meetings but only {free} {tables_word} available"
            )
    return problems
