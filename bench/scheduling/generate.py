"""A seeded generator of brokerage-like B2B scheduling instances (for the benchmark).

What it draws, for ``n`` participants and a ``seed``:
- 16 slots of 30 minutes, on one day (odd seeds) or over two days of 8 (even seeds);
- each participant 0–4 unavailable slots (uniform), about 10 % with two representatives
  (capacity 2), and an acceptance budget of 0–15 meetings (uniform);
- popularity from a Pareto distribution (shape 1.3): a few organisations are requested by many;
  meetings join a requester (drawn by remaining budget) and a target (drawn by popularity among
  those with budget left), never twice the same pair, until about 3.25 meetings per participant
  (about 6,500 at 2,000) or the budgets run out;
- weights from priorities: 1 (70 %), 2 (20 %), 3 (10 %);
- tables: ``scarce`` — 80 % of meetings / slots (tables are the binding limit); ``ample`` —
  130 % of meetings / slots.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random

from smeforum.scheduling.engine import Instance, Meeting, Participant, Slot, Table

TZ = dt.timezone(dt.timedelta(hours=8))


def generate(n: int, seed: int, family: str = "ample") -> Instance:
    rng = random.Random(f"{n}-{seed}-{family}")  # noqa: S311 -- repeatable data
    days = 1 if seed % 2 else 2
    slots = []
    for d in range(days):
        start = dt.datetime(2024, 11, 7 + d, 9, 0, tzinfo=TZ)
        for k in range(16 // days):
            begin = start + dt.timedelta(minutes=30 * k + (60 if k >= 16 // days // 2 else 0))
            slots.append(Slot(f"s{len(slots) + 1}", begin, begin + dt.timedelta(minutes=30)))
    slot_ids = [s.id for s in slots]
    budget = [rng.randint(0, 15) for _ in range(n)]
    pop = [rng.paretovariate(1.3) for _ in range(n)]
    cum = list(itertools.accumulate(pop))
    target = round(3.25 * n)
    pairs: set[tuple[int, int]] = set()
    meetings = []
    requesters = [p for p in range(n) for _ in range(budget[p])]
    rng.shuffle(requesters)
    attempts = 0
    while len(meetings) < target and attempts < 40 * target and requesters:
        attempts += 1
        p = requesters[rng.randrange(len(requesters))]
        if budget[p] == 0:
            requesters = [r for r in requesters if budget[r] > 0]
            continue
        q = bisect.bisect_left(cum, rng.random() * cum[-1])
        q = min(q, n - 1)
        if q == p or budget[q] == 0 or (min(p, q), max(p, q)) in pairs:
            continue
        pairs.add((min(p, q), max(p, q)))
        budget[p] -= 1
        budget[q] -= 1
        weight = rng.choices([1, 2, 3], weights=[70, 20, 10])[0]
        meetings.append(Meeting(f"m{len(meetings) + 1}", (f"p{p + 1}", f"p{q + 1}"), weight))
    people = [
        Participant(
            f"p{i + 1}",
            frozenset(rng.sample(slot_ids, rng.randint(0, 4))),
            2 if rng.random() < 0.1 else 1,
        )
        for i in range(n)
    ]
    ratio = 0.8 if family == "scarce" else 1.3
    n_tables = max(1, math.ceil(ratio * len(meetings) / len(slots)))
    tables = [Table(f"T{i + 1}") for i in range(n_tables)]
    return Instance(tuple(slots), tuple(tables), tuple(people), tuple(meetings))
