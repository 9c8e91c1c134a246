"""``smeforum report`` / ``smeforum manage report``: what the registry adds up to, the published
figures and how they reconcile, as JSON, Markdown, CSV, Excel or PDF (see docs/reports.md)."""

from django.core.management.base import BaseCommand, CommandError

from smeforum.reporting.command import ReportError, deliver, parse_request, produce
from smeforum.reporting.options import add_report_arguments


class Command(BaseCommand):
    help = (
        "Report on a forum series: counts and amounts from the outcome records, the figures "
        "published about it, and checks of the one against the other."
    )

    def add_arguments(self, parser):
        add_report_arguments(parser)

    def handle(self, *args, **options):
        try:
            request = parse_request(options)
            deliver(produce(request), request, self.stdout)
        except ReportError as error:
            raise CommandError(str(error), returncode=error.returncode) from None
