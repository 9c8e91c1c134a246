"""The schedule pages cost a fixed number of queries, however many meetings they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smeforum.scheduling.domain.meetings import place_meeting, request_meeting
from smeforum.scheduling.models import ScheduleRun
from tests.backoffice.schedule.conftest import board_url
from tests.factories import make_b2b

pytestmark = pytest.mark.integration


def _add_meetings(b2b, attendees, slots, tables, start: int, stop: int) -> None:
    """Meetings ``start`` .. ``stop - 1``, each between two attendees of its own; two of
    every three placed, the third left out with a reason."""
    for i in range(start, stop):
        meeting = request_meeting(b2b, attendees=attendees[2 * i : 2 * i + 2], weight=1 + i % 5)
        if i % 3 == 2:
            meeting.unscheduled_reason = {"code": "time_limit", "params": {}}
            meeting.save(update_fields=["unscheduled_reason"])
        else:
            place_meeting(meeting, slot=slots[i % len(slots)], table=tables[i // len(slots)])


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["board", "attendees", "add_meeting"])
def test_query_count_does_not_grow_with_meetings(client, organiser, edition, page):
    b2b, attendees = make_b2b(edition=edition, slots=4, tables=4, attendees=24)
    slots, tables = list(b2b.slots.order_by("starts_at")), list(b2b.tables.order_by("number"))
    ScheduleRun.objects.create(
        b2b=b2b,
        status=ScheduleRun.Status.DONE,
        progress=100,
        stats={"weight": 9, "upper_bound": 12, "scheduled": 4, "meetings": 6, "idle_gaps": 1},
    )
    client.force_login(organiser)
    url = board_url(page, b2b.pk)
    client.get(url)  # warm the caches (content types, session)
    counts = {}

    for total in (6, 12):
        _add_meetings(b2b, attendees, slots, tables, total - 6, total)
        counts[total] = _queries(client, url)

    assert b2b.meetings.count() == 12
    assert counts[6] == counts[12]


def test_the_board_shows_every_meeting(client, organiser, edition):
    b2b, attendees = make_b2b(edition=edition, slots=4, tables=4, attendees=24)
    slots, tables = list(b2b.slots.order_by("starts_at")), list(b2b.tables.order_by("number"))
    _add_meetings(b2b, attendees, slots, tables, 0, 12)
    client.force_login(organiser)

    response = client.get(board_url("board", b2b.pk))

    placed = [m for row in response.context["rows"] for m, _url in row["cells"] if m]
    assert (len(placed), len(response.context["unscheduled"])) == (8, 4)
    assert {reason for _m, _url, reason in response.context["unscheduled"]} == {
        "It was not placed within the time limit; solve again."
    }
