"""Meetings placed by hand obey the solver's rules; the database refuses double bookings."""

import datetime as dt
import random

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from smeforum.audit.models import AuditEntry
from smeforum.scheduling import engine
from smeforum.scheduling.domain.meetings import (
    cancel_meeting,
    place_meeting,
    request_meeting,
    unplace_meeting,
)
from smeforum.scheduling.domain.setup import update_attendee
from smeforum.scheduling.models import Meeting, MeetingParty
from smeforum.scheduling.queries import engine_input
from tests.factories import make_b2b

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _world(**kwargs):
    b2b, people = make_b2b(**kwargs)
    slots = list(b2b.slots.order_by("starts_at"))
    tables = list(b2b.tables.order_by("number"))
    return b2b, people, slots, tables


def test_a_placed_meeting_books_its_table_and_its_people():
    b2b, (a, b, _c, _d), slots, tables = _world()
    meeting = request_meeting(b2b, attendees=[a, b], weight=3)
    place_meeting(meeting, slot=slots[1], table=tables[0], version=1)
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table, meeting.version) == (slots[1], tables[0], 2)
    assert sorted(MeetingParty.objects.values_list("attendee", "slot", "lane")) == sorted(
        [(a.pk, slots[1].pk, 0), (b.pk, slots[1].pk, 0)]
    )
    entry = AuditEntry.objects.filter(action="scheduling.meeting.moved").get()
    assert entry.after == {"slot": slots[1].pk, "table": tables[0].pk, "fixed": False}


def test_a_meeting_needs_two_people_of_the_session():
    b2b, (a, *_), _, _ = _world()
    _other, (stranger, *_) = make_b2b(attendees=1)
    with pytest.raises(ValidationError) as one:
        request_meeting(b2b, attendees=[a, a])
    assert one.value.message_dict == {"attendees": ["A meeting needs at least two participants."]}
    with pytest.raises(ValidationError) as foreign:
        request_meeting(b2b, attendees=[a, stranger])
    assert foreign.value.message_dict == {
        "attendees": [f"{stranger} does not take part in this B2B session."]
    }


def test_a_move_lists_every_rule_it_breaks():
    b2b, (a, b, c, _d), slots, tables = _world()
    first = request_meeting(b2b, attendees=[a, b])
    place_meeting(first, slot=slots[0], table=tables[0])
    update_attendee(c, capacity=1, max_meetings=None, unavailable_slots=[slots[0]])
    second = request_meeting(b2b, attendees=[a, c])
    with pytest.raises(ValidationError) as refused:
        place_meeting(second, slot=slots[0], table=tables[0])
    assert refused.value.messages == [
        f"Table 1 is taken in {slots[0]} by meeting {first.pk}.",
        f"{a} already has 1 meeting(s) in {slots[0]}.",
        f"{c} is unavailable in {slots[0]}.",
    ]
    second.refresh_from_db()
    assert (second.slot, second.version) == (None, 1)


def test_capacity_two_gives_two_lanes_and_max_meetings_caps():
    b2b, (a, b, c, d), slots, tables = _world()
    update_attendee(a, capacity=2, max_meetings=2, unavailable_slots=[])
    one = request_meeting(b2b, attendees=[a, b])
    two = request_meeting(b2b, attendees=[a, c])
    three = request_meeting(b2b, attendees=[a, d])
    place_meeting(one, slot=slots[0], table=tables[0])
    place_meeting(two, slot=slots[0], table=tables[1])
    assert sorted(
        MeetingParty.objects.filter(attendee=a, slot__isnull=False).values_list("lane", flat=True)
    ) == [0, 1]
    with pytest.raises(ValidationError) as capped:
        place_meeting(three, slot=slots[1], table=tables[0])
    assert capped.value.messages == [f"{a} already has the most meetings allowed (2)."]


def test_a_stale_version_is_refused_not_overwritten():
    b2b, (a, b, _c, _d), slots, tables = _world()
    meeting = request_meeting(b2b, attendees=[a, b])
    place_meeting(meeting, slot=slots[0], table=tables[0], version=1)
    with pytest.raises(ValidationError) as stale:
        place_meeting(meeting, slot=slots[2], table=tables[1], version=1)
    assert stale.value.code == "conflict"
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table) == (slots[0], tables[0])


def test_the_database_refuses_a_double_booked_table():
    """What a race between two organisers would do, past the domain's checks."""
    b2b, (a, b, c, d), slots, tables = _world()
    first = request_meeting(b2b, attendees=[a, b])
    second = request_meeting(b2b, attendees=[c, d])
    place_meeting(first, slot=slots[0], table=tables[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=second.pk).update(slot=slots[0], table=tables[0])


def test_the_database_refuses_a_double_booked_person():
    b2b, (a, b, c, _d), slots, tables = _world()
    first = request_meeting(b2b, attendees=[a, b])
    second = request_meeting(b2b, attendees=[a, c])
    place_meeting(first, slot=slots[0], table=tables[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingParty.objects.filter(meeting=second, attendee=a).update(slot=slots[0], lane=0)


def test_unplace_and_cancel_free_the_slot():
    b2b, (a, b, c, _d), slots, tables = _world()
    meeting = request_meeting(b2b, attendees=[a, b])
    place_meeting(meeting, slot=slots[0], table=tables[0], fixed=True)
    unplace_meeting(meeting)
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.is_fixed, meeting.unscheduled_reason) == (
        None,
        False,
        {"code": "by_hand", "params": {}},
    )
    again = request_meeting(b2b, attendees=[a, c])
    place_meeting(again, slot=slots[0], table=tables[0])
    cancel_meeting(again)
    again.refresh_from_db()
    assert (again.status, again.slot) == ("cancelled", None)
    assert MeetingParty.objects.filter(slot__isnull=False).count() == 0


@pytest.mark.parametrize("seed", range(6))
def test_hand_moves_follow_the_engines_rules(seed):
    """Random moves: the domain accepts exactly the moves after which ``engine.check`` finds
    nothing wrong."""
    rng = random.Random(seed)  # noqa: S311 -- test data, not secrets
    b2b, people, slots, tables = _world(slots=3, tables=2, attendees=5)
    for person in people:
        closed = rng.sample(slots, rng.randint(0, 1))
        update_attendee(
            person,
            capacity=rng.choice([1, 1, 2]),
            max_meetings=rng.choice([None, 2]),
            unavailable_slots=closed,
        )
    meetings = [request_meeting(b2b, attendees=rng.sample(people, 2)) for _ in range(8)]
    for _ in range(25):
        meeting = rng.choice(meetings)
        meeting.refresh_from_db()
        slot, table = rng.choice(slots), rng.choice(tables)
        data = engine_input(b2b)
        key = f"m{meeting.pk}"
        after = [a for a in data.previous if a.meeting != key] + [
            engine.Assignment(key, f"s{slot.pk}", f"t{table.pk}")
        ]
        problems, _ = engine.check(data.instance, after, bound=False)
        try:
            place_meeting(meeting, slot=slot, table=table)
            accepted = True
        except ValidationError:
            accepted = False
        assert accepted == (problems == []), problems
    assert dt.timedelta(0) < slots[0].ends_at - slots[0].starts_at
