"""Large-neighbourhood search: free a few slots around unscheduled meetings, re-solve exactly."""

from __future__ import annotations

import random
import time

from .state import State
from .subsolve import resolve

MAX_FREE = 300
SUBSOLVE_SECONDS = 0.5


def _neighbourhood(state: State, u: int, rng: random.Random, k: int) -> tuple[list[int], dict]:
    pb = state.pb
    slots = rng.sample(pb.feasible[u], min(k, len(pb.feasible[u])))
    chosen = set(slots)
    free = [u]
    seen = {u}
    frontier = set(pb.parts[u])
    tables_bind = any(state.used[s] >= pb.tables_in[s] for s in chosen)
    for _ in range(4):
        nxt = set()
        for s in slots:
            for b in sorted(state.in_slot[s]):
                if b in seen or state.pinned[b]:
                    continue
                if tables_bind or any(p in frontier for p in pb.parts[b]):
                    seen.add(b)
                    free.append(b)
                    nxt.update(pb.parts[b])
        frontier = nxt
        if len(free) > MAX_FREE or not frontier:
            break
    for m in range(len(pb.meeting_ids)):  # other unscheduled meetings that could use them
        if len(free) > MAX_FREE + 50:
            break
        if (
            m not in seen
            and state.slot_of[m] < 0
            and pb.feasible[m]
            and (tables_bind or any(p in frontier or p in pb.parts[u] for p in pb.parts[m]))
            and chosen & set(pb.feasible[m])
        ):
            free.append(m)
            seen.add(m)
    allowed = {}
    for m in free:
        own = [state.slot_of[m]] if state.slot_of[m] >= 0 else []
        allowed[m] = sorted(set(own) | (chosen & set(pb.feasible[m])))
    return free, allowed


def _people_neighbourhood(state: State, u: int, rng: random.Random) -> tuple[list[int], dict]:
    """Every meeting of ``u``'s participants and of some of their partners, in every slot."""
    pb = state.pb
    free: dict[int, None] = {}
    for p in pb.parts[u]:
        free.update(dict.fromkeys(m for m in pb.meetings_of[p] if pb.feasible[m]))
    partners = sorted({q for m in free for q in pb.parts[m]} - set(pb.parts[u]))
    rng.shuffle(partners)
    for q in partners:
        if len(free) > MAX_FREE // 2:
            break
        free.update(dict.fromkeys(m for m in pb.meetings_of[q] if pb.feasible[m]))
    chosen = [m for m in free if not state.pinned[m]]
    return chosen, {m: pb.feasible[m] for m in chosen}


def lns(state: State, deadline: float, rng: random.Random, seed: int, tick=None) -> int:
    """Improve ``state`` until ``deadline``; return the number of accepted re-solves."""
    pb = state.pb
    accepted = 0
    stale: dict[int, int] = {}
    rounds = 0
    while time.monotonic() < deadline:
        if tick is not None:
            tick()
        todo = [
            m
            for m in range(len(pb.meeting_ids))
            if state.slot_of[m] < 0 and pb.feasible[m] and stale.get(m, 0) < 10
        ]
        if not todo:
            break
        todo.sort(key=lambda m: (-pb.weight[m], stale.get(m, 0), m))
        u = todo[rounds % min(len(todo), 8)]
        rounds += 1
        tries = stale.get(u, 0)
        if tries % 2:
            free, allowed = _people_neighbourhood(state, u, rng)
        else:
            free, allowed = _neighbourhood(state, u, rng, 2 + tries // 2 % 4)
        left = deadline - time.monotonic()
        if left <= 0:
            break
        if resolve(
            state, free, allowed, min(left, SUBSOLVE_SECONDS), seed + rounds, secondary=False
        ):
            accepted += 1
            stale.pop(u, None)
        else:
            stale[u] = stale.get(u, 0) + 1
    return accepted
