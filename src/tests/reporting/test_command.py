"""``smeforum report`` and ``manage report``: formats, output, and bad options (exit code 2)."""

import csv
import importlib.util
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from smeforum.cli import main
from smeforum.reporting.report import build_report
from tests.factories import SeriesFactory
from tests.reporting.test_reconciliation import publish

pytestmark = pytest.mark.integration

SHEETS = ["summary", "counted", "sister_cities", "b2b", "reported", "reconciliation", "rates"]


@pytest.fixture
def forum(registry):
    """The registry fixture with two published figures about editions 1–2."""
    publish(registry, (1, 2), "count", "30", outcome_kind="cooperation_project")
    publish(registry, (1, 2), "sister_cities", "3")
    return registry


def report(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_json_to_standard_output_is_the_report_as_dict(forum):
    output = report("--editions", "1-2", "--currency", "EUR")

    data = json.loads(output)
    assert data == build_report(forum, editions=[1, 2], currency="EUR").as_dict()
    assert output.startswith('{\n  "scope": {\n    "series": "cangzhou-test",')
    assert data["counted"]["cooperation_project"]["amount"] == {
        "CNY": "1100000.00",
        "EUR": "500000.00",
        "USD": "300000.00",
    }
    checks = data["reconciliation"]
    assert [(c["metric"], c["status"], c["expected"], c["found"]) for c in checks] == [
        ("count", "slip", "3", "30"),
        ("sister_cities", "consistent", "3", "3"),
    ]  # fmt: skip


def test_rate_date_and_nearest_rate(forum):
    data = json.loads(report("--editions", "1", "--rate-date", "2030-01-01", "--nearest-rate"))

    assert data["rate_date"] == "2030-01-01"
    assert [(r["currency"], r["date"], r["requested_date"]) for r in data["rates"]] == [
        ("CNY", "2026-10-30", "2030-01-01"),
        ("EUR", "2026-10-30", "2030-01-01"),
    ]


def test_markdown_tables_in_english_and_chinese(forum):
    english = report("--format", "md", "--editions", "1-2")
    chinese = report("--format", "md", "--editions", "1-2", "--lang", "zh-hans")

    assert english.startswith("# Report: ")
    assert [line for line in english.splitlines() if line.startswith("## ")] == [
        "## Counted from the registry",
        "## Sister cities (counted)",
        "## B2B matchmaking results (counted)",
        "## Reported figures (as published)",
        "## Reconciliation",
        "## Exchange rates used",
    ]
    assert "| cooperation_project | cooperation projects | 3 | 1,100,000.00 | 500,000.00 |" in (
        english
    )
    assert "| registry vs statement | editions 1–2 | count | slip | 3 | 30 | 10 |" in english
    assert "No edition in scope has a B2B session." in english
    chinese_headings = [line for line in chinese.splitlines() if line.startswith("## ")]
    assert chinese_headings == [
        "## 成果登记统计",
        "## 友好城市（统计）",
        "## 对接洽谈结果（统计）",
        "## 公布数字（按原文）",
        "## 核对",
        "## 所用汇率",
    ]
    assert "| 登记与公布 | 第1–2届 | count | 笔误 | 3 | 30 | 10 |" in chinese


def test_csv_sections_with_a_section_column(forum):
    rows = list(csv.reader(io.StringIO(report("--format", "csv", "--editions", "1-2"))))

    headers = [row for row in rows if row and row[0] == "section"]
    assert [h[:3] for h in headers] == [
        ["section", "key", "item"],
        ["section", "kind", "name"],
        ["section", "count", "cities"],
        ["section", "edition", "meetings_held"],
        ["section", "scope", "first"],
        ["section", "check", "scope"],
        ["section", "currency", "to"],
    ]
    assert headers[1] == [
        "section", "kind", "name", "count", "amount_CNY", "amount_EUR", "amount_USD",
        "converted_USD",
    ]  # fmt: skip
    assert ["counted", "total", "total", "9", "1100000.00", "500000.00", "300000.00",
            "1010248.03"] in rows  # fmt: skip
    assert ["sister_cities", "3", "2", "2", "2"] in rows
    reconciliation = [row for row in rows if row and row[0] == "reconciliation"]
    assert [row[1:8] for row in reconciliation] == [
        ["registry", "editions 1–2", "count", "slip", "3", "30", "10"],
        ["registry", "editions 1–2", "sister_cities", "consistent", "3", "3", "1"],
    ]


def test_xlsx_one_sheet_per_table(forum, tmp_path):
    target = tmp_path / "report.xlsx"

    assert report("--format", "xlsx", "--editions", "1-2", "-o", str(target)) == ""

    workbook = load_workbook(target)
    assert workbook.sheetnames == SHEETS
    counted = workbook["counted"]
    assert [cell.value for cell in counted[1]] == [
        "kind", "name", "count", "amount (CNY)", "amount (EUR)", "amount (USD)",
        "converted (USD)",
    ]  # fmt: skip
    assert [cell.value for cell in counted[2]] == [
        "cooperation_project", "cooperation projects", 3, 1100000, 500000, 300000,
        1010248.03,
    ]  # fmt: skip
    assert counted["G2"].number_format == "#,##0.00"
    checks = workbook["reconciliation"]
    assert [cell.value for cell in checks[2]][:7] == [
        "registry", "editions 1–2", "count", "slip", 3, 30, 10,
    ]  # fmt: skip
    assert workbook["summary"]["C5"].value == "USD"


def test_output_file_for_text_formats(forum, tmp_path):
    target = tmp_path / "report.md"

    report("--format", "md", "-o", str(target))

    assert target.read_text(encoding="utf-8").startswith("# Report: ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--editions", "4-1"], "--editions 4-1: the range 4-1 runs backwards; write 1-4"),
        (["--editions", "2-9"], "--editions 2-9: cangzhou-test has no edition 4, 5, 6, 7, 8, 9 "
                                "(editions: 1, 2, 3)."),
        (["--editions", "one"], "--editions one: 'one' is not an edition number or a range "
                                "such as 1-4"),
        (["--currency", "XYZ"], "--currency XYZ: 'XYZ' is not an ISO 4217 currency code."),
        (["--series", "nope"], "--series nope: no such series (series: cangzhou-test)."),
        (["--rate-date", "2024-02-30"], "--rate-date 2024-02-30: '2024-02-30' is not a date "
                                        "in the form YYYY-MM-DD."),
        (["--rate-date", "1990-01-01"], "--rate-date 1990-01-01: No ECB rate for USD on "
         "1990-01-01: the data covers 1999-01-04 to 2026-10-30; the nearest available date is "
         "1999-01-04. (--nearest-rate takes the nearest date)"),
        (["--amount-kind", "promised"], "--amount-kind promised: choose one of contractual, "
                                        "planned, realised."),
    ],
)  # fmt: skip
def test_bad_options_name_the_option_exit_2_and_write_nothing(forum, tmp_path, args, message):
    target = tmp_path / "report.json"

    with pytest.raises(CommandError) as raised:
        report(*args, "-o", str(target))

    assert (str(raised.value), raised.value.returncode) == (message, 2)
    assert not target.exists()


def test_several_series_need_one_named(forum):
    SeriesFactory(slug="another-forum")

    with pytest.raises(CommandError) as raised:
        report()

    assert str(raised.value) == "--series: choose one of another-forum, cangzhou-test."
    assert json.loads(report("--series", "cangzhou-test"))["scope"]["series"] == "cangzhou-test"


def test_binary_format_needs_a_file_or_a_byte_stream(forum):
    with pytest.raises(CommandError) as raised:
        report("--format", "xlsx")

    assert str(raised.value) == "--format xlsx: give -o FILE for binary output."


def test_pdf_is_the_fact_sheet_or_a_clear_error(forum, tmp_path):
    target = tmp_path / "report.pdf"
    available = importlib.util.find_spec("smeforum.reporting.factsheet_pdf") is not None

    if available:
        report("--format", "pdf", "-o", str(target))
        assert target.read_bytes().startswith(b"%PDF")
    else:
        with pytest.raises(CommandError) as raised:
            report("--format", "pdf", "-o", str(target))
        assert raised.value.returncode == 1
        assert str(raised.value).startswith("--format pdf: the PDF fact sheet is not available")
        assert not target.exists()


def test_smeforum_report_exit_codes(forum, tmp_path, capsys):
    target = tmp_path / "report.csv"

    ok = main(["report", "--editions", "1-2", "--format", "csv", "-o", str(target)])
    bad = main(["report", "--editions", "4-1", "-o", str(target.with_suffix(".json"))])
    with pytest.raises(SystemExit) as usage:
        main(["report", "--format", "doc"])

    assert (ok, bad, usage.value.code) == (0, 2, 2)
    assert target.read_text(encoding="utf-8").startswith("section,key,item,value\n")
    assert not target.with_suffix(".json").exists()
    assert "error: --editions 4-1: the range 4-1 runs backwards; write 1-4" in (
        capsys.readouterr().err
    )


def test_headline_for_the_dashboard(forum):
    headline = build_report(forum).headline()

    assert (headline.outcomes, headline.projects, headline.investment, headline.currency) == (
        12,
        4,
        Decimal("1291573.03"),
        "USD",
    )
    assert (headline.sister_cities, headline.cities, headline.countries, headline.intents) == (
        4,
        3,
        3,
        2,
    )
