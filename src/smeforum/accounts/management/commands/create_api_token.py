"""``smeforum token create EMAIL --scope read|write``: print a new personal API token once."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from smeforum.accounts.domain.tokens import create_api_token


class Command(BaseCommand):
    help = "Create a personal API token for a user and print it (it is shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="the user's email (or user name)")
        parser.add_argument("--scope", choices=["read", "write"], default="read")
        parser.add_argument("--name", dest="token_name", default="", help="what the token is for")

    def handle(self, *args, email: str, scope: str = "read", token_name: str = "", **options):
        users = get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
        user = users.filter(is_active=True).order_by("id").first()
        if user is None:
            raise CommandError(f"no active user with the email {email}", returncode=2)
        try:
            _, raw = create_api_token(user, scope=scope, name=token_name or "command line")
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages), returncode=2) from exc
        self.stdout.write(raw)
