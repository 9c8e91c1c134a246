"""``smeforum manage erase_person PERSON_ID``: erase a person's personal data."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from smeforum.accounts.domain.personal_data import erase_person
from smeforum.orgs.models import Person


class Command(BaseCommand):
    help = (
        "Erase a person's name, contacts and login, and scrub them from the audit log; "
        "registrations and outcomes stay."
    )

    def add_arguments(self, parser):
        parser.add_argument("person_id", type=int, help="the person's id")

    def handle(self, *args, person_id: int, **options):
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            raise CommandError(f"no person with the id {person_id}", returncode=2)
        try:
            erase_person(person, actor=None)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages), returncode=2) from exc
        self.stdout.write(f"Person {person_id} erased.")
