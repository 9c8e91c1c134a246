"""The JSON file format of ``smeforum schedule`` (see docs/scheduling.md), both directions."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .model import (
    Assignment,
    Instance,
    InvalidInstanceError,
    Meeting,
    Participant,
    Schedule,
    Slot,
    Table,
)
from .validation import validate


class _Reader:
    def __init__(self):
        self.problems: list[str] = []

    def items(self, data: dict, key: str) -> list:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.problems.append(f"{key} must be a list")
            return []
        return value

    def obj(self, value, where: str) -> dict | None:
        if not isinstance(value, dict):
            self.problems.append(f"{where} must be an object")
            return None
        return value

    def ident(self, value, where: str) -> str:
        if not isinstance(value, str) or not value:
            self.problems.append(f"{where}: id must be a non-empty string")
            return ""
        return value

    def id_list(self, value, where: str) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problems.append(f"{where} must be a list of ids")
            return []
        return value

    def time(self, value, where: str) -> dt.datetime | None:
        try:
            return dt.datetime.fromisoformat(value)
        except (TypeError, ValueError):
            self.problems.append(f"{where} is not an ISO 8601 date-time: {value!r}")
            return None


def parse_instance(data) -> Instance:
    """Build an :class:`Instance` from decoded JSON; raise :class:`InvalidInstanceError` listing
    every problem (format and content) otherwise."""
    r = _Reader()
    if not isinstance(data, dict):
        raise InvalidInstanceError(["the instance must be a JSON object"])
    slots, tables, people, meetings = [], [], [], []
    complete = True
    for i, raw in enumerate(r.items(data, "slots")):
        raw = r.obj(raw, f"slots[{i}]")
        if raw is None:
            complete = False
            continue
        sid = r.ident(raw.get("id"), f"slots[{i}]")
        start = r.time(raw.get("start"), f"slot {sid or i}: start")
        end = r.time(raw.get("end"), f"slot {sid or i}: end")
        if start is None or end is None:
            complete = False
            continue
        slots.append(Slot(sid, start, end))
    for i, raw in enumerate(r.items(data, "tables")):
        raw = r.obj(raw, f"tables[{i}]")
        if raw is not None:
            tid = r.ident(raw.get("id"), f"tables[{i}]")
            unavailable = r.id_list(raw.get("unavailable"), f"table {tid}: unavailable")
            tables.append(Table(tid, frozenset(unavailable)))
    for i, raw in enumerate(r.items(data, "participants")):
        raw = r.obj(raw, f"participants[{i}]")
        if raw is not None:
            pid = r.ident(raw.get("id"), f"participants[{i}]")
            unavailable = r.id_list(raw.get("unavailable"), f"participant {pid}: unavailable")
            people.append(
                Participant(
                    pid, frozenset(unavailable), raw.get("capacity", 1), raw.get("max_meetings")
                )
            )
    for i, raw in enumerate(r.items(data, "meetings")):
        raw = r.obj(raw, f"meetings[{i}]")
        if raw is None:
            continue
        mid = r.ident(raw.get("id"), f"meetings[{i}]")
        members = r.id_list(raw.get("participants"), f"meeting {mid}: participants")
        fixed = raw.get("fixed")
        fixed_slot = fixed_table = None
        if isinstance(fixed, dict):
            fixed_slot, fixed_table = fixed.get("slot"), fixed.get("table")
            if not isinstance(fixed_slot, str) or not (
                fixed_table is None or isinstance(fixed_table, str)
            ):
                r.problems.append(f'meeting {mid}: fixed must be {{"slot": id, "table": id}}')
                fixed_slot = fixed_table = None
        elif fixed is not None:
            r.problems.append(f"meeting {mid}: fixed must be null or an object")
        meetings.append(Meeting(mid, tuple(members), raw.get("weight", 1), fixed_slot, fixed_table))
    instance = Instance(tuple(slots), tuple(tables), tuple(people), tuple(meetings))
    problems = r.problems + validate(instance)
    if not complete:  # slots with bad times were left out: unknown-slot echoes are noise
        problems = [p for p in problems if "unknown slot" not in p and "fixed slot" not in p]
    if problems:
        raise InvalidInstanceError(problems)
    return instance


def load_instance(path: str | Path) -> Instance:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InvalidInstanceError([f"{path}: not valid JSON ({exc})"]) from exc
    return parse_instance(data)


def parse_assignments(data) -> list[Assignment]:
    """The assignments of a schedule file (for ``--previous`` and ``check``)."""
    if not isinstance(data, dict) or not isinstance(data.get("assignments"), list):
        raise InvalidInstanceError(["the schedule must be an object with a list of assignments"])
    result, problems = [], []
    for i, raw in enumerate(data["assignments"]):
        if not isinstance(raw, dict) or not all(
            isinstance(raw.get(k), str) for k in ("meeting", "slot", "table")
        ):
            problems.append(f"assignments[{i}] must have meeting, slot and table ids")
            continue
        result.append(Assignment(raw["meeting"], raw["slot"], raw["table"]))
    if problems:
        raise InvalidInstanceError(problems)
    return result


def schedule_to_json(schedule: Schedule) -> dict:
    s = schedule.stats
    return {
        "assignments": [
            {"meeting": a.meeting, "slot": a.slot, "table": a.table} for a in schedule.assignments
        ],
        "unscheduled": [{"meeting": u.meeting, "reason": u.reason} for u in schedule.unscheduled],
        "stats": {
            "meetings": s.meetings,
            "scheduled": s.scheduled,
            "weight": s.weight,
            "upper_bound": s.upper_bound,
            "idle_gaps": s.idle_gaps,
            "seconds": round(s.seconds, 3),
            "moved": s.moved,
        },
    }
