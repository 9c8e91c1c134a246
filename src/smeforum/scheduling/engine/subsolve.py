"""Exact re-solve of a neighbourhood with CP-SAT: free some meetings, keep the rest in place."""

from __future__ import annotations

from ortools.sat.python import cp_model

from .construct import adjacency
from .state import UNLIMITED, State


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
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    by_ps: dict[tuple[int, int], list] = {}
    by_s: dict[int, list] = {}
    by_p: dict[int, list] = {}
    sec: dict[tuple[int, int], int] = {}
    for m in free:
        slots = pb.feasible[m] if allowed is None else allowed[m]
        fair = 0
        if secondary:
            for p in pb.parts[m]:
                fair += round(8 * (1 - state.count[p] / pb.requested[p]))
        row = []
        for s in slots:
            if any(state.load[p][s] >= pb.cap[p] for p in pb.parts[m]):
                continue
            if state.used[s] >= pb.tables_in[s]:
                continue
            v = model.new_bool_var(f"x{m}_{s}")
            x[(m, s)] = v
            row.append(v)
            by_s.setdefault(s, []).append(v)
            for p in pb.parts[m]:
                by_ps.setdefault((p, s), []).append(v)
                by_p.setdefault(p, []).append(v)
            if secondary:
                sec[(m, s)] = fair * (2 * len(pb.parts[m]) + 1) + adjacency(state, m, s)
            if before[m] == s:
                model.add_hint(v, 1)
        if len(row) > 1:
            model.add_at_most_one(row)
    for (p, s), vs in by_ps.items():
        room = pb.cap[p] - state.load[p][s]
        if len(vs) > room:
            model.add(sum(vs) <= room)
    for s, vs in by_s.items():
        room = pb.tables_in[s] - state.used[s]
        if len(vs) > room:
            model.add(sum(vs) <= room)
    for p, vs in by_p.items():
        if pb.max_meetings[p] < UNLIMITED:
            model.add(sum(vs) <= pb.max_meetings[p] - state.count[p])
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
        after = dict.fromkeys(free, -1)
        for (m, s), v in x.items():
            if solver.value(v):
                after[m] = s
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
