"""Recommendations for everyone, with exposure spread by capacity.

Ranking each profile alone puts the few organisations that match many (broad sectors, many
opportunities, many languages) in nearly every list: they cannot take those meetings and
everyone else is never shown. ``recommend_all(spread=True)`` re-ranks with a **capacity-aware
draft**:

1. Each profile gets its ``pool * top`` best candidates by exact score (search.candidates).
2. Each recipient ``r`` has a quota of appearances, ``ceil(exposure * capacity_r)`` (its
   meetings times ``exposure``, default 2: not every recommendation becomes a request, but
   no one is shown to many more participants than it can meet), at least 1 for a profile
   with capacity.
3. Picks are made in rounds, one pick per profile per round, in snake order (profiles by id,
   reversed every other round, so no one always picks first). A profile picks the candidate
   with the best *penalised* score ``score * (1 - penalty * used_r / quota_r)`` among those
   whose quota is not used up: a recipient that already fills many lists loses ground
   smoothly before it is cut off.
4. A list still short when its candidates' quotas are used up is filled afterwards from its
   remaining candidates, quota or not, by a score penalised further past the quota
   (``score * (1 - penalty) / load`` with ``load = used_r / quota_r > 1``), so the overflow
   goes to the least overloaded: spreading never leaves a list shorter than ranking alone
   would.

Each list is then shown best score first; scores and reasons are the pair's own, the
penalty only decides who is picked. ``spread=False`` gives every profile its plain ranking.
"""

from __future__ import annotations

import math

import numpy as np

from .index import Index
from .model import Recommendation
from .search import candidates, excluded_of, finish
from .validation import validate_exclude

POOL = 5  # candidates per pick
EXPOSURE = 2.0
PENALTY = 0.5


def recommend_all(
    index: Index,
    top: int = 10,
    spread: bool = True,
    exclude=(),
    exposure: float = EXPOSURE,
    pool: int = POOL,
) -> dict[str, list[Recommendation]]:
    """Profile id -> its ``top`` recommendations (see the module's docstring)."""
    problems = validate_exclude(exclude, index.position) if exclude else []
    if problems:
        raise ValueError("\n".join(problems))
    excluded = excluded_of(exclude)
    ids = [p.id for p in index.profiles]
    size = top if not spread else pool * top
    pools = [candidates(index, i, size, excluded.get(ids[i], set())) for i in range(index.size)]
    if not spread:
        return {ids[i]: finish(index, i, pools[i][:top]) for i in range(index.size)}
    picks = draft(index, pools, top, exposure)
    return {ids[i]: finish(index, i, picks[i]) for i in range(index.size)}


def draft(index: Index, pools: list[list], top: int, exposure: float) -> list[list]:
    quota = [max(1, math.ceil(exposure * c)) if c > 0 else 0 for c in index.capacity.tolist()]
    used = [0] * index.size
    taken: list[list] = [[] for _ in range(index.size)]
    chosen: list[set[int]] = [set() for _ in range(index.size)]
    order = sorted(range(index.size), key=lambda i: index.profiles[i].id)

    def best(i: int, capped: bool):
        found, value = None, -1.0
        for entry in pools[i]:
            score, j, _ = entry
            if j in chosen[i] or (capped and used[j] >= quota[j]):
                continue
            load = used[j] / quota[j]
            penalised = score * (1.0 - PENALTY * load if load <= 1.0 else (1.0 - PENALTY) / load)
            if penalised > value:  # ties keep the pool's order (score, then id)
                found, value = entry, penalised
        return found

    for capped in (True, False):
        for r in range(top):
            for i in order if r % 2 == 0 else reversed(order):
                if len(taken[i]) >= top:
                    continue
                entry = best(i, capped)
                if entry is not None:
                    taken[i].append(entry)
                    chosen[i].add(entry[1])
                    used[entry[1]] += 1
    for picks in taken:
        picks.sort(key=lambda s: (-s[0], index.profiles[s[1]].id))
    return taken


def exposure_counts(index: Index, lists: dict[str, list[Recommendation]]) -> np.ndarray:
    """How many lists each profile appears in (index order)."""
    counts = np.zeros(index.size, dtype=np.int64)
    for recs in lists.values():
        for rec in recs:
            counts[index.position[rec.profile_id]] += 1
    return counts


def gini(values) -> float:
    """The Gini coefficient of non-negative values: 0 all equal, near 1 all on one."""
    x = np.sort(np.asarray(values, dtype=np.float64))
    if not len(x) or x.sum() == 0:
        return 0.0
    n = len(x)
    ranks = np.arange(1, n + 1)
    return float((2 * ranks - n - 1) @ x / (n * x.sum()))
