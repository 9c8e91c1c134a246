"""Validate a schedule against an instance and compute its statistics."""

from __future__ import annotations

from collections import Counter, defaultdict

from .bounds import upper_bound
from .model import Assignment, Instance, Stats
from .state import Problem, State


def check(
    instance: Instance,
    assignments: list[Assignment] | tuple[Assignment, ...],
    bound: bool = True,
) -> tuple[list[str], Stats]:
    """Return every rule the assignments break (empty when valid) and their stats."""
    pb = Problem(instance)
    problems: list[str] = []
    state = State(pb)
    by_slot_table: dict[tuple[str, str], str] = {}
    seen: Counter = Counter()
    load: dict[tuple[int, int], int] = defaultdict(int)
    for a in assignments:
        where = f"meeting {a.meeting}"
        seen[a.meeting] += 1
        if a.meeting not in pb.meeting_index:
            problems.append(f"{where}: unknown meeting")
            continue
        if seen[a.meeting] > 1:
            problems.append(f"{where}: assigned more than once")
            continue
        if a.slot not in pb.slot_index:
            problems.append(f"{where}: unknown slot {a.slot}")
            continue
        if a.table not in pb.table_index:
            problems.append(f"{where}: unknown table {a.table}")
            continue
        m, s, t = pb.meeting_index[a.meeting], pb.slot_index[a.slot], pb.table_index[a.table]
        if t not in pb.table_free[s]:
            problems.append(f"{where}: table {a.table} is unavailable in slot {a.slot}")
        other = by_slot_table.setdefault((a.slot, a.table), a.meeting)
        if other != a.meeting:
            problems.append(
                f"{where}: table {a.table} in slot {a.slot} is taken by meeting {other}"
            )
        for p in pb.parts[m]:
            if s not in pb.available[p]:
                problems.append(f"{where}: {pb.person_ids[p]} is unavailable in slot {a.slot}")
            load[(p, s)] += 1
            if load[(p, s)] == pb.cap[p] + 1:
                problems.append(
                    f"participant {pb.person_ids[p]}: more than {pb.cap[p]} meeting(s) "
                    f"at once in slot {a.slot}"
                )
        if pb.fixed_slot[m] >= 0 and pb.fixed_slot[m] != s:
            problems.append(f"{where}: not in its fixed slot {pb.slot_ids[pb.fixed_slot[m]]}")
        if pb.fixed_table[m] >= 0 and pb.fixed_table[m] != t:
            problems.append(f"{where}: not at its fixed table {pb.table_ids[pb.fixed_table[m]]}")
        state.place(m, s)
    for m, s in enumerate(state.slot_of):
        if s < 0 and pb.fixed_slot[m] >= 0:
            problems.append(f"meeting {pb.meeting_ids[m]}: fixed but not scheduled")
    for p, n in enumerate(state.count):
        if n > pb.max_meetings[p]:
            problems.append(
                f"participant {pb.person_ids[p]}: {n} meetings exceed its maximum of "
                f"{pb.max_meetings[p]}"
            )
    stats = Stats(
        meetings=len(pb.meeting_ids),
        scheduled=sum(1 for s in state.slot_of if s >= 0),
        weight=state.weight(),
        upper_bound=upper_bound(pb)[0] if bound else 0,
        idle_gaps=state.gaps(),
        seconds=0.0,
    )
    return problems, stats
