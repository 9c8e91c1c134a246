"""The solver keeps the hard rules, explains every meeting it leaves out, and reschedules."""

import time

import pytest

from smeforum.scheduling.engine import Assignment, check, solve

from .builders import instance

pytestmark = pytest.mark.unit


def _valid(inst, schedule):
    problems, stats = check(inst, schedule.assignments)
    assert problems == []
    assert (stats.scheduled, stats.weight, stats.idle_gaps) == (
        schedule.stats.scheduled,
        schedule.stats.weight,
        schedule.stats.idle_gaps,
    )
    return {a.meeting: (a.slot, a.table) for a in schedule.assignments}


def _reasons(schedule):
    return {u.meeting: u.reason for u in schedule.unscheduled}


def test_everything_fits_when_there_is_room():
    inst = instance(3, 2, [("m1", ["p1", "p2"]), ("m2", ["p1", "p3"]), ("m3", ["p2", "p3"])])
    schedule = solve(inst, time_limit=2)
    placed = _valid(inst, schedule)
    assert sorted(placed) == ["m1", "m2", "m3"]
    assert len({slot for slot, _ in placed.values()}) == 3  # a triangle needs three slots
    assert schedule.stats.upper_bound == 3
    assert schedule.stats.idle_gaps == 1  # someone meets in s1 and s3: unavoidable
    assert schedule.unscheduled == ()


def test_unavailable_everywhere_the_other_is_free():
    inst = instance(3, 1, [("m1", ["p3", "p7"])], unavailable={"p3": {"s1", "s2"}, "p7": {"s3"}})
    schedule = solve(inst, time_limit=1)
    assert _reasons(schedule) == {"m1": "p3 is unavailable in every slot where p7 is free"}
    assert schedule.stats.upper_bound == 0


def test_all_tables_taken_in_the_slots_both_are_free():
    inst = instance(
        3,
        1,
        [("m1", ["a", "b"], 3), ("m2", ["c", "d"], 3), ("m3", ["e", "f"], 3), ("m4", ["g", "h"])],
    )
    schedule = solve(inst, time_limit=1)
    _valid(inst, schedule)
    assert _reasons(schedule) == {"m4": "all tables are taken in the 3 slots where both are free"}
    assert (schedule.stats.weight, schedule.stats.upper_bound) == (9, 9)


def test_maximum_number_of_meetings_and_capacity():
    inst = instance(
        4,
        4,
        [("m1", ["p1", "a"]), ("m2", ["p1", "b"]), ("m3", ["p1", "c"]), ("m4", ["p1", "d"])],
        max_meetings={"p1": 2},
    )
    schedule = solve(inst, time_limit=1)
    _valid(inst, schedule)
    assert schedule.stats.scheduled == 2
    assert set(_reasons(schedule).values()) == {"p1 already has its maximum of 2 meetings"}

    two = instance(1, 3, [("m1", ["p1", "a"]), ("m2", ["p1", "b"])], capacity={"p1": 2})
    placed = _valid(two, solve(two, time_limit=1))
    assert sorted(placed.values()) == [("s1", "T1"), ("s1", "T2")]


def test_booked_in_the_only_slot_both_are_free():
    inst = instance(
        2,
        2,
        [("m1", ["p1", "p2"], 2, "s1"), ("m2", ["p1", "p3"])],
        unavailable={"p3": {"s2"}},
    )
    schedule = solve(inst, time_limit=1)
    assert _valid(inst, schedule)["m1"][0] == "s1"
    assert _reasons(schedule) == {"m2": "p1 is already booked in the only slot where both are free"}


def test_no_table_where_both_are_free_and_nobody_free_at_all():
    inst = instance(
        2,
        1,
        [("m1", ["p1", "p2"]), ("m2", ["p3", "p4"])],
        unavailable={"p1": {"s2"}, "p3": {"s1", "s2"}},
        table_unavailable={"T1": {"s1"}},
    )
    assert _reasons(solve(inst, time_limit=1)) == {
        "m1": "no table is available in the only slot where both are free",
        "m2": "p3 is unavailable in every slot",
    }


def test_fixed_meetings_stay_where_they_are():
    inst = instance(
        3,
        2,
        [("m1", ["p1", "p2"], 1, "s2", "T2"), ("m2", ["p1", "p3"], 1, "s3"), ("m3", ["p2", "p3"])],
    )
    placed = _valid(inst, solve(inst, time_limit=1))
    assert placed["m1"] == ("s2", "T2")
    assert placed["m2"][0] == "s3"
    assert placed["m3"][0] == "s1"


def test_rescheduling_keeps_valid_assignments_and_counts_moves():
    inst = instance(
        4,
        2,
        [("m1", ["p1", "p2"]), ("m2", ["p3", "p4"]), ("m3", ["p1", "p3"]), ("m5", ["p5", "p6"])],
        unavailable={"p3": {"s3"}},
    )
    previous = [
        Assignment("m1", "s4", "T2"),  # still valid: kept
        Assignment("m2", "s3", "T1"),  # p3 is now unavailable in s3: must move
        Assignment("m4", "s1", "T1"),  # cancelled meeting: ignored
        Assignment("m5", "s2", "T9"),  # table gone: must move
    ]
    schedule = solve(inst, time_limit=1, previous=previous)
    placed = _valid(inst, schedule)
    assert placed["m1"] == ("s4", "T2")
    assert placed["m2"][0] != "s3"
    assert schedule.stats.moved == 2
    assert schedule.stats.scheduled == 4


def test_same_seed_same_schedule_and_time_limit_respected():
    meetings = [(f"m{i}", [f"p{i % 7}", f"p{(i * 3 + 1) % 7 + 7}"]) for i in range(30)]
    inst = instance(6, 3, meetings, unavailable={"p1": {"s2"}, "p9": {"s1", "s5"}})
    a, b = solve(inst, time_limit=3, seed=5), solve(inst, time_limit=3, seed=5)
    assert (a.assignments, a.unscheduled) == (b.assignments, b.unscheduled)
    started = time.monotonic()
    schedule = solve(inst, time_limit=0.5, seed=1)
    assert time.monotonic() - started < 2.0
    _valid(inst, schedule)


def test_two_days_count_idle_gaps_per_day():
    inst = instance(4, 2, [("m1", ["p1", "p2"], 1, "s1"), ("m2", ["p1", "p3"], 1, "s4")], days=2)
    schedule = solve(inst, time_limit=1)
    assert schedule.stats.idle_gaps == 0  # s1 ends day one, s4 ends day two

    one_day = instance(4, 2, [("m1", ["p1", "p2"], 1, "s1"), ("m2", ["p1", "p3"], 1, "s4")])
    assert solve(one_day, time_limit=1).stats.idle_gaps == 2


def test_fairness_breaks_ties_in_weight():
    # Two of the three fit; only m1 + m3 leave nobody without a meeting.
    inst = instance(2, 1, [("m1", ["a", "b"]), ("m2", ["a", "c"]), ("m3", ["c", "d"])])
    schedule = solve(inst, time_limit=2)
    assert sorted(_valid(inst, schedule)) == ["m1", "m3"]
