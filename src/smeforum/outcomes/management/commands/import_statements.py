"""``smeforum import statements FILE``: published figures from CSV or XLSX, all or none."""

from django.core.management.base import BaseCommand, CommandError

from smeforum.outcomes.imports import STATEMENT_COLUMNS, import_statements_file
from smeforum.outcomes.imports.report import write_report


class Command(BaseCommand):
    help = (
        "Import published figures from a CSV or XLSX file (columns: "
        + ", ".join(STATEMENT_COLUMNS)
        + "). All rows or none; exit code 2 on errors."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv (UTF-8) or .xlsx file")
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and report, write nothing"
        )
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="create a missing series instead of refusing its rows",
        )

    def handle(self, *args, file: str, dry_run: bool, create_missing: bool, **options):
        report = import_statements_file(file, dry_run=dry_run, create_missing=create_missing)
        write_report(report, stdout=self.stdout, stderr=self.stderr, columns=STATEMENT_COLUMNS)
        if not report.ok:
            raise CommandError(
                f"nothing was imported: {len(report.errors)} problem(s) in {file}",
                returncode=2,
            )
