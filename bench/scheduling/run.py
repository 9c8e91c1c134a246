"""Benchmark of the meeting scheduler (run by hand, not part of the test suite).

    PYTHONPATH=src:. python bench/scheduling/run.py [--sizes 500 2000 5000] [--seeds 1 2 3 4 5]
        [--families ample scarce] [--cpsat-seconds 30] [--no-cpsat]

On each generated instance (bench/scheduling/generate.py) it prints side by side: this engine
(10 s limit, 30 s at 5,000 participants and more), a plain first-fit greedy, CP-SAT on the full
model (30 s, 2 workers), and the LP upper bound (GLOP, cached in bench/.cache/ per instance):
weight, % of the LP bound, idle gaps and seconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from bench.scheduling.generate import generate

from smeforum.scheduling.engine import check, solve
from smeforum.scheduling.engine.bounds import lp_bound
from smeforum.scheduling.engine.construct import first_fit
from smeforum.scheduling.engine.state import Problem, State
from smeforum.scheduling.engine.subsolve import resolve

CACHE = Path(__file__).resolve().parent.parent / ".cache"


def cached_lp(name: str, pb: Problem) -> tuple[float, float]:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"lp-{name}.json"
    if path.exists():
        data = json.loads(path.read_text())
        return data["lp"], data["seconds"]
    started = time.monotonic()
    lp = lp_bound(pb)
    seconds = time.monotonic() - started
    path.write_text(json.dumps({"lp": lp, "seconds": seconds}))
    return lp, seconds


def cpsat_full(pb: Problem, seconds: float) -> tuple[State, float]:
    state = State(pb)
    for m, s in enumerate(pb.fixed_slot):
        if s >= 0:
            state.place(m, s)
            state.pinned[m] = True
    free = [m for m in range(len(pb.meeting_ids)) if not state.pinned[m] and pb.feasible[m]]
    started = time.monotonic()
    resolve(state, free, None, seconds, seed=1, secondary=False, workers=2)
    return state, time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--families", nargs="+", default=["ample", "scarce"])
    parser.add_argument("--cpsat-seconds", type=float, default=30.0)
    parser.add_argument("--no-cpsat", action="store_true")
    args = parser.parse_args(argv)
    print(
        "| instance | meetings | tables×slots | LP bound (s) | engine: weight, % LP, gaps, s "
        "| first-fit: weight, % LP, gaps | CP-SAT-30 s: weight, % LP, gaps |"
    )
    print("|---|---|---|---|---|---|---|")
    summary: dict[tuple[int, str], list[float]] = {}
    for n in args.sizes:
        for family in args.families:
            for seed in args.seeds:
                name = f"{n}-{family}-{seed}"
                inst = generate(n, seed, family)
                pb = Problem(inst)
                lp, lp_s = cached_lp(name, pb)
                limit = 10.0 if n < 5000 else 30.0
                schedule = solve(inst, time_limit=limit, seed=seed)
                problems, _ = check(inst, schedule.assignments, bound=False)
                if problems:
                    raise SystemExit(f"{name}: invalid schedule: {problems[:5]}")
                e = schedule.stats
                ff_started = time.monotonic()
                ff = first_fit(pb)
                ff_s = time.monotonic() - ff_started
                cell_cp = "–"
                if not args.no_cpsat:
                    cp, cp_s = cpsat_full(pb, args.cpsat_seconds)
                    w = cp.weight()
                    cell_cp = f"{w:,}, {100 * w / lp:.2f} %, {cp.gaps():,}, {cp_s:.1f} s"
                pct = 100 * e.weight / lp
                summary.setdefault((n, family), []).append(pct)
                capacity = sum(pb.tables_in)
                print(
                    f"| {name} | {len(inst.meetings):,} | {capacity:,} | {lp:,.1f} ({lp_s:.0f} s) "
                    f"| {e.weight:,}, {pct:.2f} %, {e.idle_gaps:,}, {e.seconds:.1f} s "
                    f"| {ff.weight():,}, {100 * ff.weight() / lp:.2f} %, {ff.gaps():,}, "
                    f"{ff_s:.2f} s | {cell_cp} |",
                    flush=True,
                )
    for (n, family), pcts in summary.items():
        print(
            f"{n} {family}: engine mean {statistics.mean(pcts):.3f} % of LP, min {min(pcts):.3f} %",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
