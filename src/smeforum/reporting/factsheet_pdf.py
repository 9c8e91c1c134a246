"""Fact sheets and reports as PDF, with fpdf2 and the fonts shipped in ``reference/fonts/``.

Latin text is set in DejaVu Sans; Chinese characters fall back to Droid Sans Fallback (from
Debian's ``fonts-droid-fallback``, Apache-2.0), so a sentence mixing both renders without
missing glyphs. fpdf2 embeds only the glyphs used (subsetting) and writes a ToUnicode map, so
the PDFs stay small and their text can be searched and copied.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import translation
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from smeforum.forums.models import ReportedFigure
from smeforum.reference.pdf import LATIN, ShippedFontsPDF
from smeforum.reporting.factsheet import FactSheet, report_scope, scope_words
from smeforum.reporting.figures import edition_range, readable
from smeforum.reporting.numbers_zh import format_en_amount, format_zh_amount
from smeforum.reporting.report import Report

INK = (29, 39, 51)
MUTED = (91, 103, 117)
ACCENT = (164, 22, 26)
LINE = (217, 222, 228)
HEAD_BG = (238, 241, 244)

LABELS = {
    "en": {
        "counted": "Counted in this registry",
        "counted_note": "Counted from the outcome records of this platform; cancelled outcomes "
        "are left out.",
        "reported": "Published figures",
        "reported_note": "As published by the sources named, not counted by this platform.",
        "rates": "Exchange rates used",
        "notes": "Notes",
        "scope": "Scope",
        "currency": "Currency",
        "generated": "Generated",
        "page": "Page {page} of {pages}",
        "nothing": "None.",
        "report": "Report",
        "headline": "Headline (counted)",
        "kind": "Kind of outcome",
        "count": "Records",
        "amount": "Amount",
        "figure": "Figure",
        "value": "Value",
        "source": "Source",
        "reconciliation": "Reconciliation",
        "metric": "Metric",
        "status": "Status",
        "expected": "Expected",
        "found": "Found",
        "ratio": "Ratio",
        "note": "Note",
        "rate": "Rate",
        "date": "Date",
        "sister_cities": "Sister-city agreements signed",
        "total": "All outcomes",
        "intents": "Sister-city intents and letters of intent",
        "rate_date": "Rates of",
        "rate_each": "each outcome's signing date",
    },
    "zh-hans": {
        "counted": "本平台登记统计",
        "counted_note": "根据本平台的成果记录统计；已取消的成果不计入。",
        "reported": "公开发布的数据",
        "reported_note": "按所列来源发布的原样呈现，并非本平台统计。",
        "rates": "所用汇率",
        "notes": "说明",
        "scope": "范围",
        "currency": "币种",
        "generated": "生成日期",
        "page": "第{page}页，共{pages}页",
        "nothing": "无。",
        "report": "报告",
        "headline": "主要数据（登记统计）",
        "kind": "成果类别",
        "count": "记录数",
        "amount": "金额",
        "figure": "数据",
        "value": "数值",
        "source": "来源",
        "reconciliation": "核对",
        "metric": "指标",
        "status": "状态",
        "expected": "应为",
        "found": "发布值",
        "ratio": "比值",
        "note": "说明",
        "rate": "汇率",
        "date": "日期",
        "sister_cities": "已签署友好城市协议",
        "total": "全部成果",
        "intents": "友好城市意向及意向书",
        "rate_date": "汇率日期",
        "rate_each": "各成果签约日",
    },
}
METRICS = dict(ReportedFigure.Metric.choices)
METRICS_ZH = {
    "participants": "参会人数",
    "attendees": "出席人次",
    "business_people": "参会企业家人数",
    "countries": "参会国家数",
    "envoy_countries": "派员参会的国家和地区数",
    "sub_venue_countries": "设立分会场的国家数",
    "count": "签约成果数",
    "amount": "签约金额",
    "sister_cities": "友好城市关系数",
    "sister_city_countries": "友好城市所在国家数",
}


def figure_label(figure: ReportedFigure, lang: str) -> str:
    """What a published figure measures, in ``lang``, with its part of a total."""
    if _lang(lang) == "zh-hans":
        kind = figure.outcome_kind
        label = METRICS_ZH.get(figure.metric, figure.metric)
        if kind is not None and figure.metric == "count":
            label = f"签约{kind.name_zh or kind.name_en}数"
        elif kind is not None and figure.metric == "amount":
            label = f"{kind.name_zh or kind.name_en}签约金额"
        part = figure.part_zh or figure.part_en
    else:
        label = str(figure.metric_label)
        label = label[:1].upper() + label[1:]
        part = figure.part_en or figure.part_zh
    if not part:
        return label
    return f"{label}（{part}）" if _lang(lang) == "zh-hans" else f"{label} ({part})"


STATUS = {
    "en": {
        "consistent": "consistent",
        "difference": "difference",
        "slip": "slip (decimal point or unit)",
        "not_itemized": "not itemized",
    },
    "zh-hans": {
        "consistent": "一致",
        "difference": "有差异",
        "slip": "疑似小数点或单位错误",
        "not_itemized": "无明细可核对",
    },
}


def _lang(lang: str) -> str:
    return "zh-hans" if lang.startswith("zh") else "en"


class _Document(ShippedFontsPDF):
    def __init__(self, lang: str, title: str) -> None:
        super().__init__(title=title)
        self.lang_code = _lang(lang)
        self.labels = LABELS[self.lang_code]
        self.set_lang("zh-CN" if self.lang_code == "zh-hans" else "en")
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(auto=True, margin=18)
        self.alias_nb_pages()
        self.add_page()

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(LATIN, "", 8)
        self.set_text_color(*MUTED)
        text = self.labels["page"].format(page=self.page_no(), pages="{nb}")
        self.cell(0, 5, text, align="C")

    # building blocks

    def heading(self, text: str, size: float = 13) -> None:
        self.ln(3)
        self.set_font(LATIN, "B", size)
        self.set_text_color(*INK)
        self.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*LINE)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(3)

    def paragraph(self, text: str, *, size: float = 10, muted: bool = False) -> None:
        self.set_font(LATIN, "", size)
        self.set_text_color(*(MUTED if muted else INK))
        self.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def bullet(self, text: str, *, link: str = "") -> None:
        self.set_font(LATIN, "", 10)
        self.set_text_color(*ACCENT)
        self.cell(5, 5, "•")
        self.set_text_color(*INK)
        self.multi_cell(0, 5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if link:
            self.set_x(self.l_margin + 5)
            self.set_font(LATIN, "", 8)
            self.set_text_color(*MUTED)
            self.multi_cell(0, 4, link, align="L", link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)

    def grid(
        self,
        headings: list[str],
        rows: list[list[str]],
        widths: list[float],
        align: tuple[str, ...] | None = None,
    ) -> None:
        if not rows:
            self.paragraph(self.labels["nothing"], muted=True)
            return
        self.set_font(LATIN, "", 8)
        self.set_text_color(*INK)
        self.set_draw_color(*LINE)
        style = FontFace(emphasis="BOLD", fill_color=HEAD_BG)
        with self.table(
            col_widths=widths,
            headings_style=style,
            line_height=4.2,
            text_align=align or "LEFT",
            borders_layout="HORIZONTAL_LINES",
            padding=1.2,
        ) as table:
            header = table.row()
            for text in headings:
                header.cell(text)
            for values in rows:
                row = table.row()
                for text in values:
                    row.cell(text)
        self.ln(2)


def render_factsheet_pdf(factsheet: FactSheet, lang: str = "en") -> bytes:
    """The fact sheet's sentences in ``lang`` ("en" or "zh-hans") as a PDF."""
    doc = _Document(lang, factsheet.title(lang))
    labels = doc.labels
    doc.set_font(LATIN, "B", 16)
    doc.set_text_color(*INK)
    doc.multi_cell(0, 8, factsheet.title(lang), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.paragraph(
        f"{labels['scope']}: {factsheet.scope(lang)} · {labels['currency']}: "
        f"{factsheet.currency} · {labels['generated']}: {dt.date.today().isoformat()}",  # noqa: DTZ011
        size=9,
        muted=True,
    )
    doc.heading(labels["counted"])
    doc.paragraph(labels["counted_note"], size=8.5, muted=True)
    if not factsheet.counted:
        doc.paragraph(labels["nothing"], muted=True)
    for sentence in factsheet.counted:
        doc.bullet(sentence.text(lang))
    doc.heading(labels["reported"])
    doc.paragraph(labels["reported_note"], size=8.5, muted=True)
    if not factsheet.reported:
        doc.paragraph(labels["nothing"], muted=True)
    for sentence in factsheet.reported:
        doc.bullet(sentence.text(lang), link=sentence.provenance.url)
    if factsheet.notes(lang):
        doc.heading(labels["notes"], size=11)
        for note in factsheet.notes(lang):
            doc.paragraph(note, size=9)
    if factsheet.rates:
        doc.heading(labels["rates"], size=11)
        for rate in factsheet.rates:
            doc.paragraph(rate.text(lang), size=8.5)
    return bytes(doc.output())


def _amount(value: Decimal, currency: str, lang: str) -> str:
    if _lang(lang) == "zh-hans":
        return format_zh_amount(value, currency)
    return format_en_amount(value, currency)


def render_report_pdf(report: Report, lang: str = "en") -> bytes:
    """The report as a PDF: headline (counted), published figures with their sources, the
    reconciliation table and the rates used."""
    lang = _lang(lang)
    with translation.override(lang):
        return _report_pdf(report, lang)


def _report_pdf(report: Report, lang: str) -> bytes:
    series = report.series
    zh = lang == "zh-hans"
    name = (series.name_zh or series.name_en) if zh else series.name_en
    doc = _Document(lang, name)
    labels = doc.labels
    scope_en, scope_zh = report_scope(report.editions)
    doc.set_font(LATIN, "B", 16)
    doc.set_text_color(*INK)
    doc.multi_cell(
        0, 8, f"{labels['report']}: {name}", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    rate_words = report.rate_date.isoformat() if report.rate_date else labels["rate_each"]
    doc.paragraph(
        f"{labels['scope']}: {scope_zh if zh else scope_en} · {labels['currency']}: "
        f"{report.currency} · {labels['rate_date']}: {rate_words} · {labels['generated']}: "
        f"{dt.date.today().isoformat()}",  # noqa: DTZ011
        size=9,
        muted=True,
    )

    doc.heading(labels["headline"])
    doc.paragraph(labels["counted_note"], size=8.5, muted=True)
    rows = []
    for total in report.counted.values():
        kind = total.kind
        amount = _amount(total.converted, report.currency, lang) if total.converted else "—"
        label = (
            (kind.name_zh or kind.name_en) if zh else kind.name_en[:1].upper() + kind.name_en[1:]
        )
        rows.append([label, str(total.count), amount])
    if len(rows) > 1:
        headline = report.headline()
        amount = _amount(headline.investment, report.currency, lang) if headline.investment else "—"
        rows.append([labels["total"], str(headline.outcomes), amount])
    sister = report.sister_cities
    if sister.links:
        rows.append([labels["sister_cities"], str(sister.count), "—"])
        rows.append([labels["intents"], str(sister.intents), "—"])
    doc.grid(
        [labels["kind"], labels["count"], labels["amount"]],
        rows,
        [90, 25, 59],
        ("LEFT", "RIGHT", "RIGHT"),
    )

    doc.heading(labels["reported"])
    doc.paragraph(labels["reported_note"], size=8.5, muted=True)
    rows = []
    for figure in report.reported:
        qualifier = "" if figure.qualifier == "exact" else f"{figure.get_qualifier_display()} "
        source = figure.source
        when = f", {source.published_on.isoformat()}" if source.published_on else ""
        rows.append(
            [
                figure_label(figure, lang),
                f"{qualifier}{figure.value_display}",
                scope_words(edition_range(figure))[1 if zh else 0],
                f"{source.publisher}{when}",
            ]
        )
    doc.grid(
        [labels["figure"], labels["value"], labels["scope"], labels["source"]],
        rows,
        [52, 36, 26, 60],
    )

    doc.heading(labels["reconciliation"])
    rows = []
    figures = {figure.pk: figure for figure in report.reported}
    for check in report.checks:
        figure = figures.get(check.figures[0]) if check.figures else None
        if figure is None:
            scope, label = check.scope, str(METRICS.get(check.metric, check.metric))
        else:
            scope = scope_words(edition_range(figure))[1 if zh else 0]
            label = figure_label(figure, lang)
        rows.append(
            [
                scope,
                label,
                STATUS[lang].get(check.status, check.status),
                "—" if check.expected is None else readable(check.expected, check.currency),
                "—" if check.found is None else readable(check.found, check.currency),
                "—" if check.ratio is None else str(check.ratio),
                check.note,
            ]
        )
    doc.grid(
        [
            labels["scope"],
            labels["metric"],
            labels["status"],
            labels["expected"],
            labels["found"],
            labels["ratio"],
            labels["note"],
        ],
        rows,
        [18, 24, 20, 32, 32, 14, 34],
        ("LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"),
    )

    doc.heading(labels["rates"], size=11)
    rows = [
        [f"{r.base} → {r.quote}", f"{r.rate:.6g}", r.on.isoformat(), r.source] for r in report.rates
    ]
    doc.grid(
        [labels["currency"], labels["rate"], labels["date"], labels["source"]],
        rows,
        [30, 30, 30, 84],
    )
    return bytes(doc.output())
