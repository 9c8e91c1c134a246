"""Which side of the China–CEEC cooperation a country is on."""

from __future__ import annotations

CHINA = frozenset({"CN", "HK", "MO"})
# Central and Eastern European countries that took part in the China–CEEC mechanism at any
# time (geography matters here, not current membership).
CEE = frozenset(
    {
        "AL",
        "BA",
        "BG",
        "CZ",
        "EE",
        "GR",
        "HR",
        "HU",
        "LT",
        "LV",
        "ME",
        "MK",
        "PL",
        "RO",
        "RS",
        "SI",
        "SK",
    }
)
CN, CEEC, OTHER = 0, 1, 2


def region(country: str) -> int:
    if country in CHINA:
        return CN
    return CEEC if country in CEE else OTHER


# value of a pair of countries: China <-> CEE first, other foreign pairs, then same side
CROSS_CHINA_CEE = 1.0
CROSS_OTHER = 0.4
SAME_SIDE = 0.2
SAME_COUNTRY = 0.0


def cross_value(a: str, b: str) -> float:
    if a == b:
        return SAME_COUNTRY
    ra, rb = region(a), region(b)
    if {ra, rb} == {CN, CEEC}:
        return CROSS_CHINA_CEE
    if ra == rb and ra != OTHER:
        return SAME_SIDE
    return CROSS_OTHER
