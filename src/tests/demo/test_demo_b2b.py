"""The demo's B2B matchmaking meeting: sample attendees and meetings, scheduled by the demo
organiser from the back office, agendas handed out."""

import io
import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from smeforum.scheduling import engine
from smeforum.scheduling.models import B2BSession, Meeting
from smeforum.scheduling.queries import engine_input

pytestmark = pytest.mark.integration

LOGIN = re.compile(r"^  (?P<role>[a-z ]+): (?P<email>\S+) / (?P<password>\S+)$", re.M)
TOTP_LINE = re.compile(
    r"^Two-factor \(TOTP\) secret of (?P<email>\S+): (?P<secret>[A-Z2-7]{32}) ", re.M
)


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _signed_in(output: str, role: str) -> Client:
    login = next(m for m in LOGIN.finditer(output) if m.group("role") == role)
    client = Client()
    client.post(
        reverse("account_login"),
        {"login": login.group("email"), "password": login.group("password")},
    )
    totp = next(
        (m for m in TOTP_LINE.finditer(output) if m.group("email") == login.group("email")), None
    )
    if totp is not None:
        code = format_hotp_value(hotp_value(totp.group("secret"), int(time.time()) // 30))
        client.post(reverse("mfa_authenticate"), {"code": code})
    return client


def test_the_demo_b2b_session_is_set_up_and_unscheduled(demo):
    b2b = B2BSession.objects.select_related("session__edition").get()
    session = b2b.session
    assert (session.title_en, session.edition.number, b2b.is_sample) == (
        "SMEs' Cross-border Collaboration and Matchmaking Meeting",
        6,
        True,
    )
    tz = session.edition.tz
    slots = [s.starts_at.astimezone(tz).strftime("%H:%M") for s in b2b.slots.all()]
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
    assert b2b.tables.count() == 24
    assert (b2b.attendees.count(), b2b.meetings.count()) == (66, 159)
    assert Meeting.objects.filter(slot__isnull=False).count() == 0


def test_the_demo_organiser_schedules_the_b2b_session_and_hands_out_agendas(
    demo, django_capture_on_commit_callbacks
):
    b2b = B2BSession.objects.get()
    organiser = _signed_in(demo, "organiser")
    board = reverse("admin:scheduling_b2bsession_board", args=[b2b.pk])
    assert (
        board in organiser.get(reverse("admin:scheduling_b2bsession_changelist")).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        solved = organiser.post(
            reverse("admin:scheduling_b2bsession_solve", args=[b2b.pk]), {"keep_previous": "on"}
        )
    page = organiser.get(board).content.decode()

    assert solved.status_code == 302
    run = b2b.runs.get()
    assert run.status == "done", run.error
    data = engine_input(b2b)
    problems, stats = engine.check(data.instance, data.previous)
    assert problems == []
    assert (stats.scheduled, stats.weight) == (run.stats["scheduled"], run.stats["weight"])
    assert run.stats["weight"] >= 0.99 * run.stats["upper_bound"]
    assert f"{run.stats['weight']:,} of {run.stats['upper_bound']:,} possible" in page
    for name in ("agendas_pdf", "table_plan_pdf", "import"):
        assert reverse(f"admin:scheduling_b2bsession_{name}", args=[b2b.pk]) in page
    agendas = organiser.get(reverse("admin:scheduling_b2bsession_agendas_pdf", args=[b2b.pk]))
    assert (agendas.status_code, agendas["Content-Type"]) == (200, "application/pdf")

    participant = _signed_in(demo, "participant")
    agenda = participant.get(reverse("portal:agenda"))
    ics = participant.get(reverse("portal:agenda_ics", args=[b2b.pk]))
    events = list(Calendar.from_ical(ics.content).walk("VEVENT"))
    person = participant.get(reverse("portal:agenda")).wsgi_request.user.person_account.person
    placed = Meeting.objects.filter(
        parties__attendee__registration__person=person, slot__isnull=False
    )
    assert agenda.status_code == 200
    assert placed.count() >= 3
    assert sorted(str(e["UID"]) for e in events) == sorted(
        f"meeting-{m.pk}@smeforum" for m in placed
    )
