"""Every problem of the input, in words, before anything is indexed."""

from __future__ import annotations

import re
from collections import Counter

from .model import KINDS, PARTNERSHIPS, Profile
from .nace import path

_ISO2 = re.compile(r"^[A-Z]{2}$")


def _countries(where: str, field: str, values) -> list[str]:
    return [
        f"{where}: {field} has {v!r}, not an ISO 3166 alpha-2 code"
        for v in values
        if not isinstance(v, str) or not _ISO2.match(v)
    ]


def _sectors(where: str, values) -> list[str]:
    return [
        f"{where}: sectors has {v!r}, not a NACE Rev. 2 code"
        for v in values
        if not isinstance(v, str) or path(v) is None
    ]


def validate(profiles: list[Profile]) -> list[str]:
    """Return every problem of ``profiles`` (empty when they can be indexed)."""
    problems: list[str] = []
    ids = [p.id for p in profiles]
    problems += [
        "profile id must be a non-empty string" for i in ids if not i or not isinstance(i, str)
    ]
    problems += [f"duplicate profile id {i}" for i, n in Counter(ids).items() if n > 1 and i]
    for p in profiles:
        where = f"profile {p.id}"
        problems += _countries(where, "country", [p.country])
        problems += _countries(where, "countries_of_interest", p.countries_of_interest)
        problems += _sectors(where, p.sectors)
        if not isinstance(p.capacity, int) or isinstance(p.capacity, bool) or p.capacity < 0:
            problems.append(f"{where}: capacity must be a whole number of at least 0")
        if not isinstance(p.text, str):
            problems.append(f"{where}: text must be a string")
        opp_ids = [o.id for o in p.opportunities]
        problems += [
            f"{where}: duplicate opportunity id {i}" for i, n in Counter(opp_ids).items() if n > 1
        ]
        for o in p.opportunities:
            here = f"{where}, opportunity {o.id}"
            if not o.id:
                problems.append(f"{where}: opportunity id must be a non-empty string")
            if o.kind not in KINDS:
                problems.append(f"{here}: unknown kind {o.kind!r} (one of {', '.join(KINDS)})")
            problems += _sectors(here, o.sectors)
            problems += _countries(here, "target_countries", o.target_countries)
            problems += [
                f"{here}: unknown partnership {v!r} (one of {', '.join(PARTNERSHIPS)})"
                for v in o.partnerships
                if v not in PARTNERSHIPS
            ]
    return problems


def validate_exclude(exclude, known) -> list[str]:
    """Problems of the pairs to leave out: each a pair of known profile ids."""
    problems = []
    for pair in exclude:
        if not isinstance(pair, tuple | list | frozenset) or len(pair) != 2:
            problems.append(f"exclude: {pair!r} is not a pair of profile ids")
            continue
        problems += [
            f"exclude: unknown profile id {i!r} in {pair!r}" for i in pair if i not in known
        ]
    return problems
