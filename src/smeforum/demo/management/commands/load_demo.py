"""``smeforum manage load_demo``: load the Cangzhou demo; a second run changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from smeforum.demo.accounts import ensure_demo_logins
from smeforum.demo.b2b import SampleB2B
from smeforum.demo.ledger import Ledger
from smeforum.demo.matchmaking import SampleMatchmaking
from smeforum.demo.outcomes import SampleOutcomes, SourcedSisterCities
from smeforum.demo.samples import SampleGenerator
from smeforum.demo.sourced import SourcedLoader


class Command(BaseCommand):
    help = "Load the sourced Cangzhou forum history and labelled sample records (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-samples", action="store_true", help="load sourced facts only")

    def handle(self, *args, no_samples: bool = False, **options):
        ledger = Ledger()
        with transaction.atomic():
            loader = SourcedLoader(ledger)
            series = loader.load()
            SourcedSisterCities(ledger, series, loader.data).load()
            if not no_samples:
                SampleGenerator(ledger, series).generate()
                SampleOutcomes(ledger, series).generate()
                SampleMatchmaking(ledger, series).generate()
                SampleB2B(ledger, series).generate()
                SampleOutcomes(ledger, series).trace_rated_meeting()
        with transaction.atomic():
            logins = ensure_demo_logins(ledger, data_dir=settings.DATA_DIR, series=series)
        if ledger.total == 0:
            self.stdout.write("Demo data already loaded: nothing changed.")
        else:
            self.stdout.write(f"Demo data loaded: {ledger.total} records created.")
            for label, count in sorted(ledger.created.items()):
                self.stdout.write(f"  {label}: {count}")
        self.stdout.write("Logins:")
        for login in logins:
            self.stdout.write(f"  {login.role}: {login.email} / {login.password}")
        for login in logins:
            if login.totp_secret:
                self.stdout.write(
                    f"Two-factor (TOTP) secret of {login.email}: {login.totp_secret} "
                    "(add it to an authenticator app; the back office asks for its code)"
                )
