"""Solving a B2B session in the background and writing the schedule back.

``start_schedule_run`` records a run and, once the transaction commits, enqueues
``tasks.solve_b2b_session``; the worker reports progress with ``record_run_progress`` and ends
with ``apply_schedule`` (or ``fail_schedule_run``). A schedule is written only when no meeting
changed while the solver ran: otherwise the run fails and says so, and nothing is lost.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smeforum.audit.domain import log_action
from smeforum.scheduling import engine
from smeforum.scheduling.models import B2BSession, Meeting, MeetingParty, ScheduleRun
from smeforum.scheduling.queries import key_pk

#: A run still queued or running this long after it was requested has lost its worker.
STALE_AFTER = dt.timedelta(minutes=15)


def start_schedule_run(b2b: B2BSession, *, keep_previous: bool = True, actor=None) -> ScheduleRun:
    """Queue a solver run for ``b2b``; refused while another run of it is queued or running
    (one older than ``STALE_AFTER`` is failed instead: its worker is gone).
    Side effects: the run row, an audit entry, the task (after commit)."""
    with transaction.atomic():
        B2BSession.objects.select_for_update().filter(pk=b2b.pk).order_by("pk").first()
        active = b2b.runs.filter(status__in=[ScheduleRun.Status.QUEUED, ScheduleRun.Status.RUNNING])
        for stale in active.filter(created_at__lt=timezone.now() - STALE_AFTER):
            fail_schedule_run(stale, error=_("No worker finished this run in time."))
        if active.exists():
            raise ValidationError(_("The solver is already working on this B2B session."))
        run = ScheduleRun.objects.create(
            b2b=b2b,
            keep_previous=keep_previous,
            requested_by=actor if getattr(actor, "pk", None) else None,
        )
        log_action(
            run,
            action="scheduling.schedulerun.started",
            actor=actor,
            after={"keep_previous": keep_previous},
        )
        transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from smeforum.scheduling.tasks import solve_b2b_session  # noqa: PLC0415 - tasks import us

    solve_b2b_session.enqueue(run_id)


def record_run_progress(run: ScheduleRun, *, phase: str, share: float) -> None:
    """Show how far the solver is: ``share`` of its time used, in ``phase``. A progress
    report, not a change of record: no audit entry."""
    ScheduleRun.objects.filter(pk=run.pk).update(
        status=ScheduleRun.Status.RUNNING,
        phase=phase[:100],
        progress=max(0, min(99, round(100 * share))),
    )


def fail_schedule_run(run: ScheduleRun, *, error: str) -> ScheduleRun:
    """End ``run`` without a schedule, saying why. Side effects: the run and an audit entry."""
    with transaction.atomic():
        run.status = ScheduleRun.Status.FAILED
        run.error = error
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])
        log_action(run, action="scheduling.schedulerun.failed", after={"error": error})
    return run


def apply_schedule(
    run: ScheduleRun, *, schedule: engine.Schedule, versions: dict[int, int]
) -> ScheduleRun:
    """Write ``schedule`` (solved from meetings at ``versions``) into ``run``'s B2B session.

    Every accepted meeting is placed as the schedule says or left out with the solver's
    reason; each placed party takes the lowest free lane of its attendee in the slot. If a
    meeting was added, changed or cancelled meanwhile, nothing is written and the run fails.
    Side effects: meetings and parties, the run, an audit entry; one transaction.
    """
    b2b = run.b2b
    with transaction.atomic():
        B2BSession.objects.select_for_update().filter(pk=b2b.pk).order_by("pk").first()
        meetings = {
            m.pk: m
            for m in Meeting.objects.select_for_update()
            .filter(b2b=b2b, status=Meeting.Status.ACCEPTED)
            .order_by("pk")
        }
        now = {pk: m.version for pk, m in meetings.items() if pk in versions}
        if now != versions:
            return fail_schedule_run(
                run,
                error=_(
                    "Meetings changed while the solver worked; nothing was changed. Solve again."
                ),
            )
        placed = {key_pk(a.meeting): a for a in schedule.assignments}
        reasons = {
            key_pk(u.meeting): {"code": u.code, "params": u.params} for u in schedule.unscheduled
        }
        parties = list(MeetingParty.objects.filter(meeting__b2b=b2b).order_by("meeting", "id"))
        MeetingParty.objects.filter(meeting__b2b=b2b).update(slot=None, lane=0)
        # Unfixed while cleared (a fixed meeting must be placed); set again below.
        Meeting.objects.filter(b2b=b2b).update(slot=None, table=None, is_fixed=False)
        lanes: dict[tuple[int, int], int] = defaultdict(int)
        for party in parties:
            a = placed.get(party.meeting_id)
            party.slot_id = key_pk(a.slot) if a else None
            party.lane = 0
            if a is not None:
                party.lane = lanes[(party.attendee_id, party.slot_id)]
                lanes[(party.attendee_id, party.slot_id)] += 1
        for pk, meeting in meetings.items():
            a = placed.get(pk)
            meeting.slot_id = key_pk(a.slot) if a else None
            meeting.table_id = key_pk(a.table) if a else None
            meeting.is_fixed = meeting.is_fixed and a is not None
            meeting.unscheduled_reason = {} if a else reasons.get(pk, {"code": "", "params": {}})
            meeting.version += 1
        Meeting.objects.bulk_update(
            meetings.values(),
            ["slot", "table", "is_fixed", "unscheduled_reason", "version"],
            batch_size=500,
        )
        MeetingParty.objects.bulk_update(parties, ["slot", "lane"], batch_size=500)
        stats = {
            **schedule.stats.__dict__,
            "seconds": round(schedule.stats.seconds, 2),
            "upper_bound_method": schedule.upper_bound_method,
        }
        run.status = ScheduleRun.Status.DONE
        run.progress = 100
        run.phase = "done"
        run.stats = stats
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "progress", "phase", "stats", "finished_at"])
        log_action(b2b, action="scheduling.b2bsession.scheduled", after=stats)
    return run
