"""An organiser's whole path through the schedule pages with the test client: set up a B2B
session, add attendees and meetings, solve, read the board, move meetings by hand (and be
refused), take one out, fix one, cancel one."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from smeforum.forums.models import Session
from smeforum.scheduling.models import Attendee, B2BSession, Meeting, ScheduleRun
from tests.backoffice.forms import changeform_data
from tests.backoffice.schedule.conftest import board_url
from tests.factories import OrganisationFactory, PersonFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.integration

WARSAW = ZoneInfo("Europe/Warsaw")
PEOPLE = {
    "ana": ("Ana Alpha", "Alpha Pipes", "RS"),
    "boris": ("Boris Beta", "Beta Valves", "HU"),
    "chen": ("Chen Gang", "Cangzhou Fittings", "CN"),
    "dana": ("Dana Delta", "Delta Steel", "PL"),
}


def _registration(edition, name, organisation, country):
    person = PersonFactory(
        name=name, organisation=OrganisationFactory(name=organisation, country=country)
    )
    return RegistrationFactory(edition=edition, person=person)


def _set_up(client, edition) -> B2BSession:
    session = SessionFactory(edition=edition, kind=Session.Kind.MATCHMAKING, title_en="B2B")
    response = client.post(
        reverse("admin:scheduling_b2bsession_add"),
        {
            "session": session.pk,
            "windows": "2024-11-07 09:00–10:20",
            "breaks": "09:40-10:00",
            "slot_minutes": 20,
            "table_count": 2,
            "time_limit": 1,
        },
    )
    b2b = B2BSession.objects.get(session=session)
    assert response.status_code == 302
    assert response["Location"] == board_url("board", b2b.pk)
    return b2b


def _local_slots(b2b):
    return [
        (s.starts_at.astimezone(WARSAW).strftime("%H:%M"), s.ends_at.astimezone(WARSAW).time())
        for s in b2b.slots.order_by("starts_at")
    ]


def _attendee(b2b, key) -> Attendee:
    return Attendee.objects.get(b2b=b2b, registration__person__name=PEOPLE[key][0])


def _meeting_between(b2b, *keys) -> Meeting:
    names = sorted(PEOPLE[k][0] for k in keys)
    for meeting in Meeting.objects.filter(b2b=b2b):
        if sorted(p.attendee.registration.person.name for p in meeting.parties.all()) == names:
            return meeting
    raise AssertionError(f"no meeting between {keys}")


@pytest.fixture
def scheduled(client, edition, organiser, django_capture_on_commit_callbacks):
    """A B2B session set up, filled and solved through the pages: Ana–Boris (priority 3) and
    Boris–Chen (2) fit, Ana–Dana cannot (Dana is absent in every slot)."""
    client.force_login(organiser)
    registrations = {key: _registration(edition, *values) for key, values in PEOPLE.items()}
    _registration(edition, "Eve Outsider", "Epsilon", "DE")  # registered, never added
    b2b = _set_up(client, edition)
    added = client.post(
        board_url("attendees", b2b.pk),
        {
            "registrations": [r.pk for key, r in registrations.items()],
            "capacity": 1,
            "max_meetings": "",
        },
    )
    assert added.status_code == 302
    dana = _attendee(b2b, "dana")
    change_url = reverse("admin:scheduling_attendee_change", args=[dana.pk])
    page = client.get(change_url)
    slots = [s.pk for s in b2b.slots.all()]
    saved = client.post(change_url, changeform_data(page, unavailable_slots=slots))
    assert saved.status_code == 302
    for keys, weight in ((("ana", "boris"), 3), (("boris", "chen"), 2), (("ana", "dana"), 1)):
        response = client.post(
            board_url("add_meeting", b2b.pk),
            {"attendees": [_attendee(b2b, k).pk for k in keys], "weight": weight},
        )
        assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        solved = client.post(board_url("solve", b2b.pk), {"keep_previous": "on"})
    assert solved.status_code == 302
    client.get(board_url("board", b2b.pk))  # shows (and clears) the messages so far
    return b2b


def test_set_up_makes_slots_in_the_editions_time_zone(client, edition, organiser):
    client.force_login(organiser)

    b2b = _set_up(client, edition)

    assert _local_slots(b2b) == [
        ("09:00", dt.time(9, 20)),
        ("09:20", dt.time(9, 40)),
        ("10:00", dt.time(10, 20)),
    ]
    assert list(b2b.tables.values_list("number", flat=True)) == [1, 2]
    assert (b2b.slot_minutes, b2b.time_limit) == (20, 1)
    page = client.get(board_url("setup", b2b.pk))
    form = page.context["form"]
    assert (form["windows"].value(), form["breaks"].value()) == (
        "2024-11-07 09:00–10:20",
        "2024-11-07 09:40–10:00",
    )


def test_attendees_and_meetings_are_entered_by_hand(scheduled):
    b2b = scheduled

    attendees = sorted(str(a) for a in b2b.attendees.all())
    assert attendees == ["Ana Alpha", "Boris Beta", "Chen Gang", "Dana Delta"]
    assert _meeting_between(b2b, "ana", "boris").weight == 3
    assert list(_attendee(b2b, "dana").unavailable_slots.all()) == list(b2b.slots.all())


def test_solving_fills_the_board_and_explains_what_is_left_out(client, scheduled):
    b2b = scheduled
    run = ScheduleRun.objects.get(b2b=b2b)
    ab, bc = _meeting_between(b2b, "ana", "boris"), _meeting_between(b2b, "boris", "chen")

    response = client.get(board_url("board", b2b.pk))

    page = response.content.decode()
    assert (run.status, run.keep_previous, run.stats["weight"]) == ("done", True, 5)
    assert response.context["counts"] == {
        "meetings": 3,
        "scheduled": 2,
        "unscheduled": 1,
        "cancelled": 0,
        "attendees": 4,
    }
    assert [row["label"] for row in response.context["rows"]] == [
        "09:00–09:20",
        "09:20–09:40",
        "10:00–10:20",
    ]
    placed = {m.pk for row in response.context["rows"] for m, _url in row["cells"] if m}
    assert placed == {ab.pk, bc.pk}
    assert ab.slot_id is not None
    assert ab.slot_id != bc.slot_id
    assert f"5 of {run.stats['upper_bound']} possible" in page
    assert '<span class="person">Boris Beta</span>, <span class="organisation">Beta Valves' in page
    assert '<abbr class="country">HU</abbr>' in page
    assert "Dana Delta is unavailable in every slot." in page
    assert 'hx-trigger="every 1s"' not in page  # the run has ended: nothing to poll


def test_a_move_is_made_and_fixed(client, scheduled):
    b2b = scheduled
    meeting = _meeting_between(b2b, "boris", "chen")
    other_table = b2b.tables.exclude(pk=meeting.table_id).get()

    response = client.post(
        board_url("move", b2b.pk, meeting.pk),
        {
            "slot": meeting.slot_id,
            "table": other_table.pk,
            "fixed": "on",
            "version": meeting.version,
        },
    )

    moved = Meeting.objects.get(pk=meeting.pk)
    assert response.status_code == 302
    assert (moved.table, moved.is_fixed, moved.version) == (other_table, True, meeting.version + 1)
    board = client.get(board_url("board", b2b.pk)).content.decode()
    assert "📌 fixed" in board


def test_a_move_breaking_rules_is_refused_listing_every_rule(client, scheduled):
    b2b = scheduled
    ab = _meeting_between(b2b, "ana", "boris")
    ad = _meeting_between(b2b, "ana", "dana")
    slot = ab.slot.starts_at.astimezone(WARSAW)
    where = f"{slot:%Y-%m-%d %H:%M}–{ab.slot.ends_at.astimezone(WARSAW):%H:%M}"

    response = client.post(
        board_url("move", b2b.pk, ad.pk),
        {"slot": ab.slot_id, "table": ab.table_id, "version": ad.version},
    )

    assert response.status_code == 200
    assert response.context["move_form"].non_field_errors() == [
        f"{ab.table} is taken in {where} by meeting {ab.pk}.",
        f"Ana Alpha already has 1 meeting(s) in {where}.",
        f"Dana Delta is unavailable in {where}.",
    ]
    assert Meeting.objects.get(pk=ad.pk).slot is None


def test_a_move_of_a_meeting_changed_meanwhile_is_refused(client, scheduled):
    b2b = scheduled
    meeting = _meeting_between(b2b, "boris", "chen")
    seen = meeting.version
    other_table = b2b.tables.exclude(pk=meeting.table_id).get()
    client.post(board_url("fix", b2b.pk, meeting.pk), {"version": seen, "fixed": "True"})

    response = client.post(
        board_url("move", b2b.pk, meeting.pk),
        {"slot": meeting.slot_id, "table": other_table.pk, "version": seen},
    )

    assert response.context["move_form"].non_field_errors() == [
        "Someone else changed this meeting since you opened the schedule. Reload it."
    ]
    now = Meeting.objects.get(pk=meeting.pk)
    assert (now.table_id, now.is_fixed) == (meeting.table_id, True)
    assert response.context["move_form"]["version"].value() == now.version


def test_a_meeting_is_taken_out_and_cancelled(client, scheduled):
    b2b = scheduled
    meeting = _meeting_between(b2b, "ana", "boris")

    out = client.post(board_url("unplace", b2b.pk, meeting.pk), {"version": meeting.version})
    board = client.get(board_url("board", b2b.pk))
    version = Meeting.objects.get(pk=meeting.pk).version
    cancelled = client.post(board_url("cancel", b2b.pk, meeting.pk), {"version": version})

    assert (out.status_code, cancelled.status_code) == (302, 302)
    assert "Taken out of the schedule by hand." in board.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == "cancelled"
    counts = client.get(board_url("board", b2b.pk)).context["counts"]
    assert (counts["scheduled"], counts["cancelled"]) == (1, 1)


def test_a_stale_action_is_refused_with_a_message(client, scheduled):
    b2b = scheduled
    meeting = _meeting_between(b2b, "ana", "boris")

    response = client.post(
        board_url("unplace", b2b.pk, meeting.pk), {"version": meeting.version - 1}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Someone else changed this meeting since you opened the schedule. Reload it."
    ]
    assert Meeting.objects.get(pk=meeting.pk).slot_id == meeting.slot_id


def test_the_progress_bar_polls_while_the_solver_works_and_reloads_when_it_is_done(
    client, scheduled
):
    b2b = scheduled
    url = board_url("progress", b2b.pk)

    done = client.get(url, headers={"HX-Request": "true"})
    ScheduleRun.objects.create(
        b2b=b2b, status=ScheduleRun.Status.RUNNING, progress=40, phase="search"
    )
    running = client.get(url, headers={"HX-Request": "true"})
    board = client.get(board_url("board", b2b.pk)).content.decode()

    assert done["HX-Refresh"] == "true"
    assert "HX-Refresh" not in running
    body = running.content.decode()
    assert '<progress max="100" value="40">40%</progress>' in body
    assert "40% · improving the schedule" in body
    assert f'hx-get="{url}" hx-trigger="every 1s"' in body
    assert f'hx-get="{url}" hx-trigger="every 1s"' in board
    assert "vendored/htmx-2.0.11/htmx.min.js" in board


def test_solving_again_may_move_what_was_placed(
    client, scheduled, django_capture_on_commit_callbacks
):
    b2b = scheduled

    with django_capture_on_commit_callbacks(execute=True):
        client.post(board_url("solve", b2b.pk), {})  # the box unticked

    run = ScheduleRun.objects.filter(b2b=b2b).order_by("-id").first()
    assert (run.status, run.keep_previous, run.stats["weight"]) == ("done", False, 5)


def test_a_second_run_is_refused_while_one_works(client, scheduled):
    b2b = scheduled
    ScheduleRun.objects.create(b2b=b2b, status=ScheduleRun.Status.RUNNING)

    response = client.post(board_url("solve", b2b.pk), {"keep_previous": "on"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "The solver is already working on this B2B session."
    ]
    assert ScheduleRun.objects.filter(b2b=b2b).count() == 2


def test_a_failed_run_says_why(client, scheduled):
    b2b = scheduled
    ScheduleRun.objects.create(
        b2b=b2b, status=ScheduleRun.Status.FAILED, error="Meetings changed while the solver worked."
    )

    page = client.get(board_url("board", b2b.pk)).content.decode()

    assert "The last solver run failed: Meetings changed while the solver worked." in page
