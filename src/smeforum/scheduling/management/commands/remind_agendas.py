"""``smeforum match remind``: remind the participants of B2B sessions of their agendas, by email
in each one's language. For a cron the day before: ``--due`` picks the B2B sessions with
published agendas that take place tomorrow in their edition's time zone; ``--series`` and
``--edition`` name one edition's B2B sessions instead (docs/matchmaking.md)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from smeforum.forums.models import Edition
from smeforum.scheduling.domain.publication import send_agenda_reminders
from smeforum.scheduling.models import B2BSession


def _due(now: dt.datetime) -> list[B2BSession]:
    """Published B2B sessions whose day is tomorrow in their edition's time zone."""
    today = now.date()
    sessions = (
        B2BSession.objects.filter(
            agendas_published_at__isnull=False,
            session__day__range=(today, today + dt.timedelta(days=2)),
        )
        .select_related("session__edition__series")
        .order_by("session__day", "pk")
    )
    return [
        b2b
        for b2b in sessions
        if b2b.session.day == now.astimezone(b2b.session.edition.tz).date() + dt.timedelta(days=1)
    ]


def _of_edition(series: str, number: int) -> list[B2BSession]:
    edition = Edition.objects.filter(series__slug=series, number=number).first()
    if edition is None:
        raise CommandError(f"--edition: {series} has no edition {number}", returncode=2)
    return list(
        B2BSession.objects.filter(session__edition=edition)
        .select_related("session__edition__series")
        .order_by("session__day", "pk")
    )


class Command(BaseCommand):
    help = "Email the participants of B2B sessions a reminder of their agendas."

    def add_arguments(self, parser):
        parser.add_argument("--series", help="the series' slug (with --edition)")
        parser.add_argument("--edition", type=int, help="the edition's number (with --series)")
        parser.add_argument(
            "--due", action="store_true", help="the B2B sessions taking place tomorrow"
        )

    def handle(self, *args, series, edition, due, **options):
        if due == (series is not None or edition is not None):
            raise CommandError("give either --due or --series with --edition", returncode=2)
        if not due and (series is None or edition is None):
            raise CommandError("--series and --edition go together", returncode=2)
        sessions = _due(timezone.now()) if due else _of_edition(series, edition)
        failed = False
        for b2b in sessions:
            try:
                people = send_agenda_reminders(b2b)
            except ValidationError as exc:
                self.stderr.write(f"{b2b}: {' '.join(exc.messages)}")
                failed = True
                continue
            self.stdout.write(f"{b2b}: reminder sent to {people} people")
        if not sessions:
            self.stdout.write("No B2B session to remind.")
        if failed:
            raise CommandError("some B2B sessions were not reminded", returncode=1)
