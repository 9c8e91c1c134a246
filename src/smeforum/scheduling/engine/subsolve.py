"""Exact re-solve of a neighbourhood with CP-SAT: free some meetings, keep the rest in place."""

from __future__ import annotations

from ortools.sat.python import cp_model

from .construct import adjacency
from .cpsat import Placement
from .state import State


def resolve(
    state: State,
    free: list[int],
    allowed: dict[int, list[int]] | None,
    seconds: float,
    seed: int,
    secondary: bool = True,
    workers: int = 1,
) -> bool:
    """Re-place the ``free`` meetings (each within ``allowed[m]``, default all its slots) to
    maximise weight, then fairness and compactness; apply only if better. Return True if applied."""
    pb = state.pb
    before = {m: state.slot_of[m] for m in free}
    for m in free:
        if state.slot_of[m] >= 0:
            state.remove(m)
    place = Placement(state, free, allowed)
    place.hint(before)
    place.limit()
    model, x = place.model, place.x
    sec: dict[tuple[int, int], int] = {}
    if secondary:
        for m in free:
            fair = sum(round(8 * (1 - state.count[p] / pb.requested[p])) for p in pb.parts[m])
            for s in pb.feasible[m] if allowed is None else allowed[m]:
                if (m, s) in x:
                    sec[(m, s)] = fair * (2 * len(pb.parts[m]) + 1) + adjacency(state, m, s)
    big = sum(max((sec.get((m, s), 0) for s in range(pb.n_slots)), default=0) for m in free) + 1
    model.maximize(sum(v * (pb.weight[m] * big + sec.get((m, s), 0)) for (m, s), v in x.items()))

    def objective(assign: dict[int, int]) -> int:
        return sum(pb.weight[m] * big + sec.get((m, s), 0) for m, s in assign.items() if s >= 0)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.01)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    applied = False
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        after = place.values(solver, free)
        old = {m: s for m, s in before.items() if s < 0 or (m, s) in x}
        if len(old) == len(before) and objective(after) > objective(old):
            for m, s in after.items():
                if s >= 0:
                    state.place(m, s)
            applied = True
    if not applied:
        for m, s in before.items():
            if s >= 0:
                state.place(m, s)
    return applied
