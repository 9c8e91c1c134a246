"""Spreadsheet imports into the outcomes registry and the reported figures.

``import_outcomes_file`` and ``import_statements_file`` read a CSV or XLSX file, validate every
row first and write all of it in one transaction, or nothing: any problem is reported with its
row (as a spreadsheet numbers it, the header being row 1) and column. Every write goes through
the data apps' domain functions, with ``actor=None``.
"""

from smeforum.outcomes.imports.outcomes import OUTCOME_COLUMNS, import_outcomes_file
from smeforum.outcomes.imports.report import ImportReport, RowError
from smeforum.outcomes.imports.statements import STATEMENT_COLUMNS, import_statements_file

__all__ = [
    "OUTCOME_COLUMNS",
    "STATEMENT_COLUMNS",
    "ImportReport",
    "RowError",
    "import_outcomes_file",
    "import_statements_file",
]
