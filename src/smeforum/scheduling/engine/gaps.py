"""Shorter idle gaps by large-neighbourhood search: re-place whole slots with CP-SAT.

A neighbourhood is a *window*: two or three slots of one day. Every unpinned meeting in them
is freed and must be placed again in one of the window's slots where it fits, everything else
staying where it is. So the weight, every participant's number of meetings (hence fairness)
and the tables used per slot stay exactly as they are, while the meetings of the window can
trade places, along chains of any length, which is how a gap closes when every table is taken.

With the rest fixed, a participant's idle gaps depend only on which window slots it is busy
in: with one freed meeting (or all but one window slot taken) that is linear in the
placement, otherwise the model picks one of the busy patterns the participant can have, each
with its exact cost. The model is small and solved to optimality in a few hundredths of a
second; a re-solve is kept only when the idle gaps get strictly fewer.
"""

from __future__ import annotations

import itertools
import random
import time

from ortools.sat.python import cp_model

from .cpsat import Placement
from .state import State, person_gaps

SUBSOLVE_SECONDS = 0.5


def _objective(place: Placement, meetings_of: dict[int, list[int]], window: list[int]) -> list:
    """The idle gaps of the participants in ``meetings_of`` (participant -> its freed meetings),
    up to a constant, as linear terms over ``place``'s variables (adding pattern variables)."""
    state = place.state
    pb = state.pb
    model = place.model
    terms = []
    for p, meetings in meetings_of.items():
        load = state.load[p]

        def cost(busy, load=load) -> int:
            trial = list(load)
            for s in busy:
                trial[s] = 1
            return person_gaps(pb, trial)

        if len(meetings) == 1:
            (m,) = meetings
            none = cost(())
            terms.extend((cost((s,)) - none) * place.x[(m, s)] for s in window if (m, s) in place.x)
            continue
        slots = [s for s in window if (p, s) in place.by_ps and not load[s]]
        if not slots:
            continue  # busy in the same window slots whatever the placement
        single = pb.cap[p] == 1  # then its meetings take distinct slots, none already busy
        if single and len(meetings) >= len(slots):
            continue  # busy in every slot it can take
        if single and len(meetings) == len(slots) - 1:  # the slot left free decides
            for s in slots:
                c = cost([t for t in slots if t != s])
                terms.extend(-c * v for v in place.by_ps[(p, s)])
            continue
        busy = {}
        for s in slots:
            vs = place.by_ps[(p, s)]
            if single:
                busy[s] = sum(vs)
            else:
                b = model.new_bool_var("")
                model.add_max_equality(b, vs)
                busy[s] = b
        sizes = [len(meetings)] if single else range(min(len(meetings), len(slots)) + 1)
        patterns = [
            (pattern, model.new_bool_var(""))
            for r in sizes
            for pattern in itertools.combinations(slots, r)
        ]
        model.add_exactly_one(y for _, y in patterns)
        for s in slots:
            model.add(busy[s] == sum(y for pattern, y in patterns if s in pattern))
        terms.extend(cost(pattern) * y for pattern, y in patterns)
    return terms


def _resolve_window(
    state: State, window: list[int], deadline: float, seed: int
) -> tuple[int, float]:
    """Re-place every unpinned meeting of the ``window`` slots for fewer idle gaps, searching
    until ``deadline`` at most; return the gain (0: nothing changed) and the seconds spent
    besides the search."""
    started = time.monotonic()
    searched = 0.0
    pb = state.pb
    free = [m for s in window for m in sorted(state.in_slot[s]) if not state.pinned[m]]
    meetings_of: dict[int, list[int]] = {}
    for m in free:
        for p in pb.parts[m]:
            meetings_of.setdefault(p, []).append(m)
    old = sum(state.person_gaps(p) for p in meetings_of)
    before = {m: state.slot_of[m] for m in free}
    for m in free:
        state.remove(m)
    allowed = {m: [s for s in window if s in pb.feasible[m]] for m in free}
    place = Placement(state, free, allowed, names=False)
    place.hint(before)
    place.limit(place_all=True)
    terms = _objective(place, meetings_of, window)
    after = before
    seconds = min(deadline - time.monotonic(), SUBSOLVE_SECONDS)
    if terms and seconds > 0:
        place.model.minimize(sum(terms))
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = seconds
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = seed
        status = solver.solve(place.model)
        searched = solver.wall_time
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            after = place.values(solver, free)
    for m, s in after.items():
        state.place(m, s)
    gain = old - sum(state.person_gaps(p) for p in meetings_of)
    if gain <= 0 and after is not before:
        for m in free:
            state.remove(m)
        for m, s in before.items():
            state.place(m, s)
        gain = 0
    return gain, time.monotonic() - started - searched


def reduce_gaps(state: State, deadline: float, rng: random.Random, seed: int, tick=None) -> int:
    """Re-solve windows for fewer idle gaps until ``deadline``: pairs of slots of a day, then
    (once every pair has been tried since the last gain) triples, until every triple has been
    tried since the last gain too; return the gain."""
    pb = state.pb
    days: dict[int, list[int]] = {}
    for s in range(pb.n_slots):
        days.setdefault(pb.day[s], []).append(s)
    gained = 0
    rounds = 0
    building = 0.0  # the longest a window took besides its search
    for size in (2, 3):
        windows = [list(w) for slots in days.values() for w in itertools.combinations(slots, size)]
        since = 0  # windows tried since the last gain
        while since < len(windows):
            rng.shuffle(windows)
            for window in windows:
                if deadline - time.monotonic() <= building:
                    return gained
                if since >= len(windows):
                    break
                if tick is not None:
                    tick()
                rounds += 1
                gain, besides = _resolve_window(state, window, deadline, seed + rounds)
                building = max(building, besides)
                gained += gain
                since = 0 if gain else since + 1
    return gained
