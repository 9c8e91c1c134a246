"""The last objectives: fairness and compact days, without losing any weight."""

from __future__ import annotations

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


def _busy_days(state: State, p: int) -> dict[int, list[int]]:
    pb = state.pb
    days: dict[int, list[int]] = {}
    for s, n in enumerate(state.load[p]):
        if n:
            days.setdefault(pb.day[s], []).append(s)
    return days


def _gain_in(state: State, busy: dict[int, list[int]], p: int, s: int) -> int:
    """Fewer idle gaps of ``p`` when it gets one more meeting in slot ``s``."""
    if state.load[p][s]:
        return 0
    slots = busy.get(state.pb.day[s])
    if not slots:
        return 0
    if s < slots[0]:
        return -(slots[0] - s - 1)
    if s > slots[-1]:
        return -(s - slots[-1] - 1)
    return 1


def _gain_out(state: State, busy: dict[int, list[int]], p: int, s: int) -> int:
    """Fewer idle gaps of ``p`` when it has one meeting less in slot ``s``."""
    if state.load[p][s] > 1:
        return 0
    slots = busy[state.pb.day[s]]
    if len(slots) == 1:
        return 0
    if s == slots[0]:
        return slots[1] - s - 1
    if s == slots[-1]:
        return s - slots[-2] - 1
    return -1


def exchange_compact(state: State, deadline: float, keep: int = 6) -> int:
    """Put unscheduled meetings in place of scheduled ones of the same weight, in the same slot,
    when that shortens idle gaps and leaves nobody's share below the worst share there is.

    Rounds: the best exchange per slot and weight among the ``keep`` best meetings to take in
    and to take out (gains computed from each participant's first and last meetings of the
    day), and any exchange between two meetings of one participant; then the best of them,
    each participant in at most one, are applied. Return the gain."""
    pb = state.pb
    worst = state.min_share()
    gained = 0
    while time.monotonic() < deadline:
        busy = [_busy_days(state, p) for p in range(len(pb.person_ids))]
        ins: dict[tuple[int, int], list[tuple[int, int]]] = {}
        outs: dict[tuple[int, int], list[tuple[int, int]]] = {}
        found: list[tuple[int, int, int, int]] = []  # gain, meeting in, meeting out, slot
        for m, s in enumerate(state.slot_of):
            w = pb.weight[m]
            if s >= 0:
                if state.pinned[m]:
                    continue
                parts = pb.parts[m]
                if all((state.count[p] - 1) / pb.requested[p] >= worst for p in parts):
                    gain = sum(_gain_out(state, busy[p], p, s) for p in parts)
                    outs.setdefault((s, w), []).append((gain, m))
                for p in parts:  # its unscheduled meetings with the same participant
                    for u in pb.meetings_of[p]:
                        if state.slot_of[u] < 0 and pb.weight[u] == w and s in pb.feasible[u]:
                            gain = _pair_gain(state, busy, u, m, s, worst)
                            if gain is not None and gain > 0:
                                found.append((gain, u, m, s))
                continue
            for s in pb.feasible[m]:
                if all(
                    state.load[p][s] < pb.cap[p] and state.count[p] < pb.max_meetings[p]
                    for p in pb.parts[m]
                ):
                    gain = sum(_gain_in(state, busy[p], p, s) for p in pb.parts[m])
                    ins.setdefault((s, w), []).append((gain, m))
        for key, candidates in ins.items():
            takers = sorted(outs.get(key, ()), reverse=True)[:keep]
            for gain_in, u in sorted(candidates, reverse=True)[:keep]:
                for gain_out, n in takers:
                    if gain_in + gain_out > 0 and not set(pb.parts[u]) & set(pb.parts[n]):
                        found.append((gain_in + gain_out, u, n, key[0]))
        touched: set[int] = set()
        applied = 0
        for _, u, n, s in sorted(found, reverse=True):
            parts = set(pb.parts[u]) | set(pb.parts[n])
            if touched & parts or state.slot_of[u] >= 0 or state.slot_of[n] != s:
                continue
            touched |= parts
            before = _gaps_of(state, parts)
            state.remove(n)
            state.place(u, s)
            gain = before - _gaps_of(state, parts)
            if gain > 0:
                gained += gain
                applied += 1
            else:  # cannot happen; stay safe
                state.remove(u)
                state.place(n, s)
        if not applied:
            break
    return gained


def _pair_gain(state: State, busy, u: int, n: int, s: int, worst: float) -> int | None:
    """Gain of ``u`` (unscheduled) taking the place of ``n`` (in slot ``s``), when they share
    a participant; None if not allowed."""
    pb = state.pb
    gain = 0
    for p in pb.parts[u]:
        if p in pb.parts[n]:
            continue  # busy in ``s`` before and after
        if state.load[p][s] >= pb.cap[p] or state.count[p] >= pb.max_meetings[p]:
            return None
        gain += _gain_in(state, busy[p], p, s)
    for p in pb.parts[n]:
        if p in pb.parts[u]:
            continue
        if (state.count[p] - 1) / pb.requested[p] < worst:
            return None
        gain += _gain_out(state, busy[p], p, s)
    return gain
