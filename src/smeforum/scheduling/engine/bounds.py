"""Upper bounds on the weight any schedule can reach: combinatorial, and the LP relaxation."""

from __future__ import annotations

import math

from .state import UNLIMITED, Problem

LP_AFFORDABLE_VARIABLES = 20_000


def combinatorial_bound(pb: Problem) -> int:
    """The smallest of: every schedulable meeting; the heaviest meetings that fill every
    free table in every slot; and half the degree bound (each participant's heaviest shares)."""
    schedulable = [m for m in range(len(pb.meeting_ids)) if pb.feasible[m]]
    total = sum(pb.weight[m] for m in schedulable)
    heaviest = sorted((pb.weight[m] for m in schedulable), reverse=True)
    tables = sum(heaviest[: sum(pb.tables_in)])
    degree = 0.0
    for p, meetings in enumerate(pb.meetings_of):
        usable = [m for m in meetings if pb.feasible[m]]
        slots = set()
        for m in usable:
            slots.update(pb.feasible[m])
        k = min(len(usable), pb.max_meetings[p], pb.cap[p] * len(slots))
        shares = sorted((pb.weight[m] / len(pb.parts[m]) for m in usable), reverse=True)
        degree += sum(shares[:k])
    return min(total, tables, math.floor(degree + 1e-6))


def lp_bound(pb: Problem, seconds: float | None = None, method: str = "GLOP") -> float | None:
    """The time-indexed LP relaxation's optimum, or None if the solver did not finish."""
    from ortools.linear_solver import pywraplp  # noqa: PLC0415 -- only when an LP is wanted

    solver = pywraplp.Solver.CreateSolver(method)
    if solver is None:
        return None
    if seconds is not None:
        solver.SetTimeLimit(max(1, int(seconds * 1000)))
    inf = solver.infinity()
    by_ps: dict[tuple[int, int], list] = {}
    by_s: dict[int, list] = {}
    by_p: dict[int, list] = {}
    objective = solver.Objective()
    for m, slots in enumerate(pb.feasible):
        if pb.fixed_slot[m] >= 0:
            slots = [pb.fixed_slot[m]]
        row = []
        for s in slots:
            lo = 1.0 if pb.fixed_slot[m] >= 0 else 0.0
            v = solver.NumVar(lo, 1.0, "")
            row.append(v)
            objective.SetCoefficient(v, pb.weight[m])
            by_s.setdefault(s, []).append(v)
            for p in pb.parts[m]:
                by_ps.setdefault((p, s), []).append(v)
                by_p.setdefault(p, []).append(v)
        if len(row) > 1:
            c = solver.Constraint(-inf, 1.0)
            for v in row:
                c.SetCoefficient(v, 1.0)
    for (p, _s), vs in by_ps.items():
        if len(vs) > pb.cap[p]:
            c = solver.Constraint(-inf, pb.cap[p])
            for v in vs:
                c.SetCoefficient(v, 1.0)
    for s, vs in by_s.items():
        if len(vs) > pb.tables_in[s]:
            c = solver.Constraint(-inf, pb.tables_in[s])
            for v in vs:
                c.SetCoefficient(v, 1.0)
    for p, vs in by_p.items():
        if pb.max_meetings[p] < UNLIMITED and len(vs) > pb.max_meetings[p]:
            c = solver.Constraint(-inf, pb.max_meetings[p])
            for v in vs:
                c.SetCoefficient(v, 1.0)
    objective.SetMaximization()
    status = solver.Solve()
    if status != pywraplp.Solver.OPTIMAL:
        return None
    return objective.Value()


def upper_bound(pb: Problem, seconds: float | None = None) -> tuple[int, str]:
    """The best bound affordable here, and how it was found ("lp" or "combinatorial")."""
    bound = combinatorial_bound(pb)
    n_vars = sum(len(f) for f in pb.feasible)
    if n_vars <= LP_AFFORDABLE_VARIABLES and (seconds is None or seconds > 0.05):
        lp = lp_bound(pb, seconds)
        if lp is not None and math.floor(lp + 1e-6) <= bound:
            return math.floor(lp + 1e-6), "lp"
    return bound, "combinatorial"
