"""``smeforum import opportunities FILE``: cooperation opportunities from CSV or XLSX, all or
none (the format: docs/imports.md, "Cooperation opportunities")."""

from django.core.management.base import BaseCommand, CommandError

from smeforum.matchmaking.domain.imports import COLUMNS, import_opportunities_file


class Command(BaseCommand):
    help = (
        "Import cooperation opportunities from a CSV or XLSX file (columns: "
        + ", ".join(COLUMNS)
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
            help="create a missing organisation (an enterprise) instead of refusing its rows",
        )

    def handle(self, *args, file: str, dry_run: bool, create_missing: bool, **options):
        result = import_opportunities_file(file, create_missing=create_missing, dry_run=dry_run)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"nothing was imported: {len(result.problems)} problem(s) in {file}",
                returncode=2,
            )
        if dry_run:
            self.stdout.write("Dry run: nothing was written. The import would make these changes:")
        self.stdout.write(
            f"Opportunities: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )
        self.stdout.write(f"Organisations: {result.organisations_created} created")
