"""The last objectives: fairness and compact days, without losing any weight."""

from __future__ import annotations

import itertools
import time

from .state import State, person_gaps


def _gaps_of(state: State, parts) -> int:
    return sum(person_gaps(state.pb, state.load[p]) for p in parts)


def compact(state: State, deadline: float) -> int:
    """Move single meetings to slots that shorten their participants' idle gaps; return the gain."""
    pb = state.pb
    gained = 0
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        for m in range(len(pb.meeting_ids)):
            s0 = state.slot_of[m]
            if s0 < 0 or state.pinned[m]:
                continue
            parts = pb.parts[m]
            before = _gaps_of(state, parts)
            if before == 0:
                continue
            state.remove(m)
            best, best_gain = s0, 0
            for s in pb.feasible[m]:
                if s != s0 and state.fits(m, s):
                    state.place(m, s)
                    gain = before - _gaps_of(state, parts)
                    state.remove(m)
                    if gain > best_gain:
                        best, best_gain = s, gain
            state.place(m, best)
            if best != s0:
                gained += best_gain
                improved = True
            if time.monotonic() > deadline:
                break
    return gained


def _swap_gain(state: State, m: int, n: int, a: int, b: int) -> int | None:
    """Gap gain of swapping ``m`` (in ``a``) with ``n`` (in ``b``), or None if not allowed."""
    pb = state.pb
    parts = set(pb.parts[m]) | set(pb.parts[n])
    before = _gaps_of(state, parts)
    state.remove(m)
    state.remove(n)
    gain = None
    if state.fits(m, b):
        state.place(m, b)
        if state.fits(n, a):
            state.place(n, a)
            gain = before - _gaps_of(state, parts)
            state.remove(n)
        state.remove(m)
    state.place(m, a)
    state.place(n, b)
    return gain


def _next_to_busy(state: State, p: int, s: int) -> bool:
    pb = state.pb
    return any(
        0 <= t < pb.n_slots and pb.day[t] == pb.day[s] and state.load[p][t] for t in (s - 1, s + 1)
    )


def swap_compact(state: State, deadline: float, candidates: int = 24) -> int:
    """Swap two meetings between slots of one day when that shortens idle gaps."""
    pb = state.pb
    gained = 0
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        for m in range(len(pb.meeting_ids)):
            a = state.slot_of[m]
            if a < 0 or state.pinned[m] or _gaps_of(state, pb.parts[m]) == 0:
                continue
            targets = set()
            for p in pb.parts[m]:
                for s in (a - 2, a - 1, a + 1, a + 2):
                    if (
                        0 <= s < pb.n_slots
                        and pb.day[s] == pb.day[a]
                        and _next_to_busy(state, p, s)
                    ):
                        targets.add(s)
            for b in sorted(targets & set(pb.feasible[m])):
                if b == a:
                    continue
                conflicts = [n for n in state.in_slot[b] if set(pb.parts[n]) & set(pb.parts[m])]
                # otherwise any meeting of b may swap (tables bind): prefer those whose
                # participants meet right next to slot a
                pool = conflicts or list(
                    itertools.islice(
                        (
                            n
                            for n in sorted(state.in_slot[b])
                            if any(_next_to_busy(state, q, a) for q in pb.parts[n])
                        ),
                        candidates,
                    )
                )
                best, best_gain = -1, 0
                for n in pool:
                    if state.pinned[n] or a not in pb.feasible[n]:
                        continue
                    gain = _swap_gain(state, m, n, a, b)
                    if gain is not None and gain > best_gain:
                        best, best_gain = n, gain
                if best >= 0:
                    state.remove(m)
                    state.remove(best)
                    state.place(m, b)
                    state.place(best, a)
                    gained += best_gain
                    improved = True
                    break
            if time.monotonic() > deadline:
                break
    return gained


def exchange_compact(state: State, deadline: float, candidates: int = 40) -> int:
    """Put an unscheduled meeting in place of a scheduled one of the same weight when that
    shortens idle gaps and leaves nobody's share below the worst share there is."""
    pb = state.pb
    worst = state.min_share()
    gained = 0
    todo = [m for m in range(len(pb.meeting_ids)) if state.slot_of[m] < 0 and pb.feasible[m]]
    for u in todo:
        if time.monotonic() > deadline:
            break
        if state.slot_of[u] >= 0:
            continue
        targets = [
            s for s in pb.feasible[u] if any(_next_to_busy(state, p, s) for p in pb.parts[u])
        ]
        done = False
        for s in targets:
            tried = 0
            for n in sorted(state.in_slot[s]):
                if state.pinned[n] or pb.weight[n] != pb.weight[u]:
                    continue
                tried += 1
                if tried > candidates:
                    break
                parts = set(pb.parts[u]) | set(pb.parts[n])
                before = _gaps_of(state, parts)
                state.remove(n)
                if state.fits(u, s) and all(
                    p in pb.parts[u] or state.count[p] / pb.requested[p] >= worst
                    for p in pb.parts[n]
                ):
                    state.place(u, s)
                    gain = before - _gaps_of(state, parts)
                    if gain > 0:
                        gained += gain
                        done = True
                        break
                    state.remove(u)
                state.place(n, s)
            if done:
                break
    return gained
