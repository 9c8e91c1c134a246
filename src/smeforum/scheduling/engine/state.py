"""The instance as integer indices (``Problem``) and a schedule being built (``State``)."""

from __future__ import annotations

from .model import Instance

UNLIMITED = 1 << 30


class Problem:
    """Static, indexed view of a validated instance."""

    def __init__(self, instance: Instance):
        self.instance = instance
        self.slot_ids = [s.id for s in instance.slots]
        self.table_ids = [t.id for t in instance.tables]
        self.person_ids = [p.id for p in instance.participants]
        self.meeting_ids = [m.id for m in instance.meetings]
        slot_index = {sid: i for i, sid in enumerate(self.slot_ids)}
        person_index = {pid: i for i, pid in enumerate(self.person_ids)}
        self.slot_index, self.person_index = slot_index, person_index
        self.table_index = {tid: i for i, tid in enumerate(self.table_ids)}
        self.meeting_index = {mid: i for i, mid in enumerate(self.meeting_ids)}
        self.n_slots = len(self.slot_ids)
        days: dict = {}
        self.day = [days.setdefault(s.start.date(), len(days)) for s in instance.slots]
        self.table_free = [
            [ti for ti, t in enumerate(instance.tables) if sid not in t.unavailable]
            for sid in self.slot_ids
        ]
        self.tables_in = [len(ts) for ts in self.table_free]
        self.cap = [p.capacity for p in instance.participants]
        self.max_meetings = [
            UNLIMITED if p.max_meetings is None else p.max_meetings for p in instance.participants
        ]
        self.available = [
            frozenset(i for i, sid in enumerate(self.slot_ids) if sid not in p.unavailable)
            for p in instance.participants
        ]
        self.parts = [tuple(person_index[p] for p in m.participants) for m in instance.meetings]
        self.weight = [m.weight for m in instance.meetings]
        self.fixed_slot = [
            -1 if m.fixed_slot is None else slot_index[m.fixed_slot] for m in instance.meetings
        ]
        self.fixed_table = [
            -1 if m.fixed_table is None else self.table_index[m.fixed_table]
            for m in instance.meetings
        ]
        self.meetings_of: list[list[int]] = [[] for _ in self.person_ids]
        for mi, parts in enumerate(self.parts):
            for p in parts:
                self.meetings_of[p].append(mi)
        self.requested = [len(ms) for ms in self.meetings_of]
        all_slots = frozenset(range(self.n_slots))
        self.common = []  # slots where every participant is available (tables aside)
        self.feasible = []  # ... and some table is available
        for parts in self.parts:
            common = all_slots
            for p in parts:
                common = common & self.available[p]
            self.common.append(sorted(common))
            self.feasible.append([s for s in sorted(common) if self.tables_in[s] > 0])


class State:
    """A schedule under construction: slot per meeting and the loads it creates."""

    def __init__(self, problem: Problem):
        self.pb = problem
        self.slot_of = [-1] * len(problem.meeting_ids)
        self.load = [[0] * problem.n_slots for _ in problem.person_ids]
        self.count = [0] * len(problem.person_ids)
        self.used = [0] * problem.n_slots
        self.pinned = [False] * len(problem.meeting_ids)
        self.in_slot: list[set[int]] = [set() for _ in range(problem.n_slots)]

    def copy_from(self, other: State) -> None:
        for m, s in enumerate(self.slot_of):
            if s >= 0 and other.slot_of[m] != s:
                self.remove(m)
        for m, s in enumerate(other.slot_of):
            if s >= 0 and self.slot_of[m] != s:
                self.place(m, s)

    def fits(self, m: int, s: int) -> bool:
        """Can unscheduled meeting ``m`` go into slot ``s`` as things stand?"""
        pb = self.pb
        if self.used[s] >= pb.tables_in[s]:
            return False
        for p in pb.parts[m]:
            if (
                s not in pb.available[p]
                or self.load[p][s] >= pb.cap[p]
                or self.count[p] >= pb.max_meetings[p]
            ):
                return False
        return True

    def place(self, m: int, s: int) -> None:
        self.slot_of[m] = s
        self.used[s] += 1
        self.in_slot[s].add(m)
        for p in self.pb.parts[m]:
            self.load[p][s] += 1
            self.count[p] += 1

    def remove(self, m: int) -> None:
        s = self.slot_of[m]
        self.slot_of[m] = -1
        self.used[s] -= 1
        self.in_slot[s].discard(m)
        for p in self.pb.parts[m]:
            self.load[p][s] -= 1
            self.count[p] -= 1

    def weight(self) -> int:
        return sum(w for w, s in zip(self.pb.weight, self.slot_of, strict=True) if s >= 0)

    def person_gaps(self, p: int) -> int:
        return person_gaps(self.pb, self.load[p])

    def gaps(self) -> int:
        return sum(self.person_gaps(p) for p in range(len(self.pb.person_ids)))

    def min_share(self) -> float:
        shares = [c / r for c, r in zip(self.count, self.pb.requested, strict=True) if r]
        return min(shares, default=1.0)


def person_gaps(pb: Problem, load: list[int]) -> int:
    """Idle slots between a participant's first and last meeting of each day."""
    gaps = 0
    first = last = -1
    busy = 0
    day = None
    for s, n in enumerate(load):
        if pb.day[s] != day:
            if busy:
                gaps += last - first + 1 - busy
            day, first, last, busy = pb.day[s], -1, -1, 0
        if n:
            if first < 0:
                first = s
            last = s
            busy += 1
    if busy:
        gaps += last - first + 1 - busy
    return gaps
