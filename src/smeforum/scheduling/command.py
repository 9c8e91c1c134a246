"""``smeforum schedule solve|check``: the engine on JSON files, without Django or a database."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _read_json(path: str):
    from .engine import InvalidInstanceError  # noqa: PLC0415 -- see _solve

    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidInstanceError([f"{path}: {exc}"]) from exc


def _fail(exc) -> int:
    for problem in exc.problems:
        print(f"error: {problem}", file=sys.stderr)
    return 2


def _solve(args: argparse.Namespace) -> int:
    # OR-Tools loads only when a schedule is made, not for every ``smeforum`` command.
    from .engine import (  # noqa: PLC0415
        InvalidInstanceError,
        load_instance,
        parse_assignments,
        schedule_to_json,
        solve,
    )

    try:
        instance = load_instance(args.input)
        previous = parse_assignments(_read_json(args.previous)) if args.previous else None
    except InvalidInstanceError as exc:
        return _fail(exc)
    schedule = solve(instance, time_limit=args.time_limit, seed=args.seed, previous=previous)
    Path(args.output).write_text(
        json.dumps(schedule_to_json(schedule), indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    s = schedule.stats
    print(
        f"{s.scheduled} of {s.meetings} meetings scheduled, weight {s.weight:,} of "
        f"{s.upper_bound:,} possible, {s.idle_gaps} idle gaps, {s.moved} moved, {s.seconds:.1f} s"
    )
    return 0


def _check(args: argparse.Namespace) -> int:
    from .engine import (  # noqa: PLC0415 -- see _solve
        InvalidInstanceError,
        check,
        load_instance,
        parse_assignments,
    )

    try:
        instance = load_instance(args.input)
        data = _read_json(args.schedule)
        assignments = parse_assignments(data)
    except InvalidInstanceError as exc:
        return _fail(exc)
    problems, stats = check(instance, assignments)
    moved = data.get("stats", {}).get("moved", 0) if isinstance(data.get("stats"), dict) else 0
    print(
        json.dumps(
            {
                "meetings": stats.meetings,
                "scheduled": stats.scheduled,
                "weight": stats.weight,
                "upper_bound": stats.upper_bound,
                "idle_gaps": stats.idle_gaps,
                "seconds": round(stats.seconds, 3),
                "moved": moved,
            }
        )
    )
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


def add_schedule_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    solver = actions.add_parser("solve", help="schedule the meetings of an instance file")
    solver.add_argument("--input", required=True, help="the instance (JSON)")
    solver.add_argument("--output", required=True, help="the schedule to write (JSON)")
    solver.add_argument("--time-limit", type=float, default=10.0, help="seconds (default 10)")
    solver.add_argument("--previous", help="a previous schedule whose valid assignments stay")
    solver.add_argument("--seed", type=int, default=0, help="for repeatable results (default 0)")
    solver.set_defaults(func=_solve)
    checker = actions.add_parser("check", help="validate a schedule and print its stats")
    checker.add_argument("--input", required=True, help="the instance (JSON)")
    checker.add_argument("--schedule", required=True, help="the schedule (JSON)")
    checker.set_defaults(func=_check)
