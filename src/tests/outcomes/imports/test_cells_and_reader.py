import pytest

from smeforum.outcomes.imports import import_outcomes_file
from smeforum.outcomes.imports.cells import neutralise, restore

pytestmark = pytest.mark.unit

TRICKY = [
    "=SUM(1+1)",
    "+86 317 1234",
    "-5",
    "@cmd",
    "\tindented",
    "\rreturn",
    "＝1",
    "＋1",
    "－1",
    "＠x",
    "'=already quoted",
    "''@twice",
    "'plain quote",
    "沧州",
    "Łódź",
    "",
]


@pytest.mark.parametrize("value", TRICKY)
def test_restore_undoes_neutralise_for_every_string(value):
    assert restore(neutralise(value)) == value


def test_neutralise_prefixes_one_quote_only_where_a_formula_could_start():
    assert [neutralise(v) for v in ["=1", "+1", "@a", "Čakovec", "'x", "'=x"]] == [
        "'=1",
        "'+1",
        "'@a",
        "Čakovec",
        "'x",
        "''=x",
    ]


def test_file_that_is_not_utf8_is_refused_as_a_whole(db, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("external_id,title\nA,Łódź\n".encode("cp1250"))

    report = import_outcomes_file(path)

    assert [str(e) for e in report.errors] == [
        "latin1.csv is not UTF-8 text (byte 0xa3 at position 20); save it as CSV UTF-8"
    ]


def test_file_of_another_type_is_refused(db, tmp_path):
    path = tmp_path / "outcomes.ods"
    path.write_bytes(b"")

    report = import_outcomes_file(path)

    assert [str(e) for e in report.errors] == ["outcomes.ods: give a .csv or .xlsx file"]
