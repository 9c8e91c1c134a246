"""The engine's typed input and output: plain frozen dataclasses, no Django."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Slot:
    id: str
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class Table:
    id: str
    unavailable: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Participant:
    id: str
    unavailable: frozenset[str] = frozenset()
    capacity: int = 1
    max_meetings: int | None = None


@dataclass(frozen=True)
class Meeting:
    id: str
    participants: tuple[str, ...]
    weight: int = 1
    fixed_slot: str | None = None
    fixed_table: str | None = None


@dataclass(frozen=True)
class Instance:
    slots: tuple[Slot, ...]
    tables: tuple[Table, ...]
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]


@dataclass(frozen=True)
class Assignment:
    meeting: str
    slot: str
    table: str


@dataclass(frozen=True)
class Unscheduled:
    meeting: str
    reason: str  # in English, naming participants by id
    code: str = field(default="", compare=False)  # see reasons.REASONS
    params: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Stats:
    meetings: int
    scheduled: int
    weight: int
    upper_bound: int
    idle_gaps: int
    seconds: float
    moved: int = 0


@dataclass(frozen=True)
class Schedule:
    assignments: tuple[Assignment, ...]
    unscheduled: tuple[Unscheduled, ...]
    stats: Stats
    upper_bound_method: str = field(default="", compare=False)


class InvalidInstanceError(ValueError):
    """The input has problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems
