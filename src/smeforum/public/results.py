"""Results pages: the dashboard of a series or an edition (counted headline figures, published
figures with their sources, charts, the sister-city map, the reconciliation table and the rates
used), its fact sheet as HTML and PDF, and downloads of the outcome records.

Counted figures come from the registry and say how many records they are counted from;
published figures are shown as published, with their sources; the two are never mixed.
Every query is an aggregate or a fixed set of lookups: the number of queries does not grow
with the number of outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, translate_url
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from smeforum.forums import queries as forum_queries
from smeforum.forums.models import Edition, ForumSeries, ReportedFigure
from smeforum.money.conversion import IDENTITY_SOURCE, RateUnavailable
from smeforum.outcomes.exports import (
    EXPORT_FORMATS,
    outcome_rows,
    rows_to_csv,
    rows_to_json,
    rows_to_xlsx,
)
from smeforum.public.charts import Bar, bar_chart, nice_ticks
from smeforum.public.worldmap import MapCity, MapLink, MapText, render_link_map
from smeforum.reference.countries import country_name
from smeforum.reporting.breakdowns import Breakdowns, Row, build_breakdowns
from smeforum.reporting.factsheet import build_factsheet, sample_counts
from smeforum.reporting.factsheet_pdf import render_factsheet_pdf
from smeforum.reporting.figures import readable
from smeforum.reporting.numbers_zh import format_en_amount, format_zh_amount, zh_number
from smeforum.reporting.report import Report, build_report

CURRENCIES = ("USD", "CNY", "EUR")
DEFAULT_CURRENCY = "USD"
STATUS_CLASSES = ("consistent", "difference", "slip", "not_itemized")


class BadCurrency(Exception):  # noqa: N818 - a request error, not a program error
    pass


def _is_zh() -> bool:
    return (get_language() or "").startswith("zh")


def _currency(request: HttpRequest) -> str:
    value = request.GET.get("currency", DEFAULT_CURRENCY)
    code = value.strip().upper() or DEFAULT_CURRENCY
    if code not in CURRENCIES:
        raise BadCurrency(value)
    return code


def _bad_currency(request: HttpRequest, value: str, series: ForumSeries) -> HttpResponse:
    message = _("Unknown currency “%(currency)s”. Amounts can be shown in %(choices)s.") % {
        "currency": value[:20],
        "choices": ", ".join(CURRENCIES),
    }
    return render(
        request,
        "public/results/bad_request.html",
        {"message": message, "series": series},
        status=400,
    )


def _series(slug: str) -> ForumSeries:
    return get_object_or_404(forum_queries.all_series(), slug=slug)


def _published_edition(series: ForumSeries, number: int) -> Edition:
    return get_object_or_404(
        Edition.objects.select_related("series"), series=series, number=number, is_published=True
    )


def _series_scope(series: ForumSeries) -> tuple[list[int] | None, bool]:
    """The editions a public series dashboard counts: all of them and the outcomes between
    editions (``None``) when every edition is published, else the published ones; and
    whether that is everything."""
    editions = list(series.editions.values_list("number", "is_published"))
    published = sorted(number for number, is_published in editions if is_published)
    if len(published) == len(editions):
        return None, True
    return published, False


@dataclass
class Built:
    report: Report
    nearest: bool  # whether the nearest available rate stood in for a missing one


def _report(series: ForumSeries, editions: list[int] | None, currency: str) -> Built:
    try:
        return Built(build_report(series, editions=editions, currency=currency), False)
    except RateUnavailable:
        report = build_report(series, editions=editions, currency=currency, nearest_rate=True)
        return Built(report, True)


# --- number formats ---------------------------------------------------------------------------


def _unit(top: Decimal) -> tuple[Decimal, str]:
    """The unit an axis reads in, from its largest tick."""
    if _is_zh():
        if top >= Decimal(10) ** 8:
            return Decimal(10) ** 8, "亿"
        if top >= Decimal(10) ** 4:
            return Decimal(10) ** 4, "万"
        return Decimal(1), ""
    for power, suffix in ((9, " bn"), (6, " m"), (3, " k")):
        if top >= Decimal(10) ** power:
            return Decimal(10) ** power, suffix
    return Decimal(1), ""


def _trim(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _short_amount(value: Decimal) -> str:
    """A chart's value label: “197.44 m” / “1.97亿”."""
    if _is_zh():
        return zh_number(value)
    unit, suffix = _unit(value)
    return f"{_trim(value / unit)}{suffix}" if unit > 1 else f"{value:,.0f}"


def _tick_format(ticks_top: Decimal):
    unit, suffix = _unit(ticks_top)

    def tick(value: Decimal) -> str:
        if value == 0:
            return "0"
        if unit == 1:
            return f"{value:,.0f}" if not _is_zh() else _trim(value)
        return f"{_trim(value / unit)}{suffix}"

    return tick


def _count_format(value: Decimal) -> str:
    return _trim(value)


def money_text(value: Decimal, currency: str) -> str:
    """An amount in a sentence of the active language: “538.9 million US dollars” /
    “5.39亿美元”."""
    if _is_zh():
        return format_zh_amount(value, currency)
    return format_en_amount(value, currency)


def _currency_name(currency: str) -> str:
    names = {"USD": _("US dollars"), "CNY": _("yuan (CNY)"), "EUR": _("euros")}
    return names.get(currency, currency)


# --- charts -----------------------------------------------------------------------------------


def _outcomes_note(count: int) -> str:
    return ngettext("%(n)s outcome", "%(n)s outcomes", count) % {"n": count}


def _chart(rows: list[Row], *, title: str, key: str, currency: str, by_amount: bool) -> dict:
    """A chart's markup and its data table rows."""
    if by_amount:
        bars = [
            Bar(
                label=row.label,
                value=row.amount,
                value_label=_short_amount(row.amount) if row.amount else "",
                note=_outcomes_note(row.count)
                if row.amount
                else _("%(outcomes)s, no amount") % {"outcomes": _outcomes_note(row.count)},
                tooltip=f"{row.label}: {money_text(row.amount, currency)}, "
                f"{_outcomes_note(row.count)}",
            )
            for row in rows
        ]
        unit = _("amount in %(currency)s") % {"currency": _currency_name(currency)}
    else:
        bars = [
            Bar(label=row.label, value=Decimal(row.count), value_label=str(row.count))
            for row in rows
        ]
        unit = _("number of outcomes")
    desc = "; ".join(
        f"{row.label}: {money_text(row.amount, currency) + ', ' if by_amount else ''}"
        f"{_outcomes_note(row.count)}"
        for row in rows
    )
    top = nice_ticks(max((bar.value for bar in bars), default=Decimal(0)))[-1]
    svg = bar_chart(
        bars,
        title=f"{title} ({unit})",
        desc=desc or _("No records yet."),
        empty_text=_("No records yet."),
        tick_format=_tick_format(top) if by_amount else _count_format,
        id_prefix=f"chart-{key}",
    )
    table = [
        {
            "label": row.label,
            "count": row.count,
            "amount": money_text(row.amount, currency) if row.amount else "—",
            "amounts": ", ".join(readable(v, c) for c, v in sorted(row.amounts.items())) or "—",
            "unconverted": ", ".join(readable(v, c) for c, v in sorted(row.unconverted.items())),
        }
        for row in rows
    ]
    return {"key": key, "title": title, "svg": svg, "table": table}


def _charts(breakdowns: Breakdowns, currency: str, *, with_editions: bool) -> list[dict]:
    by_amount = breakdowns.has_amounts
    if by_amount:
        titles = [
            ("edition", _("Investment by edition")),
            ("field", _("Investment by field of cooperation")),
            ("country", _("Investment by country of the foreign party")),
        ]
    else:
        titles = [
            ("edition", _("Outcomes by edition")),
            ("field", _("Outcomes by field of cooperation")),
            ("country", _("Outcomes by country of the foreign party")),
        ]
    rows = {
        "edition": breakdowns.by_edition,
        "field": breakdowns.by_field,
        "country": breakdowns.by_country,
    }
    return [
        _chart(rows[key], title=title, key=key, currency=currency, by_amount=by_amount)
        for key, title in titles
        if with_editions or key != "edition"
    ]


# --- map --------------------------------------------------------------------------------------


def _link_title(link) -> str:
    when = f", {link.on.isoformat()}" if link.on else ""
    return (
        f"{link.chinese.label} – {link.foreign.label} ({country_name(link.foreign.country)}): "
        f"{link.stage_label}{when}"
    )


def _map(breakdowns: Breakdowns) -> dict:
    def city(point) -> MapCity:
        return MapCity(
            key=str(point.id),
            name=point.label,
            country=point.country,
            lon=float(point.longitude),
            lat=float(point.latitude),
        )

    located = [link for link in breakdowns.links if link.located]
    links = [
        MapLink(chinese=city(link.chinese), foreign=city(link.foreign), stage=link.stage,
                title=_link_title(link))
        for link in located
    ]  # fmt: skip
    text = MapText(
        title=_("Sister-city links between Chinese and foreign cities"),
        desc="; ".join(link.title for link in links) or _("No sister-city links recorded."),
        legend={
            "signed": _("agreement signed"),
            "letter_of_intent": _("letter of intent"),
            "intent": _("intent"),
        },
        chinese_city=_("Chinese city or province"),
        foreign_city=_("foreign city or region"),
        empty=_("No sister-city links recorded for this scope."),
    )
    rows = [
        {
            "title": _link_title(link),
            "chinese": link.chinese.label,
            "foreign": link.foreign.label,
            "country": country_name(link.foreign.country),
            "stage": link.stage,
            "stage_label": link.stage_label,
            "on": link.on,
            "located": link.located,
        }
        for link in breakdowns.links
    ]
    return {"svg": render_link_map(links, text, id_prefix="sister-map"), "rows": rows}


# --- headline, reconciliation, rates ----------------------------------------------------------


def _headline(report: Report) -> dict:
    headline = report.headline()
    kinds = [
        {
            "name": total.kind.plural_name,
            "count": total.count,
            "amounts": ", ".join(readable(v, c) for c, v in total.amount.items()) or "—",
            "converted": money_text(total.converted, report.currency) if total.converted else "—",
            "undated": ", ".join(readable(v, c) for c, v in total.undated.items()),
        }
        for total in report.counted.values()
    ]
    return {
        "headline": headline,
        "investment": money_text(headline.investment, report.currency),
        "kinds": kinds,
        "sister": report.sister_cities,
    }


def _b2b(report: Report) -> list[dict]:
    """Per edition with a B2B session: its matchmaking results, the investment in CNY and USD."""
    return [
        {
            "edition": results.number,
            "held": len(results.held),
            "cooperation": len(results.cooperation),
            "traced": len(results.traced),
            "outcomes": len(results.outcomes),
            "cny": money_text(results.investment["CNY"], "CNY") if results.outcomes else "—",
            "usd": money_text(results.investment["USD"], "USD") if results.outcomes else "—",
            "amounts": ", ".join(readable(v, c) for c, v in results.amount.items()),
            "undated": ", ".join(readable(v, c) for c, v in results.undated.items()),
        }
        for results in report.b2b
    ]


def _check_label(check, figures: dict[int, ReportedFigure], metrics: dict) -> str:
    """What a check is about: the checked figure's label (“amount of cooperation projects”),
    with its part of a total or its session when it has one."""
    figure = figures.get(check.figures[0]) if check.figures else None
    if figure is None:
        return str(metrics.get(check.metric, check.metric))
    label = figure.metric_label
    if figure.session_id:
        label = f"{label} · {figure.session.title}"
    if figure.part:
        label = f"{label} · {figure.part}"
    return label


def _reconciliation(report: Report) -> list[dict]:
    metrics = dict(ReportedFigure.Metric.choices)
    figures = {figure.pk: figure for figure in report.reported}
    labels = {
        "consistent": _("consistent"),
        "difference": _("difference"),
        "slip": _("slip"),
        "not_itemized": _("not itemized"),
    }
    return [
        {
            "scope": check.scope,
            "metric": _check_label(check, figures, metrics),
            "status": check.status if check.status in STATUS_CLASSES else "not_itemized",
            "status_label": labels.get(check.status, check.status),
            "expected": "—" if check.expected is None else readable(check.expected, check.currency),
            "found": "—" if check.found is None else readable(check.found, check.currency),
            "ratio": "—" if check.ratio is None else str(check.ratio),
            "note": check.note,
        }
        for check in report.checks
    ]


def _rates(report: Report, breakdowns: Breakdowns) -> list[dict]:
    seen = {}
    for rate in [*report.rates, *breakdowns.rates]:
        if rate.source == IDENTITY_SOURCE:
            continue
        seen.setdefault((rate.base, rate.quote, rate.on, rate.requested_on), rate)
    return [
        {
            "pair": f"1 {rate.base} = {rate.rate:.6g} {rate.quote}",
            "on": rate.on,
            "requested_on": rate.requested_on if rate.requested_on != rate.on else None,
            "source": rate.source,
        }
        for _key, rate in sorted(seen.items(), key=lambda item: item[0])
    ]


# --- pages ------------------------------------------------------------------------------------


def _links(series: ForumSeries, edition: Edition | None, currency: str, exports: bool) -> dict:
    args = [series.slug] if edition is None else [series.slug, edition.number]
    suffix = "series_" if edition is None else "edition_"
    query = f"?currency={currency}"
    pdf = reverse(f"public:{suffix}factsheet_pdf", args=args) + query
    links = {
        "results": reverse(f"public:{suffix}results", args=args),
        "factsheet": reverse(f"public:{suffix}factsheet", args=args) + query,
        "pdf_en": translate_url(pdf, "en"),
        "pdf_zh": translate_url(pdf, "zh-hans"),
        "exports": [],
    }
    if exports:
        links["exports"] = [
            (fmt.upper(), reverse(f"public:{suffix}outcomes_download", args=[*args, fmt]))
            for fmt in EXPORT_FORMATS
        ]
    return links


def _dashboard(
    request: HttpRequest,
    series: ForumSeries,
    edition: Edition | None,
    editions: list[int] | None,
    complete: bool,
) -> HttpResponse:
    try:
        currency = _currency(request)
    except BadCurrency as error:
        return _bad_currency(request, str(error), series)
    built = _report(series, editions, currency)
    report = built.report
    breakdowns = build_breakdowns(
        series, editions=editions, currency=currency, nearest=built.nearest
    )
    covering = forum_queries.covering_figures(edition) if edition is not None else []
    context = {
        "series": series,
        "edition": edition,
        "currency": currency,
        "currencies": CURRENCIES,
        "complete": complete,
        "nearest": built.nearest,
        "problems": breakdowns.problems,
        "reported": report.reported,
        "covering": covering,
        "charts": _charts(breakdowns, currency, with_editions=edition is None),
        "map": _map(breakdowns),
        "checks": _reconciliation(report),
        "b2b": _b2b(report),
        "rates": _rates(report, breakdowns),
        "links": _links(series, edition, currency, exports=edition is not None or complete),
        "samples": sum(sample_counts(report).values()) if report.counted else 0,
        **_headline(report),
    }
    return render(request, "public/results/dashboard.html", context)


def series_results(request: HttpRequest, series: str) -> HttpResponse:
    series_obj = _series(series)
    editions, complete = _series_scope(series_obj)
    return _dashboard(request, series_obj, None, editions, complete)


def edition_results(request: HttpRequest, series: str, number: int) -> HttpResponse:
    series_obj = _series(series)
    edition = _published_edition(series_obj, number)
    return _dashboard(request, series_obj, edition, [edition.number], True)


def _factsheet_scope(series: str, number: int | None):
    series_obj = _series(series)
    if number is None:
        editions, complete = _series_scope(series_obj)
        return series_obj, None, editions, complete
    edition = _published_edition(series_obj, number)
    return series_obj, edition, [edition.number], True


def _factsheet_page(request: HttpRequest, series: str, number: int | None) -> HttpResponse:
    series_obj, edition, editions, complete = _factsheet_scope(series, number)
    try:
        currency = _currency(request)
    except BadCurrency as error:
        return _bad_currency(request, str(error), series_obj)
    built = _report(series_obj, editions, currency)
    sheet = build_factsheet(built.report)
    lang = "zh-hans" if _is_zh() else "en"
    context = {
        "series": series_obj,
        "edition": edition,
        "sheet": sheet,
        "lang": lang,
        "counted": [(s.text(lang), s.provenance) for s in sheet.counted],
        "reported": [(s.text(lang), s.provenance) for s in sheet.reported],
        "rates": [line.text(lang) for line in sheet.rates],
        "notes": sheet.notes(lang),
        "title": sheet.title(lang),
        "scope": sheet.scope(lang),
        "currency": currency,
        "currencies": CURRENCIES,
        "nearest": built.nearest,
        "complete": complete,
        "links": _links(series_obj, edition, currency, exports=False),
    }
    return render(request, "public/results/factsheet.html", context)


def _factsheet_pdf(request: HttpRequest, series: str, number: int | None) -> HttpResponse:
    series_obj, edition, editions, _complete = _factsheet_scope(series, number)
    try:
        currency = _currency(request)
    except BadCurrency as error:
        return _bad_currency(request, str(error), series_obj)
    sheet = build_factsheet(_report(series_obj, editions, currency).report)
    lang = "zh-hans" if _is_zh() else "en"
    response = HttpResponse(render_factsheet_pdf(sheet, lang), content_type="application/pdf")
    name = series_obj.slug + ("" if edition is None else f"-edition-{edition.number}")
    response["Content-Disposition"] = f'attachment; filename="{name}-factsheet-{lang}.pdf"'
    return response


def series_factsheet(request: HttpRequest, series: str) -> HttpResponse:
    return _factsheet_page(request, series, None)


def edition_factsheet(request: HttpRequest, series: str, number: int) -> HttpResponse:
    return _factsheet_page(request, series, number)


def series_factsheet_pdf(request: HttpRequest, series: str) -> HttpResponse:
    return _factsheet_pdf(request, series, None)


def edition_factsheet_pdf(request: HttpRequest, series: str, number: int) -> HttpResponse:
    return _factsheet_pdf(request, series, number)


# --- outcome downloads ------------------------------------------------------------------------

_WRITERS = {
    "csv": (rows_to_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        rows_to_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "json": (rows_to_json, "application/json"),
}


def _download(series_obj: ForumSeries, span: tuple[int, int] | None, name: str, fmt: str):
    if fmt not in _WRITERS or fmt not in EXPORT_FORMATS:
        raise Http404(_("No such download format."))
    writer, content_type = _WRITERS[fmt]
    response = HttpResponse(writer(outcome_rows(series_obj, editions=span)), content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}-outcomes.{fmt}"'
    return response


def series_outcomes_download(request: HttpRequest, series: str, fmt: str) -> HttpResponse:
    series_obj = _series(series)
    _editions, complete = _series_scope(series_obj)
    if not complete:
        raise Http404(_("Outcomes are downloadable per published edition of this series."))
    return _download(series_obj, None, series_obj.slug, fmt)


def edition_outcomes_download(
    request: HttpRequest, series: str, number: int, fmt: str
) -> HttpResponse:
    series_obj = _series(series)
    edition = _published_edition(series_obj, number)
    span = (edition.number, edition.number)
    return _download(series_obj, span, f"{series_obj.slug}-edition-{edition.number}", fmt)
