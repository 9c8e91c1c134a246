"""A report as tables (summary, counted, sister cities, B2B results, reported, reconciliation,
rates), the
common ground of the Markdown, CSV and Excel formats. Values stay typed (int, Decimal, date,
str, None) until a format writes them; titles and column labels are translated, keys are not."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from smeforum.reporting.b2b import B2B_CURRENCIES
from smeforum.reporting.compare import STATUSES
from smeforum.reporting.figures import edition_range, figure_scope, is_money
from smeforum.reporting.report import Report

TEXT, INT, MONEY, NUMBER, RATIO = "text", "int", "money", "number", "ratio"


def status_label(status: str) -> str:
    labels = {
        "consistent": _("consistent"),
        "difference": _("difference"),
        "slip": _("slip"),
        "not_itemized": _("not itemized"),
    }
    return labels.get(status, status) if status in STATUSES else status


@dataclass(frozen=True)
class Column:
    key: str  # stable, for CSV headers and code
    label: str  # translated, for people
    type: str = TEXT


@dataclass
class Table:
    key: str  # also the Excel sheet name and the CSV ``section``
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)


def _editions_text(report: Report) -> str:
    if report.editions is None:
        return _("all editions, and outcomes between editions")
    return ", ".join(str(number) for number in report.editions)


def summary_table(report: Report) -> Table:
    t = report.tolerances
    rows = [
        ["series", _("series"), report.series.slug],
        ["series_name", _("series name"), report.series.name_en],
        ["editions", _("editions"), _editions_text(report)],
        ["currency", _("currency"), report.currency],
        [
            "rate_date",
            _("rate date"),
            report.rate_date.isoformat() if report.rate_date else _("each outcome's signing date"),
        ],
        ["nearest_rate", _("nearest rate allowed"), _("yes") if report.nearest_rate else _("no")],
        ["amount_kind", _("kind of amount"), report.amount_kind],
        ["approximate_tolerance", _("tolerance of approximate figures"), str(t.approximate)],
        ["conversion_tolerance", _("tolerance of conversions"), str(t.conversion)],
        ["cancelled", _("cancelled outcomes"), _("not counted")],
    ]
    columns = [Column("key", _("key")), Column("item", _("item")), Column("value", _("value"))]
    return Table("summary", _("Report"), columns, rows)


def counted_table(report: Report) -> Table:
    currencies = sorted({code for total in report.counted.values() for code in total.amount})
    columns = [
        Column("kind", _("kind")),
        Column("name", _("name")),
        Column("count", _("count"), INT),
        *(
            Column(f"amount_{code}", _("amount (%(c)s)") % {"c": code}, MONEY)
            for code in currencies
        ),
        Column(
            f"converted_{report.currency}",
            _("converted (%(c)s)") % {"c": report.currency},
            MONEY,
        ),
    ]
    table = Table("counted", _("Counted from the registry"), columns)
    for total in report.counted.values():
        amounts = [total.amount.get(code) for code in currencies]
        name = total.kind.plural_name
        table.rows.append([total.slug, name, total.count, *amounts, total.converted])
    if report.counted:
        sums = [
            sum((t.amount.get(code, Decimal(0)) for t in report.counted.values()), Decimal(0))
            for code in currencies
        ]
        count = sum(total.count for total in report.counted.values())
        table.rows.append(["total", _("total"), count, *sums, report.converted_total])
    return table


def sister_cities_table(report: Report) -> Table:
    columns = [
        Column("count", _("agreements signed"), INT),
        Column("cities", _("foreign cities"), INT),
        Column("countries", _("countries"), INT),
        Column("intents", _("intents and letters of intent"), INT),
    ]
    totals = report.sister_cities
    rows = [[totals.count, totals.cities, totals.countries, totals.intents]]
    return Table("sister_cities", _("Sister cities (counted)"), columns, rows)


def _ids(ids: list[int]) -> str:
    return " ".join(str(pk) for pk in ids)


def b2b_table(report: Report) -> Table:
    """Per edition with a B2B session: meetings held, rated "cooperation possible", that led to
    an outcome, those outcomes and their investment (CNY, USD); the ids of the traced meetings
    and of the outcomes (JSON also lists the meetings held and rated)."""
    currencies = sorted({code for results in report.b2b for code in results.amount})
    columns = [
        Column("edition", _("edition"), INT),
        Column("meetings_held", _("meetings held"), INT),
        Column("cooperation_possible", _("rated “cooperation possible”"), INT),
        Column("led_to_outcome", _("meetings that led to an outcome"), INT),
        Column("outcomes", _("outcomes from meetings"), INT),
        *(
            Column(f"amount_{code}", _("amount (%(c)s)") % {"c": code}, MONEY)
            for code in currencies
        ),
        *(
            Column(f"investment_{code}", _("investment (%(c)s)") % {"c": code}, MONEY)
            for code in B2B_CURRENCIES
        ),
        Column("meeting_ids", _("ids of the meetings that led to an outcome")),
        Column("outcome_ids", _("ids of the outcomes")),
    ]
    table = Table("b2b", _("B2B matchmaking results (counted)"), columns)
    for results in report.b2b:
        table.rows.append(
            [
                results.number,
                len(results.held),
                len(results.cooperation),
                len(results.traced),
                len(results.outcomes),
                *(results.amount.get(code) for code in currencies),
                *(results.investment[code] for code in B2B_CURRENCIES),
                _ids(results.traced),
                _ids(results.outcomes),
            ]
        )
    return table


def reported_table(report: Report) -> Table:
    columns = [
        Column("scope", _("scope")),
        Column("first", _("first edition"), INT),
        Column("last", _("last edition"), INT),
        Column("metric", _("metric")),
        Column("kind", _("kind")),
        Column("qualifier", _("qualifier")),
        Column("value", _("value"), NUMBER),
        Column("currency", _("currency")),
        Column("converted_from", _("converted from")),
        Column("part", _("part")),
        Column("publisher", _("publisher")),
        Column("published_on", _("published on")),
        Column("url", _("URL")),
    ]
    table = Table("reported", _("Reported figures (as published)"), columns)
    for figure in report.reported:
        first, last = edition_range(figure) or (None, None)
        source = figure.source
        table.rows.append(
            [
                figure_scope(figure),
                first,
                last,
                figure.metric,
                figure.outcome_kind.slug if figure.outcome_kind_id else "",
                figure.qualifier,
                figure.value.quantize(Decimal("0.01")) if is_money(figure.metric) else figure.value,
                figure.currency,
                figure.converted_from,
                figure.part,
                source.publisher,
                source.published_on.isoformat() if source.published_on else "",
                source.url,
            ]
        )
    return table


def reconciliation_table(report: Report) -> Table:
    columns = [
        Column("check", _("check")),
        Column("scope", _("scope")),
        Column("metric", _("metric")),
        Column("status", _("status")),
        Column("expected", _("expected"), NUMBER),
        Column("found", _("found (published)"), NUMBER),
        Column("ratio", _("ratio"), RATIO),
        Column("tolerance", _("tolerance"), RATIO),
        Column("currency", _("currency")),
        Column("note", _("note")),
    ]
    table = Table("reconciliation", _("Reconciliation"), columns)
    for check in report.checks:
        table.rows.append(
            [
                check.check,
                check.scope,
                check.metric,
                check.status,
                check.expected,
                check.found,
                check.ratio,
                None if check.tolerance is None else check.tolerance.quantize(Decimal("1e-6")),
                check.currency,
                check.note,
            ]
        )
    return table


def rates_table(report: Report) -> Table:
    columns = [
        Column("currency", _("currency")),
        Column("to", _("to")),
        Column("date", _("date")),
        Column("requested_date", _("requested date")),
        Column("rate", _("rate"), RATIO),
        Column("source", _("source")),
    ]
    rows = [
        [r.base, r.quote, r.on.isoformat(), r.requested_on.isoformat(), r.rate, r.source]
        for r in report.rates
    ]
    return Table("rates", _("Exchange rates used"), columns, rows)


def report_tables(report: Report) -> list[Table]:
    return [
        summary_table(report),
        counted_table(report),
        sister_cities_table(report),
        b2b_table(report),
        reported_table(report),
        reconciliation_table(report),
        rates_table(report),
    ]
