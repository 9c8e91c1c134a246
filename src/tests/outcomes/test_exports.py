import csv
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from smeforum.audit.domain import delete_record
from smeforum.outcomes.domain.outcomes import record_outcome
from smeforum.outcomes.exports import export_outcomes
from smeforum.outcomes.imports import OUTCOME_COLUMNS, import_outcomes_file
from smeforum.outcomes.models import Outcome
from smeforum.reference.models import OutcomeKind
from tests.outcomes.imports.files import GOOD_ROWS, SERIES, make_forum, outcome_row, write_csv

pytestmark = pytest.mark.integration

FORMULA_TITLES = ["=SUM(1+1)", "+86 317 1234", "@cmd", "-2", "＝1+1", "'=already quoted"]


def _record_formula_titles(series, edition):
    kind = OutcomeKind.objects.get(slug="other")
    for number, title in enumerate(FORMULA_TITLES, 1):
        record_outcome(series, kind=kind, title=title, edition=edition, external_id=f"F-{number}")


def _wipe_outcomes():
    for outcome in Outcome.objects.all():
        delete_record(outcome)


def test_csv_export_neutralises_cells_a_spreadsheet_would_read_as_formulas(db, tmp_path):
    # Arrange
    series, editions = make_forum()
    _record_formula_titles(series, editions[7])

    # Act
    export_outcomes(series, tmp_path / "out.csv", fmt="csv")

    # Assert
    text = (tmp_path / "out.csv").read_bytes().decode("utf-8-sig")
    titles = [row["title"] for row in csv.DictReader(io.StringIO(text))]
    assert titles == ["'=SUM(1+1)", "'+86 317 1234", "'@cmd", "'-2", "'＝1+1", "''=already quoted"]


def test_xlsx_export_writes_text_cells_never_formulas(db, tmp_path):
    # Arrange
    series, editions = make_forum()
    _record_formula_titles(series, editions[7])

    # Act
    export_outcomes(series, tmp_path / "out.xlsx", fmt="xlsx")

    # Assert
    sheet = load_workbook(tmp_path / "out.xlsx").active
    assert [c.value for c in sheet[1]] == list(OUTCOME_COLUMNS)
    title_cells = [row[4] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in title_cells] == [
        "'=SUM(1+1)",
        "'+86 317 1234",
        "'@cmd",
        "'-2",
        "'＝1+1",
        "''=already quoted",
    ]
    assert {c.data_type for row in sheet.iter_rows() for c in row if c.value is not None} == {"s"}


def test_json_export_is_a_list_of_objects_with_the_import_columns(db, tmp_path):
    # Arrange
    make_forum()
    import_outcomes_file(write_csv(tmp_path / "in.csv", GOOD_ROWS))
    series = Outcome.objects.first().series

    # Act
    export_outcomes(series, tmp_path / "out.json", fmt="json", editions=(8, 8))

    # Assert
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8")) == [
        {
            "external_id": "CZ8-001",
            "series": SERIES,
            "edition": "8",
            "kind": "memorandum",
            "title": "Memorandum on vocational training in Čakovec",
            "signed_on": "2024-11-07",
            "amount": "",
            "currency": "",
            "amount_kind": "",
            "fields": "education",
            "parties": "Međimurje County Chamber (HR, witness)",
            "chinese_city": "",
            "foreign_city": "",
            "foreign_country": "",
            "stage": "",
        }
    ]


def test_export_then_import_round_trips_byte_identical_csv(db, tmp_path):
    # Arrange: outcomes with CJK and diacritics, two amounts, a sister-city link, formulas
    series, _ = make_forum()
    rows = [
        *GOOD_ROWS,
        outcome_row(
            external_id="CZ8-002",
            series=SERIES,
            kind="cultural_exchange",
            title="=SUM(1+1)",
            parties="Grad Čakovec (HR); +86 317 1234 (CN)",
        ),
        outcome_row(
            external_id="CZ8-003",
            series=SERIES,
            edition="8",
            kind="sister_city",
            title="@cmd",
            chinese_city="Cangzhou",
            foreign_city="Čakovec",
            foreign_country="HR",
            stage="signed",
        ),
    ]
    assert import_outcomes_file(write_csv(tmp_path / "in.csv", rows)).errors == []
    first = tmp_path / "first.csv"
    export_outcomes(series, first, fmt="csv")

    # Act
    _wipe_outcomes()
    report = import_outcomes_file(first)
    second = tmp_path / "second.csv"
    export_outcomes(series, second, fmt="csv")

    # Assert
    assert report.summary_lines() == ["outcomes: 5 created, 0 updated, 0 unchanged"]
    assert second.read_bytes() == first.read_bytes()
    text = first.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(OUTCOME_COLUMNS)
    assert "沧州—罗兹 新能源合作项目" in text
    assert "Łódź" in text
    assert ",'=SUM(1+1)," in text
    assert Outcome.objects.get(external_id="CZ8-002").title == "=SUM(1+1)"
    assert Outcome.objects.get(external_id="CZ8-003").title == "@cmd"


def test_xlsx_export_imports_back_to_the_same_records(db, tmp_path):
    # Arrange
    series, _ = make_forum()
    import_outcomes_file(write_csv(tmp_path / "in.csv", GOOD_ROWS))
    _record_formula_titles(series, None)
    export_outcomes(series, tmp_path / "before.csv", fmt="csv")
    export_outcomes(series, tmp_path / "out.xlsx", fmt="xlsx")

    # Act
    _wipe_outcomes()
    report = import_outcomes_file(tmp_path / "out.xlsx")
    export_outcomes(series, tmp_path / "after.csv", fmt="csv")

    # Assert
    assert report.errors == []
    assert (tmp_path / "after.csv").read_bytes() == (tmp_path / "before.csv").read_bytes()


def test_export_command_writes_the_file_and_reimport_changes_nothing(db, tmp_path, capsys):
    # Arrange
    make_forum()
    import_outcomes_file(write_csv(tmp_path / "in.csv", GOOD_ROWS))
    out = tmp_path / "export.csv"

    # Act
    call_command("export_outcomes", series=SERIES, editions="7-8", output=str(out))
    report = import_outcomes_file(out)

    # Assert
    assert capsys.readouterr().out == f"outcomes: 4 rows written to {out}\n"
    assert report.summary_lines() == ["outcomes: 0 created, 0 updated, 3 unchanged"]
