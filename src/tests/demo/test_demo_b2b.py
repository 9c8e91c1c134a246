"""The demo's B2B matchmaking meeting: sample attendees and meetings, ready to be solved."""

import io

import pytest
from django.core.management import call_command

from smeforum.scheduling import engine
from smeforum.scheduling.domain.runs import start_schedule_run
from smeforum.scheduling.models import B2BSession, Meeting
from smeforum.scheduling.queries import engine_input

pytestmark = pytest.mark.integration


@pytest.fixture
def demo_b2b(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    return B2BSession.objects.select_related("session__edition").get()


def test_the_demo_b2b_session_is_set_up_and_unscheduled(demo_b2b):
    session = demo_b2b.session
    assert (session.title_en, session.edition.number, demo_b2b.is_sample) == (
        "SMEs' Cross-border Collaboration and Matchmaking Meeting",
        6,
        True,
    )
    slots = [
        s.starts_at.astimezone(session.edition.tz).strftime("%H:%M") for s in demo_b2b.slots.all()
    ]
    assert slots == [
        "14:00",
        "14:20",
        "14:40",
        "15:00",
        "15:20",
        "16:00",
        "16:20",
        "16:40",
        "17:00",
    ]
    assert demo_b2b.tables.count() == 24
    assert (demo_b2b.attendees.count(), demo_b2b.meetings.count()) == (112, 210)
    assert Meeting.objects.filter(slot__isnull=False).count() == 0


def test_the_demo_b2b_session_solves(demo_b2b, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = start_schedule_run(demo_b2b)
    run.refresh_from_db()
    assert run.status == "done", run.error
    data = engine_input(demo_b2b)
    problems, stats = engine.check(data.instance, data.previous)
    assert problems == []
    assert (stats.scheduled, stats.weight) == (run.stats["scheduled"], run.stats["weight"])
    assert run.stats["weight"] >= 0.99 * run.stats["upper_bound"]
    assert run.stats["meetings"] == 210
