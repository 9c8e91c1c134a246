"""Random small instances: never an invalid schedule; on tiny ones, the exact optimum."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smeforum.scheduling.engine import check, solve

from .builders import instance

pytestmark = pytest.mark.unit


@st.composite
def instances(draw, max_people=7, max_meetings=9, max_slots=4):
    n_slots = draw(st.integers(1, max_slots))
    n_people = draw(st.integers(2, max_people))
    people = [f"p{i}" for i in range(n_people)]
    slot_ids = [f"s{i + 1}" for i in range(n_slots)]
    pairs = list(itertools.combinations(people, 2))
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=max_meetings, unique=True))
    meetings = [(f"m{i}", list(pair), draw(st.integers(1, 3))) for i, pair in enumerate(chosen)]
    if n_people >= 3 and draw(st.booleans()):
        meetings.append(("mg", people[:3], draw(st.integers(1, 3))))
    unavailable = {p: set(draw(st.lists(st.sampled_from(slot_ids), max_size=2))) for p in people}
    capacity = {p: draw(st.sampled_from([1, 1, 1, 2])) for p in people}
    max_meetings = {p: m for p in people if (m := draw(st.sampled_from([None, None, 1, 2])))}
    return instance(
        n_slots,
        draw(st.integers(1, 3)),
        meetings,
        unavailable=unavailable,
        capacity=capacity,
        max_meetings=max_meetings,
    )


def _optimum(inst) -> int:
    """Brute force over every slot (or none) for every meeting."""
    slots = [s.id for s in inst.slots]
    people = {p.id: p for p in inst.participants}
    best = 0
    for choice in itertools.product([None, *slots], repeat=len(inst.meetings)):
        per_slot, load, count, weight = {}, {}, {}, 0
        ok = True
        for m, s in zip(inst.meetings, choice, strict=True):
            if s is None:
                continue
            per_slot[s] = per_slot.get(s, 0) + 1
            weight += m.weight
            for p in m.participants:
                load[(p, s)] = load.get((p, s), 0) + 1
                count[p] = count.get(p, 0) + 1
                if s in people[p].unavailable or load[(p, s)] > people[p].capacity:
                    ok = False
        ok = ok and all(n <= len(inst.tables) for n in per_slot.values())
        ok = ok and all(
            people[p].max_meetings is None or n <= people[p].max_meetings for p, n in count.items()
        )
        if ok:
            best = max(best, weight)
    return best


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_random_instances_never_get_an_invalid_schedule(inst):
    schedule = solve(inst, time_limit=1, seed=3)
    problems, stats = check(inst, schedule.assignments)
    assert problems == []
    assert stats.weight == schedule.stats.weight <= schedule.stats.upper_bound
    scheduled = {a.meeting for a in schedule.assignments}
    assert {u.meeting for u in schedule.unscheduled} == {m.id for m in inst.meetings} - scheduled
    assert all(u.reason for u in schedule.unscheduled)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_people=5, max_meetings=6, max_slots=3))
def test_tiny_instances_reach_the_exact_optimum(inst):
    assert solve(inst, time_limit=2, seed=1).stats.weight == _optimum(inst)
