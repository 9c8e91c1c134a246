"""``smeforum import outcomes FILE``: outcomes from CSV or XLSX, all rows or none."""

from smeforum.outcomes.imports import OUTCOME_COLUMNS, import_outcomes_file
from smeforum.outcomes.imports.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import outcomes from a CSV or XLSX file (columns: "
        + ", ".join(OUTCOME_COLUMNS)
        + "). All rows or none; exit code 2 on errors."
    )
    columns = OUTCOME_COLUMNS
    importer = staticmethod(import_outcomes_file)
    create_missing_help = "create missing cities, series and editions instead of refusing the rows"
