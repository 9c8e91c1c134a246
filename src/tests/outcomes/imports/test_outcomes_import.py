import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from smeforum.audit.models import AuditEntry
from smeforum.forums.models import Edition, ForumSeries
from smeforum.orgs.models import Organisation
from smeforum.outcomes.imports import import_outcomes_file
from smeforum.outcomes.models import Outcome, OutcomeAmount, OutcomeParty, SisterCityLink
from smeforum.reference.models import City
from tests.outcomes.imports.files import (
    GOOD_ROWS,
    SERIES,
    make_forum,
    outcome_row,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.integration

LODZ_GEONAMES_ID = 3093133


def _amounts(outcome):
    return sorted(
        (a.amount_kind, a.currency, a.amount) for a in OutcomeAmount.objects.filter(outcome=outcome)
    )


def _parties(outcome):
    return [
        (
            p.organisation.name if p.organisation else None,
            p.city.name if p.city else None,
            p.name,
            p.country,
            p.role,
        )
        for p in OutcomeParty.objects.filter(outcome=outcome).order_by("pk")
    ]


def _assert_good_rows_imported(editions):
    """The records GOOD_ROWS make, checked value by value."""
    project = Outcome.objects.get(external_id="CZ7-001")
    assert (project.series.slug, project.edition, project.kind.slug) == (
        SERIES,
        editions[7],
        "cooperation_project",
    )
    assert project.title == "沧州—罗兹 新能源合作项目"
    assert project.signed_on == dt.date(2023, 11, 13)
    assert sorted(project.fields.values_list("slug", flat=True)) == ["logistics", "new_energy"]
    assert _amounts(project) == [
        ("contractual", "EUR", Decimal("1250000.50")),
        ("realised", "CNY", Decimal("800000.00")),
    ]
    assert _parties(project) == [
        ("Polska Izba Gospodarcza", None, "", "PL", "party"),
        ("沧州市投资促进局", None, "", "CN", "party"),
    ]

    link = SisterCityLink.objects.get(outcome__external_id="CZ7-002")
    assert (link.chinese_city.name, link.chinese_city.name_zh) == ("Cangzhou", "沧州")
    assert (link.foreign_city.name, link.foreign_city.country) == ("Łódź", "PL")
    assert link.foreign_city.geonames_id == LODZ_GEONAMES_ID
    assert (link.stage, link.on, link.outcome.edition) == (
        "letter_of_intent",
        dt.date(2023, 11, 14),
        editions[7],
    )
    assert link.outcome.title == "沧州 – Łódź"
    assert _parties(link.outcome) == [
        (None, "Cangzhou", "", "CN", "chinese_party"),
        (None, "Łódź", "", "PL", "foreign_party"),
    ]

    memo = Outcome.objects.get(external_id="CZ8-001")
    assert (memo.kind.slug, memo.edition, memo.title) == (
        "memorandum",
        editions[8],
        "Memorandum on vocational training in Čakovec",
    )
    assert list(memo.fields.values_list("slug", flat=True)) == ["education"]
    assert _amounts(memo) == []
    assert _parties(memo) == [(None, None, "Međimurje County Chamber", "HR", "witness")]
    assert Outcome.objects.count() == 3


def test_import_good_csv_creates_outcomes_amounts_parties_fields_and_link(db, tmp_path):
    # Arrange
    _, editions = make_forum()
    path = write_csv(tmp_path / "outcomes.csv", GOOD_ROWS, bom=True)

    # Act
    report = import_outcomes_file(path)

    # Assert
    assert report.errors == []
    assert report.summary_lines() == [
        "outcomes: 3 created, 0 updated, 0 unchanged",
        "cities: 1 created",
    ]
    _assert_good_rows_imported(editions)


def test_import_good_xlsx_with_alternate_spelling_lodz_resolves_lodz(db, tmp_path):
    # Arrange
    _, editions = make_forum()
    rows = [dict(row) for row in GOOD_ROWS]
    rows[2]["foreign_city"] = "Lodz"
    path = write_xlsx(tmp_path / "outcomes.xlsx", rows)

    # Act
    report = import_outcomes_file(path)

    # Assert
    assert report.errors == []
    _assert_good_rows_imported(editions)
    assert City.objects.filter(geonames_id=LODZ_GEONAMES_ID).count() == 1


def test_import_xlsx_numbers_and_dates_typed_as_such_read_as_text(db, tmp_path):
    # Arrange: a spreadsheet where the edition, amount and date are numbers and a date
    _, editions = make_forum()
    from openpyxl import Workbook  # noqa: PLC0415 -- only this test builds typed cells

    workbook = Workbook()
    sheet = workbook.active
    row = outcome_row(external_id="CZ7-009", series=SERIES, kind="trade", title="Purchase")
    sheet.append(list(row))
    values = dict(row, edition=7, amount=1234.5, currency="USD", signed_on=dt.date(2023, 11, 13))
    sheet.append([values[c] or None for c in row])
    workbook.save(tmp_path / "typed.xlsx")

    # Act
    report = import_outcomes_file(tmp_path / "typed.xlsx")

    # Assert
    assert report.errors == []
    outcome = Outcome.objects.get(external_id="CZ7-009")
    assert (outcome.edition, outcome.signed_on) == (editions[7], dt.date(2023, 11, 13))
    assert _amounts(outcome) == [("contractual", "USD", Decimal("1234.50"))]


def test_dry_run_reports_what_it_would_create_and_writes_nothing(db, tmp_path):
    # Arrange
    make_forum()
    path = write_csv(tmp_path / "outcomes.csv", GOOD_ROWS)
    audit_before = AuditEntry.objects.count()

    # Act
    report = import_outcomes_file(path, dry_run=True)

    # Assert
    assert report.errors == []
    assert report.summary_lines() == [
        "Dry run: nothing was written. The import would make these changes:",
        "outcomes: 3 created, 0 updated, 0 unchanged",
        "cities: 1 created",
    ]
    assert Outcome.objects.count() == 0
    assert City.objects.filter(geonames_id=LODZ_GEONAMES_ID).exists() is False
    assert AuditEntry.objects.count() == audit_before


def test_reimport_of_the_same_file_changes_nothing(db, tmp_path):
    # Arrange
    make_forum()
    path = write_csv(tmp_path / "outcomes.csv", GOOD_ROWS)
    import_outcomes_file(path)
    audit_before = AuditEntry.objects.count()
    ids_before = sorted(Outcome.objects.values_list("pk", flat=True))

    # Act
    report = import_outcomes_file(path)

    # Assert
    assert report.errors == []
    assert report.summary_lines() == ["outcomes: 0 created, 0 updated, 3 unchanged"]
    assert AuditEntry.objects.count() == audit_before
    assert sorted(Outcome.objects.values_list("pk", flat=True)) == ids_before


def test_reimport_with_changed_values_updates_through_the_domain(db, tmp_path):
    # Arrange
    make_forum()
    import_outcomes_file(write_csv(tmp_path / "first.csv", GOOD_ROWS))
    rows = [dict(row) for row in GOOD_ROWS]
    del rows[1]  # the realised CNY amount goes
    rows[0].update(amount="1300000", parties="Polska Izba Gospodarcza (PL, investor)")
    rows[1].update(stage="signed", signed_on="2024-03-01")  # the sister-city link advances
    audit_before = AuditEntry.objects.count()

    # Act
    report = import_outcomes_file(write_csv(tmp_path / "second.csv", rows))

    # Assert
    assert report.errors == []
    assert report.summary_lines() == ["outcomes: 0 created, 2 updated, 1 unchanged"]
    project = Outcome.objects.get(external_id="CZ7-001")
    assert _amounts(project) == [("contractual", "EUR", Decimal("1300000.00"))]
    assert _parties(project) == [("Polska Izba Gospodarcza", None, "", "PL", "investor")]
    link = SisterCityLink.objects.get(outcome__external_id="CZ7-002")
    assert (link.stage, link.on, link.outcome.signed_on) == (
        "signed",
        dt.date(2024, 3, 1),
        dt.date(2024, 3, 1),
    )
    actions = sorted(
        AuditEntry.objects.order_by("pk")[audit_before:].values_list("action", flat=True)
    )
    assert actions == [
        "outcomes.outcome.changed",
        "outcomes.outcomeamount.changed",
        "outcomes.outcomeamount.deleted",
        "outcomes.outcomeparty.created",
        "outcomes.outcomeparty.deleted",
        "outcomes.outcomeparty.deleted",
        "outcomes.sistercitylink.stage_changed",
    ]
    assert all(e.actor is None and e.actor_label == "system" for e in AuditEntry.objects.all())


def test_one_bad_row_among_good_ones_imports_nothing_and_names_every_bad_cell(db, tmp_path):
    # Arrange
    make_forum()
    good = GOOD_ROWS[3]
    rows = [
        good,
        dict(good, external_id="B-1", amount="10", currency="XXQ"),
        dict(good, external_id="B-2", signed_on="2023-02-30"),
        dict(good, external_id="B-3", kind="joint_venture"),
        dict(good, external_id="B-4", series="no-such-forum"),
        dict(
            GOOD_ROWS[2],
            external_id="B-5",
            foreign_city="Shijiazhuang",
            foreign_country="CN",
        ),
        dict(GOOD_ROWS[2], external_id="B-6", foreign_city="Atlantis"),
        dict(good, external_id="B-7", amount="abc", currency="EUR"),
        dict(good, external_id="B-8", chinese_city="沧州"),
    ]
    path = write_csv(tmp_path / "bad.csv", rows)
    audit_before = AuditEntry.objects.count()

    # Act
    report = import_outcomes_file(path, dry_run=False)

    # Assert
    kinds = (
        "cooperation_project, memorandum, cooperation_agreement, sister_city, "
        "cultural_exchange, cooperative_education, technology_transfer, trade, other"
    )
    assert [str(e) for e in report.sorted_errors()] == [
        'row 3, column currency: "XXQ" is not an ISO 4217 currency code',
        'row 4, column signed_on: "2023-02-30" is not a date in the form YYYY-MM-DD',
        f'row 5, column kind: "joint_venture" is not an outcome kind (one of {kinds})',
        'row 6, column series: no series "no-such-forum" (--create-missing creates it)',
        'row 7, column foreign_country: "CN" is China: a sister-city link joins a Chinese city '
        "and a city in another country",
        'row 8, column foreign_city: no city "Atlantis" in Poland (PL), neither in the City '
        "table nor in the GeoNames data (--create-missing adds it)",
        'row 9, column amount: "abc" is not a plain decimal number (e.g. 1250000.50)',
        "row 10, column chinese_city: only a sister_city outcome has a chinese_city; leave it "
        'empty for kind "memorandum"',
    ]
    assert Outcome.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before


def test_command_exits_2_and_prints_every_problem(db, tmp_path, capsys):
    # Arrange
    make_forum()
    rows = [GOOD_ROWS[3], dict(GOOD_ROWS[3], external_id="B-1", edition="0", title="")]
    path = write_csv(tmp_path / "bad.csv", rows)

    # Act
    with pytest.raises(CommandError) as raised:
        call_command("import_outcomes", str(path))

    # Assert
    assert raised.value.returncode == 2
    assert str(raised.value) == f"nothing was imported: 2 problem(s) in {path}"
    assert capsys.readouterr().err.splitlines() == [
        'row 3, column edition: "0" is not an edition number (1, 2, 3...)',
        "row 3, column title: must not be empty",
    ]
    assert Outcome.objects.count() == 0


def test_rows_of_one_outcome_must_agree_outside_the_amount_columns(db, tmp_path):
    # Arrange
    make_forum()
    rows = [GOOD_ROWS[0], dict(GOOD_ROWS[1], title="Another title", currency="EUR")]
    rows[1]["amount_kind"] = "contractual"

    # Act
    report = import_outcomes_file(write_csv(tmp_path / "rows.csv", rows))

    # Assert
    assert [str(e) for e in report.sorted_errors()] == [
        "row 3, column title: differs from row 2, which has the same external_id; the rows of "
        "one outcome may differ only in amount, currency and amount_kind",
        "row 3, column currency: row 2 already gives this outcome a contractual amount in EUR",
    ]


def test_header_with_unknown_and_missing_columns_is_refused(db, tmp_path):
    # Arrange
    columns = [c for c in GOOD_ROWS[0] if c != "stage"] + ["Title"]

    # Act
    report = import_outcomes_file(write_csv(tmp_path / "h.csv", [], columns=columns))

    # Assert
    assert [str(e) for e in report.errors] == [
        "row 1, column Title: is not a column of this import",
        "row 1: missing columns: stage",
    ]


def test_create_missing_creates_city_series_and_unpublished_edition(db, tmp_path):
    # Arrange: nothing of the forum exists
    row = dict(
        GOOD_ROWS[2],
        external_id="N-1",
        series="new-forum",
        edition="1",
        signed_on="2024-05-20",
        chinese_city="Cangzhou Lingang",
        foreign_city="Nowa Wieś Testowa",
    )
    path = write_csv(tmp_path / "new.csv", [row])

    # Act
    refused = import_outcomes_file(path)
    report = import_outcomes_file(path, create_missing=True)

    # Assert
    assert [str(e) for e in refused.sorted_errors()] == [
        'row 2, column series: no series "new-forum" (--create-missing creates it)',
        'row 2, column chinese_city: no city "Cangzhou Lingang" in China (CN), neither in the '
        "City table nor in the GeoNames data (--create-missing adds it)",
        'row 2, column foreign_city: no city "Nowa Wieś Testowa" in Poland (PL), neither in '
        "the City table nor in the GeoNames data (--create-missing adds it)",
    ]
    assert report.errors == []
    assert report.summary_lines() == [
        "outcomes: 1 created, 0 updated, 0 unchanged",
        "cities: 2 created",
        "series: 1 created",
        "editions: 1 created",
        'edition 1 of series "new-forum": created unpublished, dated 2024 (year only) - set '
        "its real dates in the back office",
    ]
    lingang = City.objects.get(name="Cangzhou Lingang")
    assert (lingang.country, lingang.geonames_id, lingang.time_zone) == (
        "CN",
        None,
        "Asia/Shanghai",
    )
    assert City.objects.get(name="Nowa Wieś Testowa").country == "PL"
    series = ForumSeries.objects.get(slug="new-forum")
    assert (series.name_en, series.host_city) == ("new-forum", lingang)
    edition = Edition.objects.get(series=series)
    assert (edition.number, edition.start_date, edition.end_date) == (
        1,
        dt.date(2024, 1, 1),
        dt.date(2024, 1, 1),
    )
    assert (edition.date_precision, edition.is_published, edition.host_city) == (
        "year",
        False,
        lingang,
    )
    link = SisterCityLink.objects.get()
    assert (link.outcome.edition, link.chinese_city, link.foreign_city.name) == (
        edition,
        lingang,
        "Nowa Wieś Testowa",
    )


def test_create_missing_series_without_chinese_city_is_hosted_in_cangzhou(db, tmp_path):
    # Arrange
    row = dict(GOOD_ROWS[3], series="other-forum", edition="")

    # Act
    report = import_outcomes_file(write_csv(tmp_path / "o.csv", [row]), create_missing=True)

    # Assert
    assert report.errors == []
    series = ForumSeries.objects.get(slug="other-forum")
    assert (series.host_city.name, series.host_city.geonames_id) == ("Cangzhou", 1816080)
    assert Outcome.objects.get().edition is None
    assert Organisation.objects.count() == 0


def test_a_sister_city_link_recorded_twice_at_one_stage_is_refused(db, tmp_path):
    # Arrange: CZ7-002 records Cangzhou – Łódź at the letter-of-intent stage
    make_forum()
    import_outcomes_file(write_csv(tmp_path / "first.csv", GOOD_ROWS))
    again = dict(GOOD_ROWS[2], external_id="CZ7-005", foreign_city="Lodz")
    rows = [again, dict(again, external_id="CZ7-006", stage="signed"), dict(again, stage="signed")]
    rows[2]["external_id"] = "CZ7-007"

    # Act
    report = import_outcomes_file(write_csv(tmp_path / "second.csv", rows))

    # Assert
    assert [str(e) for e in report.sorted_errors()] == [
        "row 2, column stage: the link between Cangzhou and Łódź is already recorded at this "
        'stage (outcome "CZ7-002" of series "cangzhou-sme")',
        "row 4, column stage: row 3 already records the link between Cangzhou and Łódź at this "
        "stage",
    ]
    assert Outcome.objects.count() == 3
