"""The set-up page: days, times and breaks typed in the edition's time zone; mistakes and the
domain's refusals shown on the form at the field they are about."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from smeforum.backoffice.schedule.forms import describe_slots, parse_ranges
from smeforum.forums.models import Session
from smeforum.scheduling.domain.meetings import place_meeting, request_meeting
from smeforum.scheduling.models import B2BSession
from tests.backoffice.schedule.conftest import board_url
from tests.factories import SessionFactory, make_b2b

pytestmark = pytest.mark.integration

WARSAW = ZoneInfo("Europe/Warsaw")
VALID = {
    "windows": "2024-11-07 09:00–10:00",
    "breaks": "",
    "slot_minutes": 20,
    "table_count": 2,
    "time_limit": 5,
}


@pytest.fixture
def session(edition):
    return SessionFactory(edition=edition, kind=Session.Kind.MATCHMAKING, title_en="B2B")


@pytest.mark.unit
def test_ranges_without_a_date_stand_for_every_day():
    days = [dt.date(2024, 11, 7), dt.date(2024, 11, 8)]

    ranges, problems = parse_ranges(
        "12:00–13:00\n2024-11-08 15:30-15:45\n", tz=WARSAW, days=days, example="12:00–13:00"
    )

    assert problems == []
    assert ranges == [
        (dt.datetime(2024, 11, 7, 12, tzinfo=WARSAW), dt.datetime(2024, 11, 7, 13, tzinfo=WARSAW)),
        (dt.datetime(2024, 11, 8, 12, tzinfo=WARSAW), dt.datetime(2024, 11, 8, 13, tzinfo=WARSAW)),
        (
            dt.datetime(2024, 11, 8, 15, 30, tzinfo=WARSAW),
            dt.datetime(2024, 11, 8, 15, 45, tzinfo=WARSAW),
        ),
    ]


@pytest.mark.unit
def test_bad_ranges_are_named_by_line():
    _ranges, problems = parse_ranges(
        "09:00–12:00\nnine to five\n2024-13-01 09:00–10:00\n14:00–13:00",
        tz=WARSAW,
        days=[dt.date(2024, 11, 7)],
        example="09:00–17:00",
    )

    assert problems == [
        "Line 2: “nine to five” is not a time range like 09:00–17:00.",
        "Line 3: “2024-13-01 09:00–10:00” is not a time range like 09:00–17:00.",
        "Line 4: “14:00–13:00” ends before it starts.",
    ]


def test_slots_are_described_as_the_set_up_that_makes_them(db):
    b2b, _ = make_b2b(slots=3)  # 14:00–15:00 in Shanghai
    shanghai = ZoneInfo("Asia/Shanghai")

    windows, breaks = describe_slots(b2b.slots.order_by("starts_at"), shanghai)

    day = b2b.session.day
    assert (windows, breaks) == (f"{day:%Y-%m-%d} 14:00–15:00", "")


def test_a_new_b2b_session_is_offered_only_unset_matchmaking_sessions(
    client, organiser, edition, session
):
    SessionFactory(edition=edition, kind=Session.Kind.KEYNOTE)
    make_b2b(edition=edition)  # already set up
    client.force_login(organiser)

    response = client.get(reverse("admin:scheduling_b2bsession_add"), {"session": session.pk})

    form = response.context["form"]
    assert list(form.fields["session"].queryset) == [session]
    assert form["session"].value() == session.pk


def test_mistakes_are_shown_at_their_field(client, organiser, session):
    client.force_login(organiser)

    response = client.post(
        reverse("admin:scheduling_b2bsession_add"),
        {
            **VALID,
            "session": session.pk,
            "windows": "2024-11-07 from nine",
            "breaks": "12-13",
            "slot_minutes": 3,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "windows": [
            "Line 1: “2024-11-07 from nine” is not a time range like 2025-05-20 09:00–17:00."
        ],
        "breaks": ["Line 1: “12-13” is not a time range like 12:00–13:00."],
        "slot_minutes": ["A slot lasts from 5 to 240 minutes."],
    }
    assert not B2BSession.objects.exists()


def test_a_refusal_of_the_domain_is_shown_at_its_field(client, organiser, edition):
    b2b, (a, b, *_rest) = make_b2b(edition=edition, slots=2, tables=2)
    meeting = request_meeting(b2b, attendees=[a, b])
    place_meeting(meeting, slot=b2b.slots.first(), table=b2b.tables.get(number=2))
    client.force_login(organiser)
    page = client.get(board_url("setup", b2b.pk))
    data = {name: page.context["form"][name].value() for name in VALID}

    response = client.post(board_url("setup", b2b.pk), {**data, "table_count": 1})

    assert response.context["form"].errors == {
        "table_count": ["Table 2 holds meetings; move them before removing it."]
    }
    assert b2b.tables.count() == 2


def test_a_set_up_is_changed_keeping_what_stays(client, organiser, edition):
    b2b, _ = make_b2b(edition=edition, slots=2, tables=2)
    kept = b2b.slots.order_by("starts_at").first()
    client.force_login(organiser)
    page = client.get(board_url("setup", b2b.pk))
    data = {name: page.context["form"][name].value() for name in VALID}
    start = kept.starts_at.astimezone(WARSAW)  # 14:00 in Shanghai is 07:00 in Warsaw
    end = start + dt.timedelta(hours=1)

    response = client.post(
        board_url("setup", b2b.pk),
        {
            **data,
            "windows": f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}",
            "table_count": 3,
            "time_limit": 30,
        },
    )

    b2b.refresh_from_db()
    assert data["windows"] == f"{start:%Y-%m-%d} 07:00–07:40"
    assert response.status_code == 302
    assert b2b.slots.count() == 3
    assert b2b.slots.order_by("starts_at").first().pk == kept.pk
    assert (b2b.tables.count(), b2b.time_limit) == (3, 30)
