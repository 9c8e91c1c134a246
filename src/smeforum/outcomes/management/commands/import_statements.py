"""``smeforum import statements FILE``: published figures from CSV or XLSX, all or none."""

from smeforum.outcomes.imports import STATEMENT_COLUMNS, import_statements_file
from smeforum.outcomes.imports.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import published figures from a CSV or XLSX file (columns: "
        + ", ".join(STATEMENT_COLUMNS)
        + "). All rows or none; exit code 2 on errors."
    )
    columns = STATEMENT_COLUMNS
    importer = staticmethod(import_statements_file)
    create_missing_help = "create a missing series instead of refusing its rows"
