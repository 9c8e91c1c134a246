"""Building import files in a temporary folder, and the forum the import tests run against."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from smeforum.forums.models import Edition, ForumSeries
from smeforum.outcomes.imports import OUTCOME_COLUMNS
from smeforum.reference.domain.cities import import_geonames_city
from tests.factories import EditionFactory, OrganisationFactory, SeriesFactory

CANGZHOU_GEONAMES_ID = 1816080
SERIES = "cangzhou-sme"


def write_csv(path: Path, rows: list[dict[str, str]], columns=OUTCOME_COLUMNS, *, bom=False):
    """A UTF-8 CSV (with a byte-order mark when ``bom``) with ``columns`` as its header."""
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[dict[str, str]], columns=OUTCOME_COLUMNS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(column, "") or None for column in columns])
    workbook.save(path)
    return path


def make_forum(*, numbers=(7, 8)) -> tuple[ForumSeries, dict[int, Edition]]:
    """The series ``cangzhou-sme`` hosted in Cangzhou (imported from GeoNames) with editions
    ``numbers``, and two organisations the parties column can name."""
    cangzhou = import_geonames_city(CANGZHOU_GEONAMES_ID)
    series = SeriesFactory(slug=SERIES, host_city=cangzhou)
    editions = {
        n: EditionFactory(
            series=series,
            number=n,
            start_date=dt.date(2016 + n, 11, 13),
            end_date=dt.date(2016 + n, 11, 14),
        )
        for n in numbers
    }
    OrganisationFactory(name="Polska Izba Gospodarcza", name_en="Polish Chamber of Commerce")
    OrganisationFactory(
        name="沧州市投资促进局", name_en="Cangzhou Investment Promotion Bureau", country="CN"
    )
    return series, editions


def outcome_row(**values: str) -> dict[str, str]:
    row = dict.fromkeys(OUTCOME_COLUMNS, "")
    row.update(values)
    return row


#: A good file: a project with two amounts (two rows), a sister-city link, a memorandum.
GOOD_ROWS = [
    outcome_row(
        external_id="CZ7-001",
        series=SERIES,
        edition="7",
        kind="cooperation_project",
        title="沧州—罗兹 新能源合作项目",
        signed_on="2023-11-13",
        amount="1250000.50",
        currency="EUR",
        amount_kind="contractual",
        fields="new_energy; logistics",
        parties="Polish Chamber of Commerce (PL); 沧州市投资促进局 (CN)",
    ),
    outcome_row(
        external_id="CZ7-001",
        series=SERIES,
        edition="7",
        kind="cooperation_project",
        title="沧州—罗兹 新能源合作项目",
        signed_on="2023-11-13",
        amount="800000",
        currency="CNY",
        amount_kind="realised",
        fields="new_energy; logistics",
        parties="Polish Chamber of Commerce (PL); 沧州市投资促进局 (CN)",
    ),
    outcome_row(
        external_id="CZ7-002",
        series=SERIES,
        edition="7",
        kind="sister_city",
        signed_on="2023-11-14",
        chinese_city="沧州",
        foreign_city="Łódź",
        foreign_country="PL",
        stage="letter_of_intent",
    ),
    outcome_row(
        external_id="CZ8-001",
        series=SERIES,
        edition="8",
        kind="memorandum",
        title="Memorandum on vocational training in Čakovec",
        signed_on="2024-11-07",
        fields="education",
        parties="Međimurje County Chamber (HR, witness)",
    ),
]
