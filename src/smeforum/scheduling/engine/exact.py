"""The whole model solved exactly (small instances): weight, then fairness, then idle gaps."""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from .cpsat import Placement
from .state import State


def exact(state: State, seconds: float, seed: int) -> bool:
    """Re-place every unpinned meeting lexicographically optimally; keep ``state`` if CP-SAT
    finds nothing better in time. Return True if the state changed."""
    pb = state.pb
    deadline = time.monotonic() + seconds
    free = [m for m in range(len(pb.meeting_ids)) if not state.pinned[m] and pb.feasible[m]]
    before = {m: state.slot_of[m] for m in free}
    base_weight = state.weight()
    base_gaps = state.gaps()
    for m in free:
        if state.slot_of[m] >= 0:
            state.remove(m)
    place = Placement(state, free, prune=False, names=False)
    place.hint(before, zeros=True)
    place.limit(loose=True)
    model, x, by_p = place.model, place.x, place.by_p
    weight = sum(pb.weight[m] * v for (m, _), v in x.items())
    # fairness: the smallest share (in thousandths) of requested meetings a participant gets
    worst = model.new_int_var(0, 1000, "worst")
    for p, vs in by_p.items():
        model.add(worst * pb.requested[p] <= 1000 * (state.count[p] + sum(vs)))
    idle = place.idle(by_p)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    best = None
    for stage, objective in enumerate((weight, worst, sum(idle))):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        solver.parameters.max_time_in_seconds = left
        if stage == 2:
            model.minimize(objective)
        else:
            model.maximize(objective)
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            break
        best = place.values(solver, free)
        value = solver.value(objective)
        if status != cp_model.OPTIMAL:
            break
        model.clear_hints()
        place.hint(best, zeros=True)
        if stage == 2:
            break
        model.add(objective >= value)
    chosen = before
    if best is not None:
        for m, s in best.items():
            if s >= 0:
                state.place(m, s)
        better = (state.weight(), -state.gaps()) >= (base_weight, -base_gaps)
        for m, s in best.items():
            if s >= 0:
                state.remove(m)
        if better:
            chosen = best
    for m, s in chosen.items():
        if s >= 0:
            state.place(m, s)
    return chosen is not before
