import datetime as dt
from decimal import Decimal

import pytest

from smeforum.audit.models import AuditEntry
from smeforum.forums.models import ReportedFigure
from smeforum.outcomes.imports import STATEMENT_COLUMNS, import_statements_file
from smeforum.outcomes.imports.statement_rows import source_key
from smeforum.reference.models import Source
from tests.factories import ReportedFigureFactory, SourceFactory
from tests.outcomes.imports.files import SERIES, make_forum, write_csv, write_xlsx

pytestmark = pytest.mark.integration

PR = {
    "publisher": "PR Newswire",
    "published_on": "2023-12-22",
    "url": "https://www.prnewswire.com/news-releases/cangzhou-forum.html",
    "language": "en",
}


def statement(**values: str) -> dict[str, str]:
    row = dict.fromkeys(STATEMENT_COLUMNS, "")
    row.update(series=SERIES, **PR)
    row.update(values)
    return row


#: A part before its total, a total with a conversion, a count of one kind, a Chinese source.
ROWS = [
    statement(
        external_id="projects-amount-1-3",
        editions="1-3",
        metric="amount",
        kind="cooperation_project",
        value="1200000000",
        currency="CNY",
        part_of="total-amount-1-3",
    ),
    statement(
        external_id="total-amount-1-3",
        editions="1-3",
        metric="amount",
        value="1684580000",
        currency="CNY",
        converted_value="235000000",
        converted_currency="USD",
        approximate="yes",
    ),
    statement(
        external_id="projects-count-1-3",
        editions="1-3",
        metric="count",
        kind="cooperation_project",
        value="1129",
        approximate="no",
    ),
    statement(
        external_id="participants-4",
        editions="4",
        metric="participants",
        value="400",
        approximate="yes",
        publisher="河北日报",
        published_on="2024-11-08",
        url="",
        language="zh",
    ),
    statement(external_id="countries-all", metric="countries", value="40"),
]


def _figure(external_id):
    figure = ReportedFigure.objects.get(external_id=external_id)
    return {
        "editions": (
            figure.first_edition.number if figure.first_edition else None,
            figure.last_edition.number if figure.last_edition else None,
        ),
        "metric": figure.metric,
        "kind": figure.outcome_kind.slug if figure.outcome_kind else None,
        "qualifier": figure.qualifier,
        "value": figure.value,
        "currency": figure.currency,
        "converted_from": figure.converted_from,
        "source": figure.source.key,
        "part_of": figure.part_of.external_id if figure.part_of else None,
        "conversion_of": figure.conversion_of.external_id if figure.conversion_of else None,
    }


@pytest.mark.parametrize("write", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_import_statements_records_ranges_conversions_parts_and_sources(db, tmp_path, write):
    # Arrange
    make_forum(numbers=(1, 2, 3, 4))
    path = write(tmp_path / f"statements.{write.__name__[-4:].strip('_')}", ROWS, STATEMENT_COLUMNS)

    # Act
    report = import_statements_file(path)

    # Assert
    assert report.errors == []
    assert report.summary_lines() == [
        "figures: 6 created, 0 updated, 0 unchanged",
        "sources: 2 created, 0 updated, 0 unchanged",
    ]
    pr_key = source_key(PR["publisher"], dt.date(2023, 12, 22), PR["url"])
    zh_key = source_key("河北日报", dt.date(2024, 11, 8), "")
    assert pr_key.startswith("pr-newswire-2023-12-22-")
    assert zh_key.startswith("source-2024-11-08-")
    common = {"converted_from": "", "conversion_of": None, "part_of": None, "source": pr_key}
    assert _figure("total-amount-1-3") == dict(
        common,
        editions=(1, 3),
        metric="amount",
        kind=None,
        qualifier="about",
        value=Decimal("1684580000"),
        currency="CNY",
    )
    assert _figure("total-amount-1-3:converted") == dict(
        common,
        editions=(1, 3),
        metric="amount",
        kind=None,
        qualifier="about",
        value=Decimal("235000000"),
        currency="USD",
        converted_from="CNY",
        conversion_of="total-amount-1-3",
    )
    assert _figure("projects-amount-1-3") == dict(
        common,
        editions=(1, 3),
        metric="amount",
        kind="cooperation_project",
        qualifier="exact",
        value=Decimal("1200000000"),
        currency="CNY",
        part_of="total-amount-1-3",
    )
    assert _figure("projects-count-1-3") == dict(
        common,
        editions=(1, 3),
        metric="count",
        kind="cooperation_project",
        qualifier="exact",
        value=Decimal("1129"),
        currency="",
    )
    assert _figure("participants-4") == dict(
        common,
        editions=(4, 4),
        metric="participants",
        kind=None,
        qualifier="about",
        value=Decimal("400"),
        currency="",
        source=zh_key,
    )
    assert _figure("countries-all")["editions"] == (None, None)
    zh = Source.objects.get(key=zh_key)
    assert (zh.publisher, zh.published_on, zh.url, zh.language) == (
        "河北日报",
        dt.date(2024, 11, 8),
        "",
        "zh",
    )


def test_reimport_of_statements_changes_nothing_and_a_changed_row_updates(db, tmp_path):
    # Arrange
    make_forum(numbers=(1, 2, 3, 4))
    import_statements_file(write_csv(tmp_path / "s.csv", ROWS, STATEMENT_COLUMNS))
    audit_before = AuditEntry.objects.count()

    # Act
    again = import_statements_file(write_csv(tmp_path / "s.csv", ROWS, STATEMENT_COLUMNS))
    changed_rows = [dict(row) for row in ROWS]
    changed_rows[1].update(converted_value="", converted_currency="", approximate="no")
    changed = import_statements_file(
        write_csv(tmp_path / "s2.csv", changed_rows, STATEMENT_COLUMNS), dry_run=True
    )
    audit_after_dry_run = AuditEntry.objects.count()
    applied = import_statements_file(
        write_csv(tmp_path / "s2.csv", changed_rows, STATEMENT_COLUMNS)
    )

    # Assert
    assert again.summary_lines() == [
        "figures: 0 created, 0 updated, 6 unchanged",
        "sources: 0 created, 0 updated, 2 unchanged",
    ]
    assert audit_after_dry_run == audit_before
    assert changed.summary_lines()[1] == "figures: 0 created, 1 updated, 4 unchanged"
    assert applied.errors == []
    assert _figure("total-amount-1-3")["qualifier"] == "exact"
    assert ReportedFigure.objects.filter(external_id="total-amount-1-3:converted").exists() is False
    assert ReportedFigure.objects.count() == 5


def test_part_of_names_a_stored_figure_of_the_series(db, tmp_path):
    # Arrange
    series, _ = make_forum(numbers=(1, 2, 3, 4))
    total = ReportedFigureFactory(
        series=series,
        metric="participants",
        value=1000,
        external_id="all-participants",
        source=SourceFactory(),
    )
    row = statement(external_id="enterprise-participants", metric="participants", value="600")
    row["part_of"] = "all-participants"

    # Act
    report = import_statements_file(write_csv(tmp_path / "p.csv", [row], STATEMENT_COLUMNS))

    # Assert
    assert report.errors == []
    assert ReportedFigure.objects.get(external_id="enterprise-participants").part_of == total


def test_bad_statements_import_nothing_and_name_every_bad_cell(db, tmp_path):
    # Arrange
    make_forum(numbers=(1, 2, 3, 4))
    rows = [
        ROWS[2],
        statement(external_id="b1", editions="3-1", metric="count", value="5"),
        statement(external_id="b2", editions="9", metric="count", value="5"),
        statement(external_id="b3", metric="participants", kind="trade", value="5", currency="EUR"),
        statement(
            external_id="b4",
            metric="amount",
            value="5",
            currency="EUR",
            converted_value="6",
            converted_currency="EUR",
        ),
        statement(external_id="b5", metric="amount", value="5", currency="EUR", part_of="nope"),
        statement(external_id="b6", metric="visitors", value="1,000", approximate="maybe"),
        statement(external_id="b7", metric="count", value="5", url="not a url"),
        statement(external_id="b1", metric="count", value="5", published_on="22.12.2023"),
    ]

    # Act
    report = import_statements_file(write_csv(tmp_path / "bad.csv", rows, STATEMENT_COLUMNS))

    # Assert
    metrics = ", ".join(ReportedFigure.Metric.values)
    assert [str(e) for e in report.sorted_errors(STATEMENT_COLUMNS)] == [
        'row 3, column editions: "3-1": the range must run from a lower to a higher edition number',
        'row 4, column editions: series "cangzhou-sme" has no edition 9; add it before '
        "importing figures about it",
        'row 5, column kind: only a count or an amount has an outcome kind, not "participants"',
        'row 5, column currency: only an amount has a currency, not "participants"',
        'row 6, column converted_currency: "EUR" is the currency of the value itself',
        'row 7, column part_of: "nope" is neither a row of this file nor a figure of series '
        '"cangzhou-sme"',
        'row 8, column metric: "visitors" is not a metric (one of ' + metrics + ")",
        'row 8, column value: "1,000" is not a plain decimal number (e.g. 1250000.50)',
        'row 8, column approximate: "maybe" is neither yes nor no',
        'row 9, column url: "not a url" is not a web address (http:// or https://)',
        'row 10, column external_id: "b1" is already the id of row 3',
        'row 10, column published_on: "22.12.2023" is not a date in the form YYYY-MM-DD',
    ]
    assert ReportedFigure.objects.count() == 0
    assert Source.objects.count() == 0


def test_parts_that_are_totals_of_each_other_are_refused(db, tmp_path):
    # Arrange
    make_forum(numbers=(1, 2, 3, 4))
    rows = [
        statement(external_id="a", metric="count", value="5", part_of="b"),
        statement(external_id="b", metric="count", value="9", part_of="a"),
    ]

    # Act
    report = import_statements_file(write_csv(tmp_path / "c.csv", rows, STATEMENT_COLUMNS))

    # Assert
    assert [str(e) for e in report.errors] == [
        "row 2, column part_of: makes a circle of totals and parts"
    ]
    assert ReportedFigure.objects.count() == 0
