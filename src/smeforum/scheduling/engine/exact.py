"""The whole model solved exactly (small instances): weight, then fairness, then idle gaps."""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from .state import UNLIMITED, State


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
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    by_ps: dict[tuple[int, int], list] = {}
    by_s: dict[int, list] = {}
    by_p: dict[int, list] = {}
    for m in free:
        row = []
        for s in pb.feasible[m]:
            v = model.new_bool_var("")
            x[(m, s)] = v
            row.append(v)
            by_s.setdefault(s, []).append(v)
            for p in pb.parts[m]:
                by_ps.setdefault((p, s), []).append(v)
                by_p.setdefault(p, []).append(v)
            model.add_hint(v, 1 if before[m] == s else 0)
        model.add_at_most_one(row)
    for (p, s), vs in by_ps.items():
        model.add(sum(vs) <= pb.cap[p] - state.load[p][s])
    for s, vs in by_s.items():
        model.add(sum(vs) <= pb.tables_in[s] - state.used[s])
    for p, vs in by_p.items():
        if pb.max_meetings[p] < UNLIMITED:
            model.add(sum(vs) <= pb.max_meetings[p] - state.count[p])
    weight = sum(pb.weight[m] * v for (m, _), v in x.items())
    # fairness: the smallest share (in thousandths) of requested meetings a participant gets
    worst = model.new_int_var(0, 1000, "worst")
    for p, vs in by_p.items():
        model.add(worst * pb.requested[p] <= 1000 * (state.count[p] + sum(vs)))
    # idle gaps: busy, started (some meeting earlier that day), ended (some meeting later)
    idle = []
    for p in by_p:
        busy = {}
        for s in range(pb.n_slots):
            vs = by_ps.get((p, s), [])
            if state.load[p][s]:
                busy[s] = 1
            elif vs:
                b = model.new_bool_var("")
                model.add_max_equality(b, vs)
                busy[s] = b
            else:
                busy[s] = 0
        for day in set(pb.day):
            slots = [s for s in range(pb.n_slots) if pb.day[s] == day]
            started, ended = {}, {}
            for i, s in enumerate(slots):
                started[s] = model.new_bool_var("")
                model.add(started[s] >= busy[s])
                if i:
                    model.add(started[s] >= started[slots[i - 1]])
            for i, s in reversed(list(enumerate(slots))):
                ended[s] = model.new_bool_var("")
                model.add(ended[s] >= busy[s])
                if i + 1 < len(slots):
                    model.add(ended[s] >= ended[slots[i + 1]])
            for s in slots[1:-1]:
                g = model.new_bool_var("")
                model.add(g >= started[s] + ended[s] - busy[s] - 1)
                idle.append(g)
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
        best = dict.fromkeys(free, -1)
        for (m, s), v in x.items():
            if solver.value(v):
                best[m] = s
        value = solver.value(objective)
        if status != cp_model.OPTIMAL:
            break
        model.clear_hints()
        for (m, s), v in x.items():
            model.add_hint(v, 1 if best[m] == s else 0)
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
