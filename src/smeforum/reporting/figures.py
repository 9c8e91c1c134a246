"""Published figures as a report reads them: which ones a scope holds, their labels and values."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import F
from django.utils.translation import gettext as _

from smeforum.forums.models import ForumSeries, ReportedFigure

CENT = Decimal("0.01")
MONEY_METRICS = frozenset({ReportedFigure.Metric.AMOUNT})
#: Metrics whose per-edition values add up to a cumulative one (countries do not: distinct).
ADDITIVE_METRICS = frozenset(
    {
        ReportedFigure.Metric.PARTICIPANTS,
        ReportedFigure.Metric.ATTENDEES,
        ReportedFigure.Metric.BUSINESS_PEOPLE,
        ReportedFigure.Metric.COUNT,
        ReportedFigure.Metric.AMOUNT,
        ReportedFigure.Metric.SISTER_CITIES,
    }
)


def edition_range(figure: ReportedFigure) -> tuple[int, int] | None:
    """(first, last) edition number, or ``None`` for the whole series."""
    if figure.first_edition_id is None:
        return None
    return figure.first_edition.number, figure.last_edition.number


def edition_numbers(figure: ReportedFigure) -> tuple[int, ...] | None:
    span = edition_range(figure)
    return None if span is None else tuple(range(span[0], span[1] + 1))


def scope_label(span: tuple[int, int] | None) -> str:
    """ "edition 4", "editions 1–4" or "all editions"."""
    if span is None:
        return _("all editions")
    first, last = span
    if first == last:
        return _("edition %(number)s") % {"number": first}
    return _("editions %(first)s–%(last)s") % {"first": first, "last": last}


def figure_scope(figure: ReportedFigure) -> str:
    return scope_label(edition_range(figure))


def published_figures(series: ForumSeries, editions: list[int] | None) -> list[ReportedFigure]:
    """The series' published figures whose edition range lies within ``editions``; with
    ``None``, all of them (whole-series statements included). Ordered by scope, metric, id."""
    figures = (
        ReportedFigure.objects.filter(series=series)
        .select_related(
            "series",
            "source",
            "first_edition",
            "last_edition",
            "session",
            "outcome_kind",
            "part_of",
            "conversion_of",
            "conversion_of__source",
        )
        .order_by(
            F("first_edition__number").asc(nulls_first=True),
            F("last_edition__number").asc(nulls_first=True),
            "metric",
            "id",
        )
    )
    if editions is None:
        return list(figures)
    wanted = set(editions)
    figures = figures.filter(first_edition__number__in=wanted, last_edition__number__in=wanted)
    return [f for f in figures if set(edition_numbers(f)) <= wanted]


def is_money(metric: str) -> bool:
    return metric in MONEY_METRICS


def plain(value: Decimal | int | None, *, money: bool) -> str | None:
    """A value as a string: money with 2 decimals, anything else without trailing zeros."""
    if value is None:
        return None
    value = Decimal(value)
    if money:
        return str(value.quantize(CENT))
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return f"{value.normalize():f}"


def readable(value: Decimal | int, currency: str = "") -> str:
    """A value for a sentence: 31,689,000,000 CNY; 4,544,563,872.97 USD; 58."""
    value = Decimal(value)
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return f"{text} {currency}".strip()


def kind_words(figure: ReportedFigure) -> str:
    """What a count or amount is of: "cooperation projects", or "outcomes"."""
    if figure.outcome_kind_id:
        return figure.outcome_kind.plural_name
    return _("outcomes")
