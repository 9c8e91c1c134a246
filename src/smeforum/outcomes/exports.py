"""Exporting a series' outcomes as CSV, XLSX or JSON, in the columns of the outcomes import.

Design, chosen so that export → import → export is lossless for everything the columns hold:

- **One row per amount.** An outcome with several amounts (e.g. contractual and realised, or
  one amount in two currencies) is written as several rows with the same ``external_id`` and
  the same values in every other column, ordered by amount kind and currency; an outcome
  without an amount is one row with ``amount``, ``currency`` and ``amount_kind`` empty. The
  import reads such rows back into one outcome (see :mod:`smeforum.outcomes.imports.outcomes`).
- Rows are ordered by edition number (between-editions outcomes last), signing date, external
  id; amounts as stored (two decimals); fields and parties joined with ``"; "``; parties as
  ``Name (ISO2)``, or ``Name (ISO2, role)`` for a role other than "party", with an
  organisation's original name; a sister-city link's own two city parties are not listed (the
  link's cities are in their own columns and the import records those parties again).
- In CSV and XLSX a cell that a spreadsheet would read as a formula (it begins with = + - @,
  TAB, CR or full-width ＝＋－＠) is prefixed with one single quote, which the import strips
  again (:mod:`smeforum.outcomes.imports.cells`); XLSX cells are always written as text,
  never as formulas. JSON holds the values as they are: a list of objects with the same keys.
- CSV is UTF-8 with a byte-order mark (so spreadsheet programs read CJK and diacritics right)
  and CRLF line ends.
- With ``editions`` only outcomes of those editions are written (not those between editions).
- Not written (nor imported): the English title, status history, session, note, links, a
  sister-city link's level; outcomes without an external id are written with an empty one,
  which the import refuses (it needs the id to match rows on a later import).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from django.db.models import F
from openpyxl import Workbook

from smeforum.forums.models import ForumSeries
from smeforum.outcomes.imports.cells import neutralise
from smeforum.outcomes.imports.outcome_plan import (
    OUTCOME_COLUMNS,
    format_party,
    without_link_cities,
)
from smeforum.outcomes.models import Outcome, SisterCityLink

EXPORT_FORMATS = ("csv", "xlsx", "json")


def _link(outcome: Outcome) -> SisterCityLink | None:
    try:
        return outcome.sister_city_link
    except SisterCityLink.DoesNotExist:
        return None


def outcome_rows(
    series: ForumSeries, *, editions: tuple[int, int] | None = None
) -> list[dict[str, str]]:
    """The export's rows for ``series`` (optionally editions ``first``–``last``), as text."""
    outcomes = (
        Outcome.objects.filter(series=series)
        .select_related(
            "edition", "kind", "sister_city_link__chinese_city", "sister_city_link__foreign_city"
        )
        .prefetch_related("fields", "amounts", "parties__organisation", "parties__city")
        .order_by(
            F("edition__number").asc(nulls_last=True),
            F("signed_on").asc(nulls_last=True),
            "external_id",
            "pk",
        )
    )
    if editions is not None:
        outcomes = outcomes.filter(
            edition__number__gte=editions[0], edition__number__lte=editions[1]
        )
    rows = []
    for outcome in outcomes:
        link = _link(outcome)
        parties = without_link_cities(sorted(outcome.parties.all(), key=lambda p: p.pk), link)
        base = {
            "external_id": outcome.external_id,
            "series": series.slug,
            "edition": str(outcome.edition.number) if outcome.edition else "",
            "kind": outcome.kind.slug,
            "title": outcome.title,
            "signed_on": outcome.signed_on.isoformat() if outcome.signed_on else "",
            "amount": "",
            "currency": "",
            "amount_kind": "",
            "fields": "; ".join(sorted(f.slug for f in outcome.fields.all())),
            "parties": "; ".join(format_party(p) for p in parties),
            "chinese_city": link.chinese_city.name if link else "",
            "foreign_city": link.foreign_city.name if link else "",
            "foreign_country": link.foreign_city.country if link else "",
            "stage": link.stage if link else "",
        }
        amounts = sorted(outcome.amounts.all(), key=lambda a: (a.amount_kind, a.currency))
        if not amounts:
            rows.append(base)
        for amount in amounts:
            rows.append(
                dict(
                    base,
                    amount=f"{amount.amount:f}",
                    currency=amount.currency,
                    amount_kind=amount.amount_kind,
                )
            )
    return rows


def rows_to_csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(OUTCOME_COLUMNS)
    for row in rows:
        writer.writerow([neutralise(row[column]) for column in OUTCOME_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def rows_to_xlsx(rows: list[dict[str, str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "outcomes"
    header = {column: column for column in OUTCOME_COLUMNS}
    for line, values in enumerate([header, *rows], 1):
        for index, column in enumerate(OUTCOME_COLUMNS, 1):
            text = neutralise(values[column])
            if not text:
                continue
            cell = sheet.cell(row=line, column=index)
            cell.value = text
            cell.data_type = "s"  # text, never a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rows_to_json(rows: list[dict[str, str]]) -> bytes:
    return (json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def export_outcomes(
    series: ForumSeries,
    path: Path | str,
    *,
    fmt: str,
    editions: tuple[int, int] | None = None,
) -> int:
    """Write the outcomes of ``series`` to ``path`` as ``fmt`` (csv, xlsx or json); returns the
    number of rows written."""
    rows = outcome_rows(series, editions=editions)
    writers = {"csv": rows_to_csv, "xlsx": rows_to_xlsx, "json": rows_to_json}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    Path(path).write_bytes(writers[fmt](rows))
    return len(rows)
