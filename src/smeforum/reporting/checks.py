"""A check's record and how it is made from a published figure and its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from smeforum.forums.models import ReportedFigure
from smeforum.reporting import compare
from smeforum.reporting.figures import figure_scope, is_money, plain, readable


@dataclass
class Check:
    """One comparison. ``expected``: what the evidence says; ``found``: the published value;
    ``ratio`` = found / expected; ``tolerance``: relative, as applied; ``figures``: the ids of
    the published figures involved, the checked one first."""

    scope: str
    metric: str
    status: str
    expected: Decimal | None
    found: Decimal | None
    ratio: Decimal | None
    tolerance: Decimal | None
    note: str
    figures: list[int] = field(default_factory=list)
    check: str = ""  # "registry", "parts", "editions" or "conversion"
    currency: str = ""  # of expected and found, for amounts

    def as_dict(self) -> dict:
        money = is_money(self.metric)
        return {
            "scope": self.scope,
            "metric": self.metric,
            "status": self.status,
            "expected": plain(self.expected, money=money),
            "found": plain(self.found, money=money),
            "ratio": None if self.ratio is None else str(self.ratio),
            "note": self.note,
        }


def verdict_note(verdict: compare.Verdict, expected, found, currency: str) -> str:
    """What the status means for these numbers, as a sentence ("" when consistent)."""
    if verdict.status == compare.SLIP:
        factor = Decimal(10) ** abs(verdict.power)
        words = _("%(factor)s times") if verdict.power > 0 else _("1/%(factor)s of")
        return _(
            "The published figure is %(times)s the expected one: a decimal point or unit has "
            "slipped."
        ) % {"times": words % {"factor": f"{factor:,}"}}
    if verdict.status == compare.DIFFERENCE:
        return _("Difference (found − expected): %(diff)s.") % {
            "diff": readable(found - expected, currency)
        }
    return ""


def make_check(
    kind: str,
    figure: ReportedFigure,
    *,
    expected: Decimal | None,
    rule: compare.Rule | None,
    note: str,
    figures: list[int],
    found: Decimal | None = None,
    status: str | None = None,
) -> Check:
    """A check of ``figure`` (scope, metric and currency are its own): judged by ``rule``
    unless a ``status`` is given; no rule and no status: ``not_itemized``."""
    found = figure.value if found is None else found
    ratio = None
    if status is None and rule is not None:
        verdict = compare.judge(expected, found, rule)
        status, ratio = verdict.status, verdict.ratio
        said = verdict_note(verdict, expected, found, figure.currency)
        note = " ".join(part for part in (note, said) if part)
    status = status or compare.NOT_ITEMIZED
    return Check(
        scope=figure_scope(figure),
        metric=figure.metric,
        status=status,
        expected=expected,
        found=found,
        ratio=ratio,
        tolerance=rule.tolerance if rule is not None else None,
        note=note,
        figures=figures,
        check=kind,
        currency=figure.currency,
    )
