"""The participant's B2B meetings: the agenda page and its iCalendar file."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from smeforum.accounts.domain.roles import link_person_account
from smeforum.forums.domain.programme import save_session
from smeforum.scheduling.domain.meetings import (
    add_attendee,
    cancel_meeting,
    place_meeting,
    request_meeting,
)
from tests.factories import (
    EditionFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    UserFactory,
    make_b2b,
)

pytestmark = pytest.mark.integration

BELGRADE = ZoneInfo("Europe/Belgrade")


def _attendee(b2b, name: str, organisation=None):
    person = PersonFactory(name=name, name_latin="", organisation=organisation)
    registration = RegistrationFactory(edition=b2b.session.edition, person=person)
    return add_attendee(b2b, registration=registration)


def _place(b2b, attendees, slot: int, table: int):
    meeting = request_meeting(b2b, attendees=attendees)
    slots = list(b2b.slots.order_by("starts_at"))
    tables = list(b2b.tables.order_by("number"))
    return place_meeting(meeting, slot=slots[slot], table=tables[table])


@pytest.fixture
def agenda_world(db):
    """An edition in Belgrade's time zone whose B2B session (made from 14:00 Shanghai time,
    07:00 in Belgrade on 7 November 2024) has Petra meet Ana, Boris and Wang: three placed
    meetings, one of them with two counterparts, and others that her agenda leaves out."""
    edition = EditionFactory(time_zone="Europe/Belgrade", venue="Sava Centar")
    b2b, _ = make_b2b(edition=edition, slots=4, tables=2, attendees=0)
    session = b2b.session
    session.room = "Hall 2"
    save_session(session)
    serbian = OrganisationFactory(name="Srbija Export d.o.o.", country="RS")
    petra = _attendee(b2b, "Petra Participant")
    ana = _attendee(b2b, "Ana Alpha", serbian)
    boris = _attendee(b2b, "Boris Beta", OrganisationFactory(name="Magyar Kft.", country="HU"))
    wang = _attendee(b2b, "王芳", OrganisationFactory(name="沧州机械有限公司", country="CN"))
    later = _place(b2b, [petra, ana], slot=2, table=0)
    first = _place(b2b, [boris, petra], slot=0, table=1)
    group = _place(b2b, [petra, ana, wang], slot=3, table=1)
    _place(b2b, [ana, boris], slot=1, table=0)  # not Petra's
    request_meeting(b2b, attendees=[petra, wang])  # not placed
    cancel_meeting(_place(b2b, [petra, wang], slot=1, table=1))  # cancelled
    user = UserFactory(username="petra")
    link_person_account(petra.registration.person, user=user)
    return SimpleNamespace(
        edition=edition,
        b2b=b2b,
        petra=petra,
        ana=ana,
        boris=boris,
        wang=wang,
        meetings=SimpleNamespace(first=first, later=later, group=group),
        user=user,
    )


def _rows(agenda) -> list[tuple]:
    return [
        (
            f"{row.starts_at:%Y-%m-%d %H:%M %Z}",
            f"{row.ends_at:%H:%M}",
            row.table,
            [(c.name, c.organisation, c.country) for c in row.counterparts],
        )
        for row in agenda.rows
    ]


EXPECTED_ROWS = [
    ("2024-11-07 07:00 CET", "07:20", "Table 2", [("Boris Beta", "Magyar Kft.", "Hungary")]),
    (
        "2024-11-07 07:40 CET",
        "08:00",
        "Table 1",
        [("Ana Alpha", "Srbija Export d.o.o.", "Serbia")],
    ),
    (
        "2024-11-07 08:00 CET",
        "08:20",
        "Table 2",
        [
            ("Ana Alpha", "Srbija Export d.o.o.", "Serbia"),
            ("王芳", "沧州机械有限公司", "China"),
        ],
    ),
]


def test_agenda_lists_placed_meetings_in_the_editions_time_zone(client, agenda_world):
    client.force_login(agenda_world.user)

    response = client.get(reverse("portal:agenda"))

    assert response.status_code == 200
    [agenda] = response.context["agendas"]
    assert agenda.b2b == agenda_world.b2b
    assert agenda.location == "Hall 2, Sava Centar"
    assert _rows(agenda) == EXPECTED_ROWS
    body = response.content.decode()
    assert '<td rowspan="1">07:00–07:20</td>' in body
    assert '<td rowspan="2">08:00–08:20</td>' in body
    assert "<td>王芳</td><td>沧州机械有限公司</td><td>China</td>" in body
    assert reverse("portal:agenda_ics", args=[agenda_world.b2b.pk]) in body


def test_agenda_in_chinese_names_countries_in_chinese(client, agenda_world):
    client.force_login(agenda_world.user)

    with translation.override("zh-hans"):
        url = reverse("portal:agenda")

    response = client.get(url)

    [agenda] = response.context["agendas"]
    assert [[c.country for c in row.counterparts] for row in agenda.rows] == [
        ["匈牙利"],
        ["塞尔维亚"],
        ["塞尔维亚", "中国"],
    ]


def test_dashboard_links_the_agenda(client, agenda_world):
    client.force_login(agenda_world.user)

    response = client.get(reverse("portal:dashboard"))

    assert reverse("portal:agenda") in response.content.decode()


def test_a_participant_without_b2b_sessions_is_told_so(client, agenda_world):
    other = RegistrationFactory(edition=agenda_world.edition)
    user = UserFactory(username="other")
    link_person_account(other.person, user=user)
    client.force_login(user)

    response = client.get(reverse("portal:agenda"))

    assert response.status_code == 200
    assert response.context["agendas"] == []
    assert "You do not take part in any B2B session." in response.content.decode()


def test_an_attendee_with_nothing_placed_yet_sees_the_session_without_meetings(
    client, agenda_world
):
    lone = _attendee(agenda_world.b2b, "Lone Wolf")
    user = UserFactory(username="lone")
    link_person_account(lone.registration.person, user=user)
    client.force_login(user)

    response = client.get(reverse("portal:agenda"))

    [agenda] = response.context["agendas"]
    assert agenda.rows == []
    body = response.content.decode()
    assert "No meetings have been scheduled for you in this session yet." in body
    assert reverse("portal:agenda_ics", args=[agenda_world.b2b.pk]) not in body


def test_calendar_file_has_one_event_per_meeting(client, agenda_world):
    client.force_login(agenda_world.user)
    meetings = agenda_world.meetings

    response = client.get(reverse("portal:agenda_ics", args=[agenda_world.b2b.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="b2b-agenda-{agenda_world.b2b.pk}.ics"'
    )
    calendar = Calendar.from_ical(response.content)
    events = [
        (
            str(event["uid"]),
            event.decoded("dtstart"),
            event.decoded("dtend"),
            str(event["summary"]),
            str(event["location"]),
            str(event["description"]),
        )
        for event in calendar.walk("VEVENT")
    ]
    at = dt.datetime(2024, 11, 7, 7, 0, tzinfo=BELGRADE)
    minutes = dt.timedelta(minutes=20)
    assert events == [
        (
            f"meeting-{meetings.first.pk}@smeforum",
            at,
            at + minutes,
            "Meeting with Boris Beta",
            "Table 2, Hall 2, Sava Centar",
            "Boris Beta · Magyar Kft. · Hungary",
        ),
        (
            f"meeting-{meetings.later.pk}@smeforum",
            at + 2 * minutes,
            at + 3 * minutes,
            "Meeting with Ana Alpha",
            "Table 1, Hall 2, Sava Centar",
            "Ana Alpha · Srbija Export d.o.o. · Serbia",
        ),
        (
            f"meeting-{meetings.group.pk}@smeforum",
            at + 3 * minutes,
            at + 4 * minutes,
            "Meeting with Ana Alpha, 王芳",
            "Table 2, Hall 2, Sava Centar",
            "Ana Alpha · Srbija Export d.o.o. · Serbia\n王芳 · 沧州机械有限公司 · China",
        ),
    ]
    assert [e["dtstart"].params["TZID"] for e in calendar.walk("VEVENT")] == ["Europe/Belgrade"] * 3
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Belgrade"]
    # The same meeting keeps its UID from one download to the next.
    again = Calendar.from_ical(
        client.get(reverse("portal:agenda_ics", args=[agenda_world.b2b.pk])).content
    )
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == [e[0] for e in events]


def test_another_persons_b2b_session_is_not_found(client, agenda_world):
    other_b2b, _ = make_b2b(edition=agenda_world.edition, attendees=2)
    client.force_login(agenda_world.user)

    response = client.get(reverse("portal:agenda_ics", args=[other_b2b.pk]))

    assert response.status_code == 404


def test_a_b2b_session_that_does_not_exist_is_not_found(client, agenda_world):
    client.force_login(agenda_world.user)

    response = client.get(reverse("portal:agenda_ics", args=[agenda_world.b2b.pk + 1000]))

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["portal:agenda", "portal:agenda_ics"])
def test_a_user_without_a_person_gets_404(client, agenda_world, name):
    client.force_login(UserFactory(username="organiser"))
    args = [agenda_world.b2b.pk] if name == "portal:agenda_ics" else []

    response = client.get(reverse(name, args=args))

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["portal:agenda", "portal:agenda_ics"])
def test_anonymous_callers_are_sent_to_the_login_page(client, agenda_world, name):
    url = reverse(name, args=[agenda_world.b2b.pk] if name == "portal:agenda_ics" else [])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{resolve_url(settings.LOGIN_URL)}?next={url}"


def _queries_for_agenda(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("portal:agenda")).status_code == 200
    return len(queries)


def test_agenda_makes_a_fixed_number_of_queries(client, db):
    """N meetings, then 2N (each with a counterpart of their own organisation): same count."""
    b2b, _ = make_b2b(slots=8, tables=1, attendees=0)
    petra = _attendee(b2b, "Petra Participant")
    user = UserFactory(username="petra")
    link_person_account(petra.registration.person, user=user)
    for slot in range(3):
        _place(b2b, [petra, _attendee(b2b, f"Guest {slot}", OrganisationFactory())], slot, 0)
    client.force_login(user)
    client.get(reverse("portal:agenda"))  # warm the session and content-type caches
    with_three = _queries_for_agenda(client)
    for slot in range(3, 6):
        _place(b2b, [petra, _attendee(b2b, f"Guest {slot}", OrganisationFactory())], slot, 0)

    with_six = _queries_for_agenda(client)

    assert with_six == with_three
    assert len(client.get(reverse("portal:agenda")).context["agendas"][0].rows) == 6
