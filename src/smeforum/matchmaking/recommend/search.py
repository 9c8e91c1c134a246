"""Recommendations for one profile, in two steps.

1. **Candidates**, vectorised over every profile with numpy and the index's posting lists: a
   rough score from the same signals (any complementary kind, the closest sector through the
   sector tree's posting lists, an approximate text similarity from the heaviest features'
   posting lists, countries, languages). Only profiles that share something are touched
   beyond a few array operations.
2. **Exact scores** with reasons (signals.score_pair) for the best ``max(30, 3 * top)``
   candidates, sorted by score then id.
"""

from __future__ import annotations

import numpy as np

from .index import Index, semantic
from .model import KINDS, Recommendation
from .regions import CEEC, CN, CROSS_CHINA_CEE, CROSS_OTHER, OTHER, SAME_SIDE
from .signals import (
    COMPLEMENT_BASE,
    COMPLEMENT_PARTNERSHIP,
    COMPLEMENT_SECTOR,
    SECTOR_VALUE,
    TEXT_SCALE,
    WEIGHTS,
    add_terms,
    score_pair,
)
from .validation import validate_exclude

_CROSS = np.full((3, 3), CROSS_OTHER, dtype=np.float32)
_CROSS[CN, CN] = _CROSS[CEEC, CEEC] = SAME_SIDE
_CROSS[CN, CEEC] = _CROSS[CEEC, CN] = CROSS_CHINA_CEE
_CROSS[OTHER, OTHER] = CROSS_OTHER


def _complements(kind: str) -> list[str]:
    family, side = KINDS[kind]
    return [k for k, (f, s) in KINDS.items() if f == family and s != side]


def rough_scores(index: Index, i: int) -> np.ndarray:
    """The candidate step's score of every profile for profile ``i``."""
    n = index.size
    me = index.profiles[i]
    sector = np.zeros(n, dtype=np.float32)
    for x in index.paths[i]:
        for depth in range(1, len(x) + 1):
            posts = index.sector_posts.get(x[:depth])
            if posts is not None:
                sector[posts] = np.maximum(sector[posts], SECTOR_VALUE[depth])
    comp = np.zeros(n, dtype=np.float32)
    for kind in {k for o in me.opportunities for k in _complements(o.kind)}:
        posts = index.kind_posts.get(kind)
        if posts is not None:
            comp[posts] = 1.0
    comp *= COMPLEMENT_BASE + COMPLEMENT_PARTNERSHIP + COMPLEMENT_SECTOR * sector
    text = np.minimum(1.0, TEXT_SCALE * index.text.search(i))
    meaning = semantic(index, i, np.arange(n))
    if meaning is not None:
        text = np.maximum(text, meaning.astype(np.float32))
    cross = _CROSS[index.region[i]][index.region]
    cross[index.country == index.country[i]] = 0.0
    wanted = [index.country_ids[c] for c in index.wants[i] if c in index.country_ids]
    interest = 0.5 * np.isin(index.country, wanted).astype(np.float32)
    posts = index.wants_posts.get(me.country)
    if posts is not None:
        interest[posts] += 0.5
    language = np.zeros(n, dtype=np.float32)
    for lang in me.languages:
        posts = index.language_posts.get(lang.lower())
        if posts is not None:
            language[posts] = 1.0
    return (
        WEIGHTS["complement"] * comp
        + WEIGHTS["sector"] * sector
        + WEIGHTS["text"] * text
        + WEIGHTS["cross_border"] * cross
        + WEIGHTS["interest"] * interest
        + WEIGHTS["language"] * language
    )


def excluded_of(exclude) -> dict[str, set[str]]:
    """Profile id -> the ids it must not be recommended (pairs count both ways)."""
    result: dict[str, set[str]] = {}
    for a, b in (tuple(pair) for pair in exclude):
        result.setdefault(a, set()).add(b)
        result.setdefault(b, set()).add(a)
    return result


def candidates(index: Index, i: int, k: int, excluded: set[str]) -> list[tuple[float, int, list]]:
    """The ``k`` best profiles for ``i`` by exact score: ``(score, j, reasons)``, best first;
    never ``i`` itself, an excluded one, or one with no capacity."""
    rough = rough_scores(index, i)
    rough[i] = -1.0
    rough[index.capacity <= 0] = -1.0
    for other in excluded:
        j = index.position.get(other)
        if j is not None:
            rough[j] = -1.0
    eligible = int(np.count_nonzero(rough >= 0))
    if not eligible:
        return []
    take = min(eligible, max(k, 30))
    picked = (
        np.argpartition(-rough, take - 1)[:take] if take < len(rough) else np.arange(len(rough))
    )
    picked = np.sort(picked[rough[picked] >= 0])
    sims = index.text.similarities(i, picked)
    meaning = semantic(index, i, picked)
    if meaning is not None:  # a cosine the text score (TEXT_SCALE) turns into the same value
        sims = np.maximum(sims, meaning / TEXT_SCALE)
    scored = []
    for j, sim in zip(picked.tolist(), sims.tolist(), strict=True):
        score, reasons = score_pair(index, i, j, sim)
        if score > 0:
            scored.append((score, j, reasons))
    scored.sort(key=lambda s: (-s[0], index.profiles[s[1]].id))
    return scored[:k]


def finish(index: Index, i: int, picks: list[tuple[float, int, list]]) -> list[Recommendation]:
    result = []
    mine = index.words_of(i) if picks else {}
    for score, j, reasons in picks:
        add_terms(index, mine, j, reasons)
        result.append(Recommendation(index.profiles[j].id, round(score, 4), tuple(reasons)))
    return result


def recommend(index: Index, profile_id: str, top: int = 10, exclude=()) -> list[Recommendation]:
    """The ``top`` organisations ``profile_id`` should meet, best first, with reasons.
    ``exclude``: pairs of profile ids already requested (either way round)."""
    if profile_id not in index.position:
        raise KeyError(f"unknown profile id {profile_id!r}")
    problems = validate_exclude(exclude, index.position) if exclude else []
    if problems:
        raise ValueError("\n".join(problems))
    i = index.position[profile_id]
    excluded = excluded_of(exclude).get(profile_id, set())
    return finish(index, i, candidates(index, i, 3 * top, excluded)[:top])
