"""Background jobs of B2B scheduling (Django's Tasks API; a worker runs them)."""

from __future__ import annotations

import time

from django_tasks import task

from smeforum.scheduling import engine
from smeforum.scheduling.domain.runs import apply_schedule, fail_schedule_run, record_run_progress
from smeforum.scheduling.models import ScheduleRun
from smeforum.scheduling.queries import engine_input

#: Seconds between two progress writes.
PROGRESS_EVERY = 0.5


@task()
def solve_b2b_session(run_id: int) -> str:
    """Solve the run's B2B session within its time limit and write the schedule back.
    Returns the run's final status."""
    run = ScheduleRun.objects.select_related("b2b").filter(pk=run_id).first()
    if run is None or not run.is_active:
        return "skipped"
    record_run_progress(run, phase="reading", share=0.0)
    data = engine_input(run.b2b)
    last = [0.0]

    def progress(phase: str, share: float) -> None:
        if time.monotonic() - last[0] >= PROGRESS_EVERY or phase == "done":
            last[0] = time.monotonic()
            record_run_progress(run, phase=phase, share=share)

    try:
        schedule = engine.solve(
            data.instance,
            time_limit=run.b2b.time_limit,
            previous=data.previous,
            keep_previous=run.keep_previous,
            progress=progress,
        )
        return apply_schedule(run, schedule=schedule, versions=data.versions).status
    except engine.InvalidInstanceError as exc:
        return fail_schedule_run(run, error="; ".join(exc.problems)).status
    except Exception as exc:  # a bug: the run must not stay "running" for ever
        fail_schedule_run(run, error=f"{type(exc).__name__}: {exc}")
        raise
