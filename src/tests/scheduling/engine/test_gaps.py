"""Re-solved windows only shorten idle gaps: weight and everyone's meetings per day stay as
they were, no slot holds more meetings than it has tables, and the schedule stays valid."""

import random
import time
from collections import Counter

import pytest

from smeforum.scheduling.engine import Assignment, check
from smeforum.scheduling.engine.construct import construct
from smeforum.scheduling.engine.gaps import reduce_gaps
from smeforum.scheduling.engine.state import Problem, State

from .builders import instance

pytestmark = pytest.mark.unit


def _random_instance(seed: int):
    rng = random.Random(seed)  # noqa: S311 -- test data, not secrets
    people = [f"p{i}" for i in range(24)]
    pairs = set()
    while len(pairs) < 60:
        a, b = rng.sample(people, 2)
        pairs.add(tuple(sorted((a, b))))
    meetings = [
        (f"m{i}", list(pair), rng.choice([1, 1, 2])) for i, pair in enumerate(sorted(pairs))
    ]
    unavailable = {p: {f"s{rng.randint(1, 8)}"} for p in rng.sample(people, 6)}
    return instance(8, 6, meetings, unavailable=unavailable)


def _per_day(state: State) -> Counter:
    pb = state.pb
    return Counter(
        (p, pb.day[s]) for m, s in enumerate(state.slot_of) if s >= 0 for p in pb.parts[m]
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_windows_cut_gaps_and_keep_everything_else(seed):
    inst = _random_instance(seed)
    state = State(Problem(inst))
    construct(state, random.Random(seed))  # noqa: S311 -- tie-breaks, not secrets
    weight, gaps, per_day = state.weight(), state.gaps(), _per_day(state)

    gained = reduce_gaps(state, time.monotonic() + 2, random.Random(seed), seed)  # noqa: S311

    assignments = [
        Assignment(state.pb.meeting_ids[m], state.pb.slot_ids[s], "T1")
        for m, s in enumerate(state.slot_of)
        if s >= 0
    ]
    problems, _ = check(inst, assignments, bound=False)
    assert [p for p in problems if "table" not in p] == []  # tables are given out later
    assert (state.weight(), _per_day(state)) == (weight, per_day)
    assert all(used <= free for used, free in zip(state.used, state.pb.tables_in, strict=True))
    assert state.gaps() == gaps - gained
    assert gained > 0
