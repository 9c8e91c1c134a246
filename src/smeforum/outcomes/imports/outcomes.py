"""``smeforum import outcomes``: outcomes from a CSV or XLSX file, all rows or none.

Columns (exact header names): see :data:`OUTCOME_COLUMNS`. One row per amount: an outcome with
several amounts (contractual and realised, or in two currencies) has one row per amount, all
with the same ``external_id`` and the same values in every other column; an outcome without an
amount is one row with ``amount``, ``currency`` and ``amount_kind`` empty. Rows are matched to
stored outcomes on ``series`` + ``external_id`` (required): a match whose values differ is
updated, so the stored outcome ends with exactly the file's fields, parties and amounts
(parties and amounts the file no longer lists are deleted, with an audit entry). An import does
not turn an outcome into a sister-city link or back, nor change a link's cities.

``sister_city`` rows need ``chinese_city``, ``foreign_city``, ``foreign_country`` and ``stage``
(other kinds leave them empty). Cities are found by name or Chinese name in the City table
(case-insensitive), then by name or alternate name in the shipped GeoNames data, which is
imported; see :mod:`.refs` for what ``--create-missing`` creates.

``parties`` is a ``;``-separated list of ``Name (ISO2)``, optionally ``Name (ISO2, role)`` for
a role other than "party" (investor, witness, chinese_party, foreign_party). A name that is an
Organisation's name or English name in that country links the organisation; any other name is
stored as free text. For ``sister_city`` outcomes the two city parties that the link records
itself are not listed. Not carried by the file: the English title (sister-city links make their
own), status history, session, note, links and a sister-city link's level (city).
"""

from __future__ import annotations

from pathlib import Path

from smeforum.outcomes.imports.outcome_plan import OUTCOME_COLUMNS
from smeforum.outcomes.imports.outcome_rows import OutcomeRows
from smeforum.outcomes.imports.outcome_writer import (
    check_sister_city_links,
    compare_outcome,
    write_outcomes,
)
from smeforum.outcomes.imports.reader import UnreadableFileError, read_rows
from smeforum.outcomes.imports.report import ImportReport

__all__ = ["OUTCOME_COLUMNS", "import_outcomes_file"]


def import_outcomes_file(
    path: Path | str, *, dry_run: bool = False, create_missing: bool = False
) -> ImportReport:
    """Validate every row of ``path``, then create or update its outcomes in one transaction.

    Returns the report: with errors, nothing was written; with ``dry_run``, nothing was
    written and the counts say what the import would do.
    """
    report = ImportReport(dry_run=dry_run)
    try:
        rows, header_errors = read_rows(Path(path), OUTCOME_COLUMNS)
    except UnreadableFileError as exc:
        report.error(None, None, str(exc))
        return report
    report.errors += header_errors
    if header_errors:
        return report
    report.tally("outcomes")  # the first line of the summary
    plans = OutcomeRows(report, create_missing=create_missing).plans(rows)
    for plan in plans:
        compare_outcome(plan, report)
    check_sister_city_links(plans, report)
    if not report.ok:
        return report
    for plan in plans:
        action = "created" if plan.existing is None else "updated" if plan.changes else "unchanged"
        report.count("outcomes", action)
    if not dry_run:
        write_outcomes(plans, report)
    return report
