"""NACE Rev. 2 codes as paths in the tree: section > division > group > class.

A code may be written "C" (section), "32" or "C32" (division), "32.5" or "C32.5" (group),
"32.50" or "C32.50" (class); :func:`path` turns it into ``("C", "32", "32.5", "32.50")``
cut at its depth, and :func:`proximity` counts the levels two codes share.
"""

from __future__ import annotations

import re

# division ranges (first, last) of each section
_SECTIONS = (
    ("A", 1, 3),
    ("B", 5, 9),
    ("C", 10, 33),
    ("D", 35, 35),
    ("E", 36, 39),
    ("F", 41, 43),
    ("G", 45, 47),
    ("H", 49, 53),
    ("I", 55, 56),
    ("J", 58, 63),
    ("K", 64, 66),
    ("L", 68, 68),
    ("M", 69, 75),
    ("N", 77, 82),
    ("O", 84, 84),
    ("P", 85, 85),
    ("Q", 86, 88),
    ("R", 90, 93),
    ("S", 94, 96),
    ("T", 97, 98),
    ("U", 99, 99),
)
SECTION_OF = {d: s for s, first, last in _SECTIONS for d in range(first, last + 1)}
LEVELS = ("section", "division", "group", "class")
_CODE = re.compile(r"^([A-U])?(?:(\d{2})(?:\.(\d)(\d)?)?)?$")


def path(code: str) -> tuple[str, ...] | None:
    """The code's path from its section down, or None when it is not a NACE code."""
    m = _CODE.match(code.strip().upper())
    if not m or not any(m.groups()):
        return None
    letter, division, group, klass = m.groups()
    if division is None:
        return (letter,)
    section = SECTION_OF.get(int(division))
    if section is None or (letter and letter != section):
        return None
    result = [section, division]
    if group is not None:
        result.append(f"{division}.{group}")
        if klass is not None:
            result.append(f"{division}.{group}{klass}")
    return tuple(result)


def proximity(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """How many levels the paths share: 4 same class, 3 group, 2 division, 1 section, 0."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def label(p: tuple[str, ...]) -> str:
    """The code as shown in reasons: "C32.5"."""
    return p[0] if len(p) == 1 else p[0] + p[-1]
