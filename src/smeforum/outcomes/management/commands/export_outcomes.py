"""``smeforum export outcomes``: a series' outcomes in the columns of the outcomes import."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smeforum.forums.models import ForumSeries
from smeforum.outcomes.exports import EXPORT_FORMATS, export_outcomes
from smeforum.outcomes.imports.values import CellError, parse_edition_range


class Command(BaseCommand):
    help = "Export a series' outcomes as CSV, XLSX or JSON (the columns of the outcomes import)."

    def add_arguments(self, parser):
        parser.add_argument("--series", required=True, help="the series' slug")
        parser.add_argument("--editions", help="one edition (4) or a range (1-4)")
        parser.add_argument(
            "--format", choices=EXPORT_FORMATS, help="default: the output file's extension"
        )
        parser.add_argument("-o", "--output", required=True, help="the file to write")

    def handle(self, *args, series: str, editions, format, output: str, **options):
        found = ForumSeries.objects.filter(slug=series).first()
        if found is None:
            raise CommandError(f'no series "{series}"', returncode=2)
        fmt = format or Path(output).suffix.lower().lstrip(".")
        if fmt not in EXPORT_FORMATS:
            raise CommandError(
                f"give --format ({', '.join(EXPORT_FORMATS)}) or a file ending in one of them",
                returncode=2,
            )
        numbers = None
        if editions:
            try:
                numbers = parse_edition_range(editions)
            except CellError as exc:
                raise CommandError(f"--editions: {exc}", returncode=2) from exc
        count = export_outcomes(found, output, fmt=fmt, editions=numbers)
        self.stdout.write(f"outcomes: {count} rows written to {output}")
