"""A fact sheet: a report's figures written as short sentences, in English and in Simplified
Chinese, each with where it comes from.

Counted figures come from the registry and say so (“counted from 12 records”); published
figures are written as their sources published them, qualifier included (“about”, “nearly”),
and name their source. The two are never mixed in one sentence or one number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from smeforum.forums.models import ForumSeries, ReportedFigure
from smeforum.money.conversion import Rate
from smeforum.outcomes.models import Outcome
from smeforum.reporting.counting import Scope
from smeforum.reporting.figures import edition_range
from smeforum.reporting.numbers_zh import (
    format_en_amount,
    format_en_count,
    format_zh_amount,
    format_zh_count,
)
from smeforum.reporting.report import Report

LANGUAGES = ("en", "zh-hans")
SISTER_CITY_KIND = "sister_city"

QUALIFIER_EN = {"exact": "", "about": "about ", "over": "over ", "nearly": "nearly "}
QUALIFIER_ZH = {"exact": "", "about": "约", "over": "超过", "nearly": "近"}


def _zh(lang: str) -> bool:
    return lang.startswith("zh")


@dataclass(frozen=True)
class Provenance:
    """Where a sentence's figure comes from: the registry's records or a cited source."""

    counted: bool
    records: int = 0
    samples: int = 0
    publisher: str = ""
    published_on: dt.date | None = None
    title: str = ""
    url: str = ""

    def text(self, lang: str = "en") -> str:
        """“counted from 12 records” / “根据12条记录统计”; “reported by PR Newswire,
        2023-12-22” / “来源：PR Newswire，2023-12-22”."""
        zh = _zh(lang)
        if self.counted:
            everything = self.samples == self.records
            if zh:
                text = f"根据{self.records}条记录统计"
                if self.samples:
                    text += "，均为示例数据" if everything else f"，其中{self.samples}条为示例数据"
                return text
            noun = "record" if self.records == 1 else "records"
            text = f"counted from {format_en_count(self.records)} {noun}"
            if self.samples == 1:
                text += ", a sample record" if everything else ", 1 of them a sample record"
            elif self.samples:
                some = "all" if everything else format_en_count(self.samples)
                text += f", {some} of them sample records"
            return text
        date = self.published_on.isoformat() if self.published_on else ""
        if zh:
            return f"来源：{self.publisher}" + (f"，{date}" if date else "")
        return f"reported by {self.publisher}" + (f", {date}" if date else "")


@dataclass(frozen=True)
class Sentence:
    """One figure as a sentence in both languages, with its provenance inside the sentence
    (in brackets at the end) and apart from it (``provenance``)."""

    en: str
    zh: str
    provenance: Provenance
    metric: str = ""
    kind: str = ""

    @property
    def counted(self) -> bool:
        return self.provenance.counted

    def text(self, lang: str = "en") -> str:
        return self.zh if _zh(lang) else self.en


@dataclass(frozen=True)
class RateLine:
    en: str
    zh: str

    def text(self, lang: str = "en") -> str:
        return self.zh if _zh(lang) else self.en


@dataclass
class FactSheet:
    series: ForumSeries
    editions: list[int] | None
    currency: str
    title_en: str
    title_zh: str
    scope_en: str
    scope_zh: str
    counted: list[Sentence] = field(default_factory=list)
    reported: list[Sentence] = field(default_factory=list)
    rates: list[RateLine] = field(default_factory=list)
    notes_en: list[str] = field(default_factory=list)
    notes_zh: list[str] = field(default_factory=list)

    @property
    def sentences(self) -> list[Sentence]:
        return [*self.counted, *self.reported]

    def title(self, lang: str = "en") -> str:
        return self.title_zh if _zh(lang) else self.title_en

    def scope(self, lang: str = "en") -> str:
        return self.scope_zh if _zh(lang) else self.scope_en

    def notes(self, lang: str = "en") -> list[str]:
        return self.notes_zh if _zh(lang) else self.notes_en

    def texts(self, lang: str = "en") -> list[str]:
        return [sentence.text(lang) for sentence in self.sentences]


# --- scopes -----------------------------------------------------------------------------------


def scope_words(span: tuple[int, int] | None) -> tuple[str, str]:
    """(English, Chinese) for an edition range: “Editions 1–4” / “第1至4届”."""
    if span is None:
        return "All editions", "历届"
    first, last = span
    if first == last:
        return f"Edition {first}", f"第{first}届"
    return f"Editions {first}–{last}", f"第{first}至{last}届"


def _figure_scope(figure: ReportedFigure) -> tuple[str, str]:
    en, zh = scope_words(edition_range(figure))
    if figure.session_id:
        session = figure.session
        en += f", {session.title_en or session.title_zh}"
        zh += session.title_zh or session.title_en
    if figure.part_en or figure.part_zh:
        en += f" ({figure.part_en or figure.part_zh})"
        zh += f"（{figure.part_zh or figure.part_en}）"
    return en, zh


def report_scope(editions: list[int] | None) -> tuple[str, str]:
    if editions is None:
        return "All editions and between editions", "历届及届间"
    if len(editions) == 1:
        return scope_words((editions[0], editions[0]))
    if editions == list(range(editions[0], editions[-1] + 1)):
        return scope_words((editions[0], editions[-1]))
    return (
        "Editions " + ", ".join(str(n) for n in editions),
        "第" + "、".join(str(n) for n in editions) + "届",
    )


# --- counted sentences ------------------------------------------------------------------------


def _kind_words_en(kind, count: int) -> str:
    return kind.name_en if count == 1 else (kind.plural_en or kind.name_en)


def sample_counts(report: Report) -> dict[str, int]:
    """Outcome kind slug → how many of the counted records are generated sample data."""
    scope = Scope(report.series, None if report.editions is None else tuple(report.editions))
    rows = (
        Outcome.objects.filter(scope.outcome_filter(), is_sample=True)
        .values("kind__slug")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["kind__slug"]: row["n"] for row in rows}


def _counted(report: Report, samples: dict[str, int]) -> list[Sentence]:
    sentences = []
    currency = report.currency
    totals = [t for t in report.counted.values() if t.count]
    all_count = sum(t.count for t in totals)
    if len(totals) > 1:
        converted = report.converted_total
        provenance = Provenance(counted=True, records=all_count, samples=sum(samples.values()))
        worth_en = f", worth {format_en_amount(converted, currency)}" if converted else ""
        worth_zh = f"，金额{format_zh_amount(converted, currency)}" if converted else ""
        sentences.append(
            Sentence(
                en=f"Counted in this registry: {format_en_count(all_count)} outcomes in all"
                f"{worth_en} ({provenance.text('en')}).",
                zh=f"本平台登记：各类成果共{format_zh_count(all_count)}项{worth_zh}"
                f"（{provenance.text('zh-hans')}）。",
                provenance=provenance,
                metric="count",
            )
        )
    for total in totals:
        if total.kind.slug == SISTER_CITY_KIND:
            continue
        provenance = Provenance(
            counted=True, records=total.count, samples=samples.get(total.kind.slug, 0)
        )
        words_en = _kind_words_en(total.kind, total.count)
        words_zh = total.kind.name_zh or words_en
        worth_en = worth_zh = ""
        if total.converted:
            worth_en = f" worth {format_en_amount(total.converted, currency)}"
            worth_zh = f"，金额{format_zh_amount(total.converted, currency)}"
        if total.undated:
            listed_en = ", ".join(format_en_amount(v, c) for c, v in sorted(total.undated.items()))
            listed_zh = "、".join(format_zh_amount(v, c) for c, v in sorted(total.undated.items()))
            worth_en += f", plus {listed_en} without a date to convert at"
            worth_zh += f"，另有{listed_zh}因无日期未换算"
        sentences.append(
            Sentence(
                en=f"Counted in this registry: {format_en_count(total.count)} {words_en}"
                f"{worth_en} ({provenance.text('en')}).",
                zh=f"本平台登记：{words_zh}{format_zh_count(total.count)}项{worth_zh}"
                f"（{provenance.text('zh-hans')}）。",
                provenance=provenance,
                metric="count",
                kind=total.kind.slug,
            )
        )
    sister = report.sister_cities
    if sister.links:
        provenance = Provenance(
            counted=True, records=sister.links, samples=samples.get(SISTER_CITY_KIND, 0)
        )
        agreements = "agreement" if sister.count == 1 else "agreements"
        en = f"Counted in this registry: {sister.count} sister-city {agreements} signed"
        zh = f"本平台登记：签署友好城市协议{sister.count}项"
        if sister.count:
            cities = "city" if sister.cities == 1 else "cities"
            countries = "country" if sister.countries == 1 else "countries"
            en += f", with {sister.cities} {cities} in {sister.countries} {countries}"
            zh += f"，涉及{sister.countries}个国家的{sister.cities}座城市"
        if sister.intents:
            en += f", and {sister.intents} at the stage of intent or letter of intent"
            zh += f"；另有{sister.intents}项处于意向或意向书阶段"
        sentences.append(
            Sentence(
                en=f"{en} ({provenance.text('en')}).",
                zh=f"{zh}（{provenance.text('zh-hans')}）。",
                provenance=provenance,
                metric="sister_cities",
                kind=SISTER_CITY_KIND,
            )
        )
    return sentences


# --- published figures ------------------------------------------------------------------------


def _noun(figure: ReportedFigure) -> tuple[str, str]:
    """What a count or amount is of. A note that names the kind more precisely (“international
    cooperation projects” for cooperation projects) replaces the kind's name."""
    kind = figure.outcome_kind
    if kind is None:
        return "outcomes", "成果"
    en, zh = kind.plural_en or kind.name_en, kind.name_zh or kind.plural_en
    if figure.note_en and figure.note_en.endswith(en) and len(figure.note_en) <= 2 * len(en):
        en = figure.note_en
    if figure.note_zh and kind.name_zh and figure.note_zh.endswith(kind.name_zh):
        zh = figure.note_zh
    return en, zh


def _notes(figure: ReportedFigure, noun_en: str, noun_zh: str) -> tuple[str, str]:
    """The figure's note, unless it only named what is counted."""
    en = "" if figure.note_en == noun_en else figure.note_en
    zh = "" if figure.note_zh == noun_zh else figure.note_zh
    if figure.converted_from and "convert" not in en.lower():
        said = f"converted by the publisher from {figure.converted_from}"
        en = "; ".join(p for p in (en, said) if p)
    if figure.converted_from and "换算" not in zh:
        zh = "；".join(p for p in (zh, f"由发布方从{figure.converted_from}换算") if p)
    return en, zh


def _value(figure: ReportedFigure) -> tuple[str, str]:
    value = Decimal(figure.value)
    q_en = QUALIFIER_EN.get(figure.qualifier, "")
    q_zh = QUALIFIER_ZH.get(figure.qualifier, "")
    if figure.currency:
        return (
            q_en + format_en_amount(value, figure.currency),
            q_zh + format_zh_amount(value, figure.currency),
        )
    return q_en + format_en_count(value), q_zh + format_zh_count(value)


def _claim(figure: ReportedFigure) -> tuple[str, str]:
    """The figure's statement without scope or source: (English, Chinese)."""
    value_en, value_zh = _value(figure)
    metric = figure.metric
    plural = Decimal(figure.value) != 1 or figure.qualifier != "exact"
    m = ReportedFigure.Metric
    if metric == m.COUNT:
        noun_en, noun_zh = _noun(figure)
        verb = "were" if plural else "was"
        return f"{value_en} {noun_en} {verb} signed", f"签约{noun_zh}{value_zh}个"
    if metric == m.AMOUNT:
        noun_en, noun_zh = _noun(figure)
        return (
            f"{noun_en} worth {value_en} were signed",
            f"签约{noun_zh}金额{value_zh}",
        )
    templates = {
        m.PARTICIPANTS: (f"{value_en} participants took part", f"参会人数{value_zh}人"),
        m.ATTENDEES: (f"{value_en} people attended", f"出席{value_zh}人次"),
        m.BUSINESS_PEOPLE: (f"{value_en} business people took part", f"企业家{value_zh}人参会"),
        m.COUNTRIES: (f"{value_en} countries were represented", f"{value_zh}个国家参会"),
        m.ENVOY_COUNTRIES: (
            f"{value_en} countries and regions sent envoys",
            f"{value_zh}个国家和地区派员参会",
        ),
        m.SUB_VENUE_COUNTRIES: (
            f"{value_en} countries hosted a sub-venue",
            f"{value_zh}个国家设立分会场",
        ),
        m.SISTER_CITIES: (
            f"{value_en} sister-city relationships were established",
            f"缔结友好城市关系{value_zh}对",
        ),
        m.SISTER_CITY_COUNTRIES: (
            f"sister cities were in {value_en} countries",
            f"友好城市分布于{value_zh}个国家",
        ),
    }
    return templates.get(metric, (f"{figure.get_metric_display()}: {value_en}", value_zh))


def reported_sentence(figure: ReportedFigure) -> Sentence:
    """A published figure as a sentence in both languages, naming its source:
    “Editions 1–4: 217 international cooperation projects were signed (reported by PR
    Newswire, 2023-12-22).” / “第1至4届：签约国际合作项目217个（来源：PR Newswire，
    2023-12-22）。”"""
    source = figure.source
    provenance = Provenance(
        counted=False,
        publisher=source.publisher,
        published_on=source.published_on,
        title=source.title,
        url=source.url,
    )
    scope_en, scope_zh = _figure_scope(figure)
    claim_en, claim_zh = _claim(figure)
    noun_en, noun_zh = _noun(figure)
    note_en, note_zh = _notes(figure, noun_en, noun_zh)
    bracket_en = "; ".join(p for p in (note_en, provenance.text("en")) if p)
    bracket_zh = "；".join(p for p in (note_zh, provenance.text("zh-hans")) if p)
    return Sentence(
        en=f"{scope_en}: {claim_en} ({bracket_en}).",
        zh=f"{scope_zh}：{claim_zh}（{bracket_zh}）。",
        provenance=provenance,
        metric=figure.metric,
        kind=figure.outcome_kind.slug if figure.outcome_kind_id else "",
    )


# --- the fact sheet ---------------------------------------------------------------------------


def _rate_line(rate: Rate) -> RateLine:
    when = rate.on.isoformat()
    asked = rate.requested_on.isoformat()
    also_en = f", for {asked}" if rate.requested_on != rate.on else ""
    also_zh = f"，用于{asked}" if rate.requested_on != rate.on else ""
    return RateLine(
        en=f"1 {rate.base} = {rate.rate:.6g} {rate.quote} on {when}{also_en} ({rate.source})",
        zh=f"1 {rate.base} = {rate.rate:.6g} {rate.quote}，{when}{also_zh}（{rate.source}）",
    )


def build_factsheet(report: Report) -> FactSheet:
    """The report's counted and published figures as sentences in English and Chinese."""
    series = report.series
    scope_en, scope_zh = report_scope(report.editions)
    name_en = series.name_en
    name_zh = series.name_zh or series.name_en
    sheet = FactSheet(
        series=series,
        editions=report.editions,
        currency=report.currency,
        title_en=f"Fact sheet: {name_en}",
        title_zh=f"{name_zh}成果简报",
        scope_en=scope_en,
        scope_zh=scope_zh,
    )
    sheet.counted = _counted(report, sample_counts(report) if report.counted else {})
    sheet.reported = [reported_sentence(figure) for figure in report.reported]
    if not sheet.counted:
        sheet.notes_en.append("No outcomes in this scope are recorded in this registry yet.")
        sheet.notes_zh.append("本平台尚未登记此范围内的成果。")
    sheet.rates = [_rate_line(rate) for rate in report.rates if rate.quote == report.currency]
    if report.rate_date:
        sheet.notes_en.append(f"Amounts converted at the rates of {report.rate_date}.")
        sheet.notes_zh.append(f"金额按{report.rate_date}汇率换算。")
    elif sheet.rates:
        sheet.notes_en.append(
            "Counted amounts are converted at the ECB reference rate of each outcome's signing "
            "date (or its edition's first day)."
        )
        sheet.notes_zh.append("登记金额按各成果签约日（或所属届次首日）的欧洲央行参考汇率换算。")
    return sheet
