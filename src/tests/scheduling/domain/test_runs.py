"""Solving a B2B session in the background writes a valid schedule back."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from smeforum.scheduling import engine
from smeforum.scheduling.domain.meetings import place_meeting, request_meeting
from smeforum.scheduling.domain.runs import STALE_AFTER, apply_schedule, start_schedule_run
from smeforum.scheduling.domain.setup import update_attendee
from smeforum.scheduling.models import Meeting, ScheduleRun
from smeforum.scheduling.queries import engine_input
from tests.factories import make_b2b

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_run_places_what_fits_and_explains_the_rest():
    b2b, (a, b, c, d) = make_b2b(slots=2, tables=1, attendees=4, time_limit=2)
    update_attendee(d, capacity=1, max_meetings=None, unavailable_slots=list(b2b.slots.all()))
    m1 = request_meeting(b2b, attendees=[a, b], weight=2)
    m2 = request_meeting(b2b, attendees=[b, c])
    m3 = request_meeting(b2b, attendees=[c, d])
    run = start_schedule_run(b2b)  # the tests' task backend runs it at once, after commit
    run.refresh_from_db()
    assert (run.status, run.progress) == ("done", 100)
    assert {k: run.stats[k] for k in ("meetings", "scheduled", "weight", "upper_bound")} == {
        "meetings": 3,
        "scheduled": 2,
        "weight": 3,
        "upper_bound": 3,
    }
    placed = {m.pk: m for m in Meeting.objects.all()}
    assert placed[m1.pk].slot is not None
    assert placed[m2.pk].slot is not None
    assert placed[m1.pk].slot != placed[m2.pk].slot
    assert placed[m3.pk].unscheduled_reason == {
        "code": "never_free",
        "params": {"people": [f"a{c.pk}", f"a{d.pk}"], "p": f"a{d.pk}"},
    }
    data = engine_input(b2b)
    assert engine.check(data.instance, data.previous, bound=False)[0] == []


def test_a_run_keeps_fixed_meetings_where_they_are():
    b2b, (a, b, c, d) = make_b2b(slots=3, tables=1, attendees=4, time_limit=1)
    last, table = b2b.slots.order_by("starts_at").last(), b2b.tables.get()
    fixed = request_meeting(b2b, attendees=[a, b])
    place_meeting(fixed, slot=last, table=table, fixed=True)
    other = request_meeting(b2b, attendees=[c, d])
    run = start_schedule_run(b2b)
    run.refresh_from_db()
    fixed.refresh_from_db()
    other.refresh_from_db()
    assert run.status == "done", run.error
    assert (fixed.slot, fixed.table, fixed.is_fixed) == (last, table, True)
    assert other.slot is not None
    assert other.slot != last
    assert other.is_fixed is False


def test_a_second_run_is_refused_while_one_is_queued():
    b2b, _ = make_b2b()
    ScheduleRun.objects.create(b2b=b2b)
    with pytest.raises(ValidationError) as busy:
        start_schedule_run(b2b)
    assert busy.value.messages == ["The solver is already working on this B2B session."]


def test_a_run_whose_worker_vanished_does_not_block_the_next():
    b2b, (a, b, _c, _d) = make_b2b(slots=2, tables=1, attendees=4, time_limit=1)
    request_meeting(b2b, attendees=[a, b])
    lost = ScheduleRun.objects.create(
        b2b=b2b,
        status=ScheduleRun.Status.RUNNING,
        created_at=timezone.now() - STALE_AFTER - dt.timedelta(seconds=1),
    )
    run = start_schedule_run(b2b)
    lost.refresh_from_db()
    run.refresh_from_db()
    assert (lost.status, lost.error) == ("failed", "No worker finished this run in time.")
    assert run.status == "done"


def test_a_schedule_of_changed_meetings_is_not_written():
    b2b, (a, b, _c, _d) = make_b2b(slots=2, tables=1, attendees=4)
    meeting = request_meeting(b2b, attendees=[a, b])
    data = engine_input(b2b)
    schedule = engine.solve(data.instance, time_limit=1)
    place_meeting(meeting, slot=b2b.slots.last(), table=b2b.tables.first())  # meanwhile
    run = ScheduleRun.objects.create(b2b=b2b, status=ScheduleRun.Status.RUNNING)
    apply_schedule(run, schedule=schedule, versions=data.versions)
    run.refresh_from_db()
    meeting.refresh_from_db()
    assert run.status == "failed"
    assert (
        run.error == "Meetings changed while the solver worked; nothing was changed. Solve again."
    )
    assert meeting.slot == b2b.slots.last()
