"""The engine's entry point: validate, construct, repair, re-solve neighbourhoods, compact."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from .bounds import upper_bound
from .compact import compact, exchange_compact
from .construct import construct
from .exact import exact
from .gaps import reduce_gaps
from .lns import lns
from .model import Assignment, Instance, InvalidInstanceError, Schedule, Stats, Unscheduled
from .reasons import describe, why
from .repair import repair
from .state import Problem, State
from .validation import validate

EXACT_VARIABLES = 4_000  # below this many meeting × slot pairs the whole model is re-solved


def _keep_previous(state: State, previous, pinned: bool) -> dict[int, int]:
    """Put back every previous assignment that is still valid; return meeting → table."""
    pb = state.pb
    tables: dict[int, int] = {}
    taken = {(s, t) for m, t in enumerate(pb.fixed_table) if t >= 0 for s in [pb.fixed_slot[m]]}
    for a in previous:
        m = pb.meeting_index.get(a.meeting)
        s = pb.slot_index.get(a.slot)
        t = pb.table_index.get(a.table)
        if m is None or s is None or t is None or state.slot_of[m] >= 0:
            continue
        if t not in pb.table_free[s] or (s, t) in taken or not state.fits(m, s):
            continue
        state.place(m, s)
        state.pinned[m] = pinned
        tables[m] = t
        taken.add((s, t))
    return tables


def _tables(pb: Problem, state: State, wanted: dict[int, int]) -> dict[int, int]:
    """A table for every scheduled meeting: fixed ones, then kept ones, then the first free."""
    result: dict[int, int] = {}
    for s in range(pb.n_slots):
        meetings = sorted(state.in_slot[s])
        free = list(pb.table_free[s])
        taken: set[int] = set()
        for rank in (0, 1):
            for m in meetings:
                t = pb.fixed_table[m] if rank == 0 else wanted.get(m, -1)
                if m not in result and t >= 0 and t not in taken:
                    result[m] = t
                    taken.add(t)
        rest = iter(t for t in free if t not in taken)
        for m in meetings:
            if m not in result:
                result[m] = next(rest)
    return result


def solve(
    instance: Instance,
    time_limit: float = 10.0,
    seed: int = 0,
    previous: list[Assignment] | tuple[Assignment, ...] | None = None,
    keep_previous: bool = True,
    progress: Callable[[str, float], None] | None = None,
) -> Schedule:
    """Schedule ``instance`` within ``time_limit`` seconds.

    ``progress``, when given, is called with the phase (``bound``, ``construct``, ``search``,
    ``compact``, ``done``) and the share of the time limit used so far (0 to 1), at each phase
    and between rounds of the search; it should return quickly.

    Raises :class:`InvalidInstanceError` listing every problem of an invalid instance.
    """
    started = time.monotonic()

    def report(phase: str) -> None:
        if progress is not None:
            used = (time.monotonic() - started) / time_limit if time_limit > 0 else 1.0
            progress(phase, min(used, 1.0))

    deadline = started + 0.98 * max(time_limit, 0.0)  # the rest: tables, reasons, stats
    problems = validate(instance)
    if problems:
        raise InvalidInstanceError(problems)
    pb = Problem(instance)
    rng = random.Random(seed)  # noqa: S311 -- tie-breaks, not secrets
    state = State(pb)
    for m, s in enumerate(pb.fixed_slot):
        if s >= 0:
            state.place(m, s)
            state.pinned[m] = True
    wanted = _keep_previous(state, previous or [], keep_previous)
    report("bound")
    bound, method = upper_bound(pb, seconds=0.15 * time_limit)

    report("construct")
    construct(state, rng)
    if state.weight() < bound:
        repair(state, started + 0.3 * time_limit)
    report("search")
    n_vars = sum(len(pb.feasible[m]) for m in range(len(pb.meeting_ids)) if not state.pinned[m])
    if n_vars <= EXACT_VARIABLES:
        left = deadline - time.monotonic()
        if left > 0:
            exact(state, 0.7 * left, seed)
    elif state.weight() < bound:
        lns(state, started + 0.85 * time_limit, rng, seed, tick=lambda: report("search"))
    report("compact")
    # from here on the weight and the worst share stay; only idle gaps get fewer
    compact(state, deadline)
    while True:  # exchanges (cheap) and re-solved windows (most of the time) in turn
        gained = exchange_compact(state, deadline)
        left = deadline - time.monotonic()
        if left <= 0:
            break
        until = time.monotonic() + (0.7 * left if left > 1 else left)
        gained += reduce_gaps(state, until, rng, seed, tick=lambda: report("compact"))
        if not gained:
            break
    compact(state, deadline)

    tables = _tables(pb, state, wanted)
    assignments = tuple(
        Assignment(pb.meeting_ids[m], pb.slot_ids[s], pb.table_ids[tables[m]])
        for m, s in enumerate(state.slot_of)
        if s >= 0
    )
    unscheduled = tuple(
        Unscheduled(pb.meeting_ids[m], describe(code, params), code, params)
        for m, (code, params) in ((m, why(state, m)) for m, s in enumerate(state.slot_of) if s < 0)
    )
    placed = {a.meeting: (a.slot, a.table) for a in assignments}
    moved = sum(
        1
        for a in previous or []
        if a.meeting in pb.meeting_index and placed.get(a.meeting) != (a.slot, a.table)
    )
    weight = state.weight()
    stats = Stats(
        meetings=len(pb.meeting_ids),
        scheduled=len(assignments),
        weight=weight,
        upper_bound=max(bound, weight),
        idle_gaps=state.gaps(),
        seconds=time.monotonic() - started,
        moved=moved,
    )
    report("done")
    return Schedule(assignments, unscheduled, stats, upper_bound_method=method)
