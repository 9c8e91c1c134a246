"""Importing opportunities: every problem at once with its row and column, nothing written
unless every row is right, --create-missing, re-imports updating in place."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from smeforum.matchmaking.domain import publish_opportunity
from smeforum.matchmaking.domain.imports import COLUMNS, import_opportunities
from smeforum.matchmaking.models import Opportunity, Profile
from smeforum.orgs.models import Organisation
from tests.factories import EditionFactory, OrganisationFactory, SeriesFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HEADER = ",".join(COLUMNS)


@pytest.fixture
def world():
    series = SeriesFactory(slug="cangzhou")
    EditionFactory(series=series, number=5)
    OrganisationFactory(name="Huta Pipes", name_en="Huta Pipes", country="PL")
    return series


def _csv(*lines: str) -> bytes:
    return ("\n".join((HEADER, *lines)) + "\n").encode("utf-8")


def _import(data: bytes, **kwargs):
    return import_opportunities(data, filename="opportunities.csv", **kwargs)


ROW = "EEN-1,cangzhou,5,Huta Pipes,PL,business_offer,Steel pipes,Seamless pipes,C;24,CN;RS,en"


def test_a_good_file_creates_submitted_opportunities(world):
    # Act
    result = _import(_csv(ROW, "EEN-2,cangzhou,,Huta Pipes,PL,technology_request,Coating,,,,pl"))

    # Assert
    assert result.problems == []
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    first = Opportunity.objects.get(external_id="EEN-1")
    assert (first.status, first.edition.number, first.summary) == (
        "submitted",
        5,
        "Seamless pipes",
    )
    assert sorted(first.sectors.values_list("code", flat=True)) == ["24", "C"]
    assert first.target_countries == ["CN", "RS"]
    assert Opportunity.objects.get(external_id="EEN-2").edition is None  # evergreen
    assert Profile.objects.get().organisation.name == "Huta Pipes"


def test_every_problem_is_listed_and_nothing_is_written(world):
    # Act
    result = _import(
        _csv(
            ROW,
            "EEN-3,nowhere,5,Huta Pipes,PL,business_offer,Pipes,,C,,en",
            "EEN-4,cangzhou,9,Huta Pipes,XX,barter,,,C;ZZ,CN;QQ,english",
            "EEN-1,cangzhou,five,Unknown Ltd,HU,business_offer,Pipes,,,,en",
        )
    )

    # Assert
    assert [str(p) for p in result.problems] == [
        "row 3, column series: no series with the slug “nowhere”",
        "row 4, column title: required",
        "row 4, column edition: cangzhou has no edition 9",
        "row 4, column country: “XX” is not an ISO 3166-1 alpha-2 country code (e.g. CN, PL, RS).",
        "row 4, column kind: “barter” is not one of business_offer, business_request, "
        "technology_offer, technology_request, rd_request, investment_offer, investment_request",
        "row 4, column sectors: not NACE Rev. 2 codes: ZZ",
        "row 4, column target_countries: Not ISO 3166-1 alpha-2 country codes: QQ "
        "(e.g. CN, PL, RS).",
        "row 4, column language: “english” is not an ISO 639-1 language code "
        "(e.g. zh, pl, hu, en).",
        "row 5, column edition: give the edition's number, e.g. 5",
        "row 5, column external_id: repeats row 2",
        "row 5, column organisation: no organisation named “Unknown Ltd” in HU (add it, or import "
        "with --create-missing)",
    ]
    assert (result.created, result.updated) == (0, 0)
    assert not Opportunity.objects.exists()
    assert not Profile.objects.exists()


def test_a_wrong_header_is_reported(world):
    # Act
    result = import_opportunities(
        b"external_id,series,title,colour\nA,cangzhou,Pipes,red\n", filename="x.csv"
    )

    # Assert
    assert [str(p) for p in result.problems] == [
        "row 1: missing columns: edition, organisation, country, kind, description, sectors, "
        "target_countries, language",
        "row 1: unknown columns: colour",
    ]


def test_create_missing_creates_the_organisation_once(world):
    # Act
    result = _import(
        _csv(
            "A-1,cangzhou,5,Tisza Tech,HU,business_request,Distributors,,,,hu",
            "A-2,cangzhou,5,Tisza Tech,HU,investment_request,Investors,,,,hu",
        ),
        create_missing=True,
    )

    # Assert
    assert result.problems == []
    assert result.organisations_created == 1
    organisation = Organisation.objects.get(name="Tisza Tech", country="HU")
    assert organisation.kind == Organisation.Kind.ENTERPRISE
    assert organisation.matchmaking_profile.opportunities.count() == 2


def test_reimport_updates_in_place_and_counts_unchanged_rows(world):
    # Arrange
    _import(_csv(ROW, "EEN-2,cangzhou,,Huta Pipes,PL,business_offer,Valves,,,,en"))
    opportunity = Opportunity.objects.get(external_id="EEN-1")
    publish_opportunity(opportunity)

    # Act
    result = _import(
        _csv(
            "EEN-1,cangzhou,5,Huta Pipes,PL,business_offer,Steel pipes,Seamless pipes,C,CN;RS,en",
            "EEN-2,cangzhou,,Huta Pipes,PL,business_offer,Valves,,,,en",
        )
    )

    # Assert
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert Opportunity.objects.count() == 2
    opportunity.refresh_from_db()
    assert list(opportunity.sectors.values_list("code", flat=True)) == ["C"]
    assert opportunity.status == "submitted"  # changed by its source: moderated again


def test_dry_run_writes_nothing_but_counts(world):
    # Act
    result = _import(_csv(ROW), dry_run=True)

    # Assert
    assert (result.ok, result.created) == (True, 1)
    assert not Opportunity.objects.exists()


def test_xlsx_is_read_too(world):
    # Arrange
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    sheet.append(
        ["X-1", "cangzhou", 5, "Huta Pipes", "PL", "rd_request", "Sensors", "", "", "", "en"]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)

    # Act
    result = import_opportunities(buffer.getvalue(), filename="opportunities.xlsx")

    # Assert
    assert (result.problems, result.created) == ([], 1)
    assert Opportunity.objects.get().edition.number == 5


def test_the_command_reports_problems_and_exits_2(world, tmp_path, capsys):
    # Arrange
    path = tmp_path / "opportunities.csv"
    path.write_bytes(_csv("EEN-1,cangzhou,5,Nobody,PL,business_offer,Pipes,,,,en"))

    # Act
    with pytest.raises(CommandError) as info:
        call_command("import_opportunities", str(path))

    # Assert
    assert info.value.returncode == 2
    assert (
        "row 2, column organisation: no organisation named “Nobody” in PL"
        in capsys.readouterr().err
    )


def test_the_command_creates_missing_organisations_when_asked(world, tmp_path, capsys):
    # Arrange
    path = tmp_path / "opportunities.csv"
    path.write_bytes(_csv("EEN-1,cangzhou,5,Nobody,PL,business_offer,Pipes,,,,en"))

    # Act
    call_command("import_opportunities", str(path), create_missing=True)

    # Assert
    assert capsys.readouterr().out.splitlines() == [
        "Opportunities: 1 created, 0 updated, 0 unchanged",
        "Organisations: 1 created",
    ]
