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
