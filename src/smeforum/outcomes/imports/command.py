"""The shared shape of the import management commands: FILE, --dry-run, --create-missing."""

from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError

from smeforum.outcomes.imports.report import ImportReport, write_report


class ImportCommand(BaseCommand):
    """Subclasses set ``columns``, ``importer`` (``importer(path, *, dry_run, create_missing)``)
    and ``create_missing_help``."""

    columns: tuple[str, ...] | list[str] = ()
    importer: Callable[..., ImportReport]
    create_missing_help = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv (UTF-8) or .xlsx file")
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and report, write nothing"
        )
        parser.add_argument("--create-missing", action="store_true", help=self.create_missing_help)

    def handle(self, *args, file: str, dry_run: bool, create_missing: bool, **options):
        report = type(self).importer(file, dry_run=dry_run, create_missing=create_missing)
        write_report(report, stdout=self.stdout, stderr=self.stderr, columns=self.columns)
        if not report.ok:
            raise CommandError(
                f"nothing was imported: {len(report.errors)} problem(s) in {file}",
                returncode=2,
            )
