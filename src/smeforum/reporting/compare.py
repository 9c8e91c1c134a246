"""How a published figure is compared with what it should be: precision, qualifiers, slips.

``expected`` is what the evidence says (the registry's records, the published parts, the
published per-edition figures, the original amount converted at the ECB rate); ``found`` is the
value as published; ``ratio`` is ``found / expected``.

* **exact** statements are compared at the precision published: half a unit of the last
  published digit of each published figure involved (1,684,580,000,000 is "1684.58 billion", so
  ±5,000,000), never coarser than the third significant digit; counts must be equal.
* **approximate** statements, with tolerance ``a`` (``SMEFORUM_APPROXIMATE_TOLERANCE``, 0.10):
  "about N" holds for ``|expected − N| ≤ a·N``; "nearly N" for ``(1 − a)·N ≤ expected ≤ N``;
  "over N" for ``N ≤ expected ≤ (1 + a)·N``.
* a **slip** is a figure that holds once the evidence is multiplied by 10^k, k ≠ 0, |k| ≤ 4 (a
  misplaced decimal point or unit): the ratio is within the tolerance of a power of ten.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

CONSISTENT = "consistent"
DIFFERENCE = "difference"
SLIP = "slip"
NOT_ITEMIZED = "not_itemized"
STATUSES = (CONSISTENT, DIFFERENCE, SLIP, NOT_ITEMIZED)

EXACT = "exact"
ABOUT = "about"
NEARLY = "nearly"
OVER = "over"

RATIO_PLACES = Decimal("0.0001")
SLIP_POWERS = (1, -1, 2, -2, 3, -3, 4, -4)
MIN_SIGNIFICANT = 3  # a published figure is read with at least this many significant digits


def approximate_tolerance() -> Decimal:
    return Decimal(getattr(settings, "SMEFORUM_APPROXIMATE_TOLERANCE", Decimal("0.10")))


def conversion_tolerance() -> Decimal:
    return Decimal(getattr(settings, "SMEFORUM_CONVERSION_TOLERANCE", Decimal("0.01")))


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last published digit of ``value`` (trailing zeros are taken as
    rounding), reading at least three significant digits: 1684580000000 → 5000000."""
    value = Decimal(value)
    if not value:
        return Decimal(0)
    normal = value.normalize()
    exponent = min(normal.as_tuple().exponent, normal.adjusted() - (MIN_SIGNIFICANT - 1))
    return Decimal(5).scaleb(exponent - 1)


@dataclass(frozen=True)
class Rule:
    """How close ``expected`` must be to the published ``found``: a qualifier and a tolerance
    relative to the published value."""

    qualifier: str
    tolerance: Decimal

    def holds(self, expected: Decimal, found: Decimal) -> bool:
        a = self.tolerance
        if self.qualifier == ABOUT:
            return abs(expected - found) <= a * found
        if self.qualifier == NEARLY:
            return (1 - a) * found <= expected <= found
        if self.qualifier == OVER:
            return found <= expected <= (1 + a) * found
        return abs(found - expected) <= a * abs(found)


def exact_rule(found: Decimal, published: list[Decimal], *, whole: bool) -> Rule:
    """Exact comparison at the precision of the ``published`` figures involved (the checked
    one, ``found``, and those the evidence is made of): the sum of their half units, relative to
    ``found``. Counts (``whole``) must be equal."""
    if whole or not found:
        return Rule(EXACT, Decimal(0))
    slack = sum((half_unit(value) for value in published), Decimal(0))
    return Rule(EXACT, slack / abs(found))


def rule_for(
    qualifier: str,
    found: Decimal,
    published: list[Decimal],
    *,
    whole: bool,
    others_approximate: bool = False,
) -> Rule:
    """The qualifier of the checked figure decides; an exact figure checked against approximate
    ones is read as "about"."""
    if qualifier in {ABOUT, NEARLY, OVER}:
        return Rule(qualifier, approximate_tolerance())
    if others_approximate:
        return Rule(ABOUT, approximate_tolerance())
    return exact_rule(found, published, whole=whole)


@dataclass(frozen=True)
class Verdict:
    status: str
    ratio: Decimal | None
    power: int = 0  # k of a slip by 10^k


def judge(expected: Decimal | None, found: Decimal | None, rule: Rule) -> Verdict:
    """consistent, slip (by which power of ten) or difference; not_itemized without evidence."""
    if expected is None or found is None:
        return Verdict(NOT_ITEMIZED, None)
    if not expected:
        return Verdict(CONSISTENT if not found else DIFFERENCE, None)
    ratio = (found / expected).quantize(RATIO_PLACES)
    if rule.holds(expected, found):
        return Verdict(CONSISTENT, ratio)
    for power in SLIP_POWERS:
        if rule.holds(expected.scaleb(power), found):
            return Verdict(SLIP, ratio, power)
    return Verdict(DIFFERENCE, ratio)
