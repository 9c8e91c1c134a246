"""Fact sheets: counted and published figures as sentences in English and Simplified Chinese,
each with its provenance; as PDF with the Chinese glyphs embedded and extractable."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from smeforum.forums.models import ForumSeries
from smeforum.reporting.factsheet import build_factsheet
from smeforum.reporting.factsheet_pdf import render_factsheet_pdf, render_report_pdf
from smeforum.reporting.report import build_report
from tests.factories import (
    CityFactory,
    EditionFactory,
    ReportedFigureFactory,
    SeriesFactory,
    SourceFactory,
)
from tests.reporting.factories import AmountFactory, OutcomeFactory, SisterCityLinkFactory, kind

NOV_2023 = dt.date(2023, 11, 13)


@pytest.fixture
def series(db):
    """Editions 1–2, twelve USD projects of 175 million at edition 2, and three published
    figures from one PR Newswire release."""
    series = SeriesFactory(slug="factsheet", name_en="Test Forum", name_zh="测试论坛")
    first = EditionFactory(series=series, number=1, start_date=dt.date(2022, 12, 15),
                           end_date=dt.date(2022, 12, 15))  # fmt: skip
    second = EditionFactory(series=series, number=2, start_date=NOV_2023, end_date=NOV_2023)
    for _ in range(12):
        AmountFactory(
            outcome=OutcomeFactory(series=series, edition=second, signed_on=NOV_2023),
            amount=Decimal("175000000"),
            currency="USD",
        )
    release = SourceFactory(
        publisher="PR Newswire",
        published_on=dt.date(2023, 12, 22),
        url="https://example.org/release",
    )
    common = {"series": series, "first_edition": first, "last_edition": second, "source": release}
    ReportedFigureFactory(
        **common,
        metric="count",
        outcome_kind=kind("cooperation_project"),
        qualifier="exact",
        value=217,
        note_en="international cooperation projects",
        note_zh="国际合作项目",
    )
    ReportedFigureFactory(
        **common,
        metric="amount",
        outcome_kind=kind("cooperation_project"),
        qualifier="exact",
        value=Decimal("1684580000000"),
        currency="CNY",
    )
    ReportedFigureFactory(
        series=series,
        first_edition=second,
        last_edition=second,
        source=release,
        metric="participants",
        qualifier="nearly",
        value=400,
    )
    return series


@pytest.mark.integration
def test_sentences_in_english_and_chinese(series):
    sheet = build_factsheet(build_report(series, currency="USD"))
    assert sheet.title_en == "Fact sheet: Test Forum"
    assert sheet.title_zh == "测试论坛成果简报"
    assert [s.en for s in sheet.counted] == [
        "Counted in this registry: 12 cooperation projects worth 2.1 billion US dollars "
        "(counted from 12 records).",
    ]
    assert [s.zh for s in sheet.counted] == [
        "本平台登记：合作项目12项，金额21亿美元（根据12条记录统计）。",
    ]
    assert [s.en for s in sheet.reported] == [
        "Editions 1–2: cooperation projects worth 1,684.58 billion yuan were signed "
        "(reported by PR Newswire, 2023-12-22).",
        "Editions 1–2: 217 international cooperation projects were signed (reported by PR "
        "Newswire, 2023-12-22).",
        "Edition 2: nearly 400 participants took part (reported by PR Newswire, 2023-12-22).",
    ]
    assert [s.zh for s in sheet.reported] == [
        "第1至2届：签约合作项目金额16845.8亿元（来源：PR Newswire，2023-12-22）。",
        "第1至2届：签约国际合作项目217个（来源：PR Newswire，2023-12-22）。",
        "第2届：参会人数近400人（来源：PR Newswire，2023-12-22）。",
    ]


@pytest.mark.integration
def test_every_sentence_has_its_provenance_and_counts_never_mix_with_sources(series):
    sheet = build_factsheet(build_report(series, currency="USD"))
    counted = sheet.counted[0].provenance
    assert (counted.counted, counted.records, counted.publisher) == (True, 12, "")
    assert counted.text("en") == "counted from 12 records"
    assert counted.text("zh-hans") == "根据12条记录统计"
    for sentence in sheet.reported:
        source = sentence.provenance
        assert (source.counted, source.records) == (False, 0)
        assert (source.publisher, source.published_on, source.url) == (
            "PR Newswire",
            dt.date(2023, 12, 22),
            "https://example.org/release",
        )
        assert "counted" not in sentence.en
        assert "统计" not in sentence.zh


@pytest.mark.integration
def test_several_kinds_sister_cities_and_samples(series):
    edition = series.editions.get(number=2)
    OutcomeFactory(series=series, edition=edition, kind=kind("memorandum"), is_sample=True)
    cangzhou = CityFactory(name="Cangzhou")
    for name, country, stage in [
        ("Warsaw", "PL", "signed"),
        ("Budapest", "HU", "signed"),
        ("Nitra", "SK", "letter_of_intent"),
    ]:
        SisterCityLinkFactory(
            outcome__series=series,
            outcome__edition=edition,
            chinese_city=cangzhou,
            foreign_city=CityFactory(name=name, name_zh="", country=country),
            stage=stage,
        )
    sheet = build_factsheet(build_report(series, editions=[2], currency="CNY"))
    assert [s.en for s in sheet.counted] == [
        "Counted in this registry: 16 outcomes in all, worth 15.31 billion yuan (counted from 16 "
        "records, 1 of them a sample record).",
        "Counted in this registry: 12 cooperation projects worth 15.31 billion yuan (counted "
        "from 12 records).",
        "Counted in this registry: 1 cooperation memorandum (counted from 1 record, a sample "
        "record).",
        "Counted in this registry: 2 sister-city agreements signed, with 2 cities in 2 "
        "countries, and 1 at the stage of intent or letter of intent (counted from 3 records).",
    ]
    assert [s.zh for s in sheet.counted] == [
        "本平台登记：各类成果共16项，金额153.11亿元（根据16条记录统计，其中1条为示例数据）。",
        "本平台登记：合作项目12项，金额153.11亿元（根据12条记录统计）。",
        "本平台登记：合作备忘录1项（根据1条记录统计，均为示例数据）。",
        "本平台登记：签署友好城市协议2项，涉及2个国家的2座城市；另有1项处于意向或意向书阶段"
        "（根据3条记录统计）。",
    ]
    assert sheet.scope_en == "Edition 2"
    assert sheet.scope_zh == "第2届"
    assert [line.en for line in sheet.rates] == [
        "1 USD = 7.29091 CNY on 2023-11-13 (ECB euro foreign exchange reference rates)"
    ]


# --- PDF --------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def squashed(text: str) -> str:
    """Chinese text without the line breaks and spaces that wrapping puts in."""
    return "".join(text.split())


def spaced(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.integration
def test_pdf_in_chinese_has_the_glyphs_and_the_text(series):
    sheet = build_factsheet(build_report(series, currency="USD"))
    data = render_factsheet_pdf(sheet, "zh-hans")
    assert data.startswith(b"%PDF-")
    assert len(data) < 150_000  # the CJK font (4 MB) is subset to the glyphs used
    text = squashed(pdf_text(data))
    assert "测试论坛成果简报" in text
    for sentence in sheet.sentences:
        assert squashed(sentence.zh) in text
    assert "第1至2届：签约合作项目金额16845.8亿元（来源：PRNewswire，2023-12-22）。" in text


@pytest.mark.integration
def test_pdf_in_english(series):
    sheet = build_factsheet(build_report(series, currency="USD"))
    text = spaced(pdf_text(render_factsheet_pdf(sheet, "en")))
    assert "Fact sheet: Test Forum" in text
    for sentence in sheet.sentences:
        assert sentence.en in text
    assert "https://example.org/release" in text


@pytest.mark.integration
def test_report_pdf_has_headline_sources_and_reconciliation(series):
    report = build_report(series, currency="USD")
    text = spaced(pdf_text(render_report_pdf(report, "en")))
    assert "Report: Test Forum" in text
    assert "Headline (counted)" in text
    assert "Cooperation project 12 2.1 billion US dollars" in text
    assert "Published figures" in text
    assert "1,684,580,000,000 CNY" in text
    assert "PR Newswire, 2023-12-22" in text
    assert "Reconciliation" in text
    chinese = squashed(pdf_text(render_report_pdf(report, "zh-hans")))
    assert "测试论坛" in chinese
    assert "合作项目1221亿美元" in chinese
    assert "核对" in chinese


# --- the demo ---------------------------------------------------------------------------------


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    return ForumSeries.objects.get(slug="china-ceec-cangzhou")


HEBEI = (
    "PR Newswire (figures attributed to the Hebei Provincial Industry and Information Technology "
    "Department)"
)


@pytest.mark.integration
def test_demo_editions_1_to_4(demo):
    sheet = build_factsheet(build_report(demo, editions=[1, 2, 3, 4], currency="USD"))
    assert sheet.counted == []
    assert sheet.notes_en[0] == "No outcomes in this scope are recorded in this registry yet."
    english = [s.en for s in sheet.reported]
    chinese = [s.zh for s in sheet.reported]
    assert (
        f"Editions 1–4: 217 international cooperation projects were signed (reported by "
        f"{HEBEI}, 2023-12-22)."
    ) in english
    assert f"第1至4届：签约国际合作项目217个（来源：{HEBEI}，2023-12-22）。" in chinese
    assert f"第1至4届：签约合作项目金额16845.8亿元（来源：{HEBEI}，2023-12-22）。" in chinese
    assert (
        "第4届：签约合作项目金额1367.69亿元（合同投资额；来源：PR Newswire (Municipal Government "
        "of Cangzhou)，2022-12-19）。"
    ) in chinese
    assert (
        "Edition 2: cooperation projects worth 7.29 billion yuan were signed (reported by "
        "aviation.cn, 2019-11-11)."
    ) in english
    assert "第2届：签约合作项目金额72.92亿元（来源：aviation.cn，2019-11-11）。" in chinese
    assert len(sheet.reported) == len(build_report(demo, editions=[1, 2, 3, 4]).reported)

    text = squashed(pdf_text(render_factsheet_pdf(sheet, "zh-hans")))
    assert "第1至4届" in text
    assert "16845.8亿元" in text
    assert squashed(f"第1至4届：签约国际合作项目217个（来源：{HEBEI}，2023-12-22）。") in text


@pytest.mark.integration
def test_demo_whole_series_counts_the_sister_city_links(demo):
    sheet = build_factsheet(build_report(demo, currency="USD"))
    assert (
        "Counted in this registry: 2 sister-city agreements signed, with 2 cities in 2 "
        "countries, and 3 at the stage of intent or letter of intent (counted from 5 records)."
    ) in [s.en for s in sheet.counted]
    assert sheet.counted[0].en.startswith("Counted in this registry: 38 outcomes in all, worth ")
    assert sheet.counted[0].en.endswith("(counted from 38 records, 33 of them sample records).")
