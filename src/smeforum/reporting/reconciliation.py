"""Do the published figures agree with the registry and with each other?

Four kinds of check, each a :class:`Check` (see ``compare`` for the statuses and tolerances):

a. **registry**: a published count, amount or sister-city figure of an edition, a range of
   editions or the whole series, against what the registry's records add up to for that scope
   (only the editions' own outcomes for a range; between-editions outcomes only for the whole
   series). No records for the scope: ``not_itemized``;
b. **parts**: the published sub-totals of a total (``part_of``) against the total; a total with a
   single published part is ``not_itemized`` unless the part exceeds it;
c. **editions**: a cumulative figure (editions first–last) against the sum of published figures
   of the same metric, outcome kind and currency whose scopes partition the range exactly, with
   as few pieces as possible (1–4 = 1–3 + 4);
d. **conversion**: a published conversion (``conversion_of``) against the original converted at
   the ECB rate of the conversion's publication date (the nearest date with data if that date
   has none, said in the note), within ``SMEFORUM_CONVERSION_TOLERANCE``.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from smeforum.forums.models import ReportedFigure
from smeforum.money.conversion import RateUnavailable
from smeforum.reporting import compare
from smeforum.reporting.checks import Check, make_check
from smeforum.reporting.counting import Scope, SisterCityTotals
from smeforum.reporting.figures import (
    edition_numbers,
    figure_scope,
    is_money,
    kind_words,
    readable,
)
from smeforum.reporting.partition import partition_checks
from smeforum.reporting.rates import ReportRates
from smeforum.reporting.registry import Registry

Metric = ReportedFigure.Metric
REGISTRY_METRICS = frozenset(
    {Metric.COUNT, Metric.AMOUNT, Metric.SISTER_CITIES, Metric.SISTER_CITY_COUNTRIES}
)


def _registry_amount(
    figure: ReportedFigure, sums: dict[str, Decimal], rates: ReportRates
) -> tuple[Decimal, str]:
    """The registry's amounts in the figure's currency, converting other currencies at the
    figure's publication date; and a note on the conversion."""
    on = _publication_date(figure)
    total, notes = Decimal(0), []
    for currency, amount in sorted(sums.items()):
        if currency == figure.currency:
            total += amount
            continue
        rate, nearest = rates.rate(currency, figure.currency, on)
        total += (amount * rate.rate).quantize(Decimal("0.01"))
        notes.append(_rate_words(rate, nearest))
    if not notes:
        return total, ""
    return total, _("Other currencies converted: %(rates)s.") % {"rates": "; ".join(notes)}


def registry_check(figure: ReportedFigure, registry: Registry, rates: ReportRates) -> Check | None:
    """(a) A published count, amount or sister-city figure against the registry."""
    if figure.metric not in REGISTRY_METRICS or figure.part_en:
        return None
    scope = Scope(figure.series, edition_numbers(figure), figure.session_id)
    ids = [figure.id]
    if figure.metric in {Metric.SISTER_CITIES, Metric.SISTER_CITY_COUNTRIES}:
        links: SisterCityTotals = registry.sister_cities(scope)
        if not links.links:
            return make_check(
                "registry", figure, expected=None, rule=None, figures=ids,
                note=_("The registry holds no sister-city relationships for this scope."),
            )  # fmt: skip
        signed = links.count if figure.metric == Metric.SISTER_CITIES else links.countries
        expected = Decimal(signed)
        rule = compare.rule_for(figure.qualifier, figure.value, [figure.value], whole=True)
        note = _("Registry: sister-city agreements signed, from the records.")
        return make_check("registry", figure, expected=expected, rule=rule, note=note, figures=ids)
    counts, amounts = registry.kinds(scope)
    kinds = [figure.outcome_kind_id] if figure.outcome_kind_id else list(counts)
    count = sum(counts.get(kind, 0) for kind in kinds)
    words = kind_words(figure)
    if not count:
        return make_check(
            "registry", figure, expected=None, rule=None, figures=ids,
            note=_("The registry holds no records of %(what)s for this scope.") % {"what": words},
        )  # fmt: skip
    if figure.metric == Metric.COUNT:
        expected = Decimal(count)
        rule = compare.rule_for(figure.qualifier, figure.value, [figure.value], whole=True)
        note = _("Registry: %(what)s counted from the records.") % {"what": words}
        return make_check("registry", figure, expected=expected, rule=rule, note=note, figures=ids)
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for kind in kinds:
        for currency, amount in amounts.get(kind, {}).items():
            sums[currency] += amount
    if not sums:
        return make_check(
            "registry", figure, expected=None, rule=None, figures=ids,
            note=_("The registry holds no %(amount_kind)s amounts of %(what)s for this scope.")
            % {"amount_kind": registry.amount_kind, "what": words},
        )  # fmt: skip
    try:
        expected, conversion_note = _registry_amount(figure, sums, rates)
    except RateUnavailable as error:
        return make_check(
            "registry", figure, expected=None, rule=None, figures=ids, note=str(error)
        )
    rule = compare.rule_for(figure.qualifier, figure.value, [figure.value], whole=False)
    if conversion_note and rule.qualifier == compare.EXACT:
        rule = compare.Rule(compare.EXACT, max(rule.tolerance, compare.conversion_tolerance()))
    note = _("Registry: %(amount_kind)s amounts of %(what)s, from the records.") % {
        "amount_kind": registry.amount_kind,
        "what": words,
    }
    note = " ".join(p for p in (note, conversion_note) if p)
    return make_check("registry", figure, expected=expected, rule=rule, note=note, figures=ids)


def parts_check(total: ReportedFigure, parts: list[ReportedFigure]) -> Check | None:
    """(b) The published sub-totals of a total against it."""
    if any(part.currency != total.currency for part in parts):
        return None
    whole = not is_money(total.metric)
    expected = sum((part.value for part in parts), Decimal(0))
    listing = " + ".join(
        f"{part.part or part.id} ({readable(part.value, part.currency)})" for part in parts
    )
    ids = [total.id, *(part.id for part in parts)]
    rule = compare.rule_for(
        total.qualifier,
        total.value,
        [total.value, *(part.value for part in parts)],
        whole=whole,
        others_approximate=any(p.qualifier != compare.EXACT for p in parts),
    )
    if len(parts) == 1 and expected <= total.value:
        return make_check(
            "parts", total, expected=expected, rule=rule, figures=ids,
            status=compare.NOT_ITEMIZED,
            note=_("Only one part is published: %(parts)s; the rest of the total is not "
                   "itemized.") % {"parts": listing},
        )  # fmt: skip
    note = _("Sum of the published parts: %(parts)s.") % {"parts": listing}
    return make_check("parts", total, expected=expected, rule=rule, note=note, figures=ids)


def _publication_date(figure: ReportedFigure):
    if figure.source.published_on:
        return figure.source.published_on
    if figure.last_edition_id:
        return figure.last_edition.end_date
    raise RateUnavailable(
        _("%(figure)s: its source has no publication date to convert at.") % {"figure": figure}
    )


def _rate_words(rate, nearest: bool) -> str:
    words = _("%(base)s→%(quote)s %(rate)s of %(date)s (%(source)s)") % {
        "base": rate.base,
        "quote": rate.quote,
        "rate": f"{rate.rate:.6g}",
        "date": rate.on.isoformat(),
        "source": rate.source,
    }
    if nearest:
        words += " " + _("(no rate on %(requested)s: the nearest date with data)") % {
            "requested": rate.requested_on.isoformat()
        }
    return words


def conversion_check(figure: ReportedFigure, rates: ReportRates) -> Check | None:
    """(d) A published conversion against the original converted at the ECB rate of the
    conversion's publication date."""
    original = figure.conversion_of
    if original is None or not original.currency or not figure.currency:
        return None
    ids = [figure.id, original.id]
    try:
        rate, nearest = rates.rate(original.currency, figure.currency, _publication_date(figure))
    except RateUnavailable as error:
        return make_check(
            "conversion", figure, expected=None, rule=None, figures=ids, note=str(error)
        )
    expected = (original.value * rate.rate).quantize(Decimal("0.01"))
    slack = compare.half_unit(figure.value) + compare.half_unit(original.value) * rate.rate
    precision = slack / figure.value if figure.value else Decimal(0)
    rule = compare.Rule(compare.EXACT, max(compare.conversion_tolerance(), precision))
    note = _("%(original)s (%(scope)s) at %(rate)s = %(expected)s; published: %(found)s.") % {
        "original": readable(original.value, original.currency),
        "scope": figure_scope(original),
        "rate": _rate_words(rate, nearest),
        "expected": readable(expected, figure.currency),
        "found": readable(figure.value, figure.currency),
    }
    return make_check("conversion", figure, expected=expected, rule=rule, note=note, figures=ids)


def reconcile(
    figures: list[ReportedFigure], *, registry: Registry, rates: ReportRates
) -> list[Check]:
    """Every check on ``figures`` (the published figures in a report's scope), grouped by kind
    of check (registry, parts, editions, conversion), each group in the figures' order."""
    checks = [c for f in figures if (c := registry_check(f, registry, rates)) is not None]
    parts: dict[int, list[ReportedFigure]] = defaultdict(list)
    for figure in figures:
        if figure.part_of_id:
            parts[figure.part_of_id].append(figure)
    for figure in figures:
        if figure.id in parts and (check := parts_check(figure, parts[figure.id])) is not None:
            checks.append(check)
    checks += partition_checks(figures)
    checks += [c for f in figures if (c := conversion_check(f, rates)) is not None]
    return checks


__all__ = ["Check", "reconcile"]
