"""Two organisers moving meetings at the same moment: one wins, the other is refused with a
clear message, and the schedule never holds a double booking. Real threads, each with its own
database connection, on PostgreSQL. (The tests' SQLite database lives in memory, where
connections share one cache with table locks that fail at once instead of waiting; on SQLite
the same constraints are shown refusing double bookings in test_meetings.py.)"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from smeforum.scheduling.domain.meetings import place_meeting, request_meeting
from smeforum.scheduling.models import Meeting, MeetingParty
from tests.factories import make_b2b

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _race(*moves):
    """Run each ``(meeting, slot, table)`` move in its own thread, released together."""
    barrier = threading.Barrier(len(moves))
    outcomes: list = [None] * len(moves)

    def move(i, meeting, slot, table):
        try:
            barrier.wait()
            place_meeting(meeting, slot=slot, table=table)
            outcomes[i] = "placed"
        except ValidationError as error:
            outcomes[i] = error.messages
        finally:
            connection.close()

    threads = [threading.Thread(target=move, args=(i, *m)) for i, m in enumerate(moves)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    close_old_connections()
    return outcomes


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.parametrize("clash", ["table", "person"])
def test_two_moves_into_the_same_place_at_once(clash):
    b2b, (a, b, c, d) = make_b2b(slots=2, tables=2, attendees=4)
    slot = b2b.slots.first()
    t1, t2 = b2b.tables.order_by("number")
    first = request_meeting(b2b, attendees=[a, b])
    if clash == "table":
        second = request_meeting(b2b, attendees=[c, d])
        moves = [(first, slot, t1), (second, slot, t1)]
    else:
        second = request_meeting(b2b, attendees=[a, c])
        moves = [(first, slot, t1), (second, slot, t2)]
    outcomes = _race(*moves)
    assert sorted(o == "placed" for o in outcomes) == [False, True]
    refusal = next(o for o in outcomes if o != "placed")
    assert len(refusal) == 1
    winner = Meeting.objects.get(slot=slot)
    loser = first if winner == second else second
    assert (loser.pk, Meeting.objects.get(pk=loser.pk).slot) == (loser.pk, None)
    if clash == "person":
        assert MeetingParty.objects.filter(attendee=a, slot=slot).count() == 1
