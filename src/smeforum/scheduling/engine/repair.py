"""Ejection chains: make room for an unscheduled meeting by moving the meetings in its way."""

from __future__ import annotations

import time

from .construct import best_slot
from .state import State


class _Journal:
    def __init__(self, state: State):
        self.state = state
        self.moves: list[tuple[int, int]] = []  # (meeting, slot before)

    def move(self, m: int, s: int) -> None:
        st = self.state
        self.moves.append((m, st.slot_of[m]))
        if st.slot_of[m] >= 0:
            st.remove(m)
        if s >= 0:
            st.place(m, s)

    def mark(self) -> int:
        return len(self.moves)

    def undo(self, mark: int) -> None:
        st = self.state
        while len(self.moves) > mark:
            m, before = self.moves.pop()
            if st.slot_of[m] >= 0:
                st.remove(m)
            if before >= 0:
                st.place(m, before)


def _blocker_groups(state: State, m: int, s: int) -> list[list[int]] | None:
    """For ``m`` to enter ``s``, one meeting of each group must leave; None if moving can't help."""
    pb = state.pb
    groups = []
    for p in pb.parts[m]:
        if s not in pb.available[p] or state.count[p] >= pb.max_meetings[p]:
            return None
        if state.load[p][s] >= pb.cap[p]:
            group = [b for b in state.in_slot[s] if p in pb.parts[b] and not state.pinned[b]]
            if not group:
                return None
            groups.append(group)
    if state.used[s] >= pb.tables_in[s] and not groups:
        group = [b for b in state.in_slot[s] if not state.pinned[b]]
        if not group:
            return None
        groups.append(group)
    return groups


def _relocate(j: _Journal, b: int, avoid: int, depth: int, budget: list[int]) -> bool:
    """Move scheduled meeting ``b`` out of its slot to another one (not ``avoid``)."""
    st = j.state
    here = st.slot_of[b]
    mark = j.mark()
    j.move(b, -1)
    s = best_slot(st, b, exclude=here)
    if s >= 0 and s != avoid:
        j.move(b, s)
        return True
    if depth > 0:
        for s in st.pb.feasible[b]:
            if s in (here, avoid):
                continue
            if _insert(j, b, s, depth - 1, budget, avoid=here):
                return True
    j.undo(mark)
    return False


def _insert(j: _Journal, m: int, s: int, depth: int, budget: list[int], avoid: int = -1) -> bool:
    budget[0] -= 1
    if budget[0] < 0:
        return False
    st = j.state
    if st.fits(m, s):
        j.move(m, s)
        return True
    groups = _blocker_groups(st, m, s)
    if groups is None or len(groups) > 2:
        return False
    mark = j.mark()
    for group in groups:
        if st.fits(m, s):
            break
        if any(st.slot_of[b] != s for b in group):  # an earlier move already freed it
            continue
        for b in sorted(group):
            if st.slot_of[b] == s and _relocate(j, b, s if avoid < 0 else avoid, depth, budget):
                break
        else:
            j.undo(mark)
            return False
    if st.fits(m, s):
        j.move(m, s)
        return True
    j.undo(mark)
    return False


def repair(state: State, deadline: float, depth: int = 2) -> int:
    """Try to schedule every unscheduled meeting by ejection chains; return how many got in."""
    pb = state.pb
    todo = [m for m in range(len(pb.meeting_ids)) if state.slot_of[m] < 0 and pb.feasible[m]]
    todo.sort(key=lambda m: (-pb.weight[m], len(pb.feasible[m]), m))
    gained = 0
    j = _Journal(state)
    for m in todo:
        if time.monotonic() > deadline:
            break
        budget = [400]
        for s in pb.feasible[m]:
            j.moves.clear()
            if _insert(j, m, s, depth, budget):
                gained += 1
                break
    j.moves.clear()
    return gained
