"""``smeforum token create``, run in-process."""

import pytest

from smeforum.accounts.domain.tokens import authenticate_api_token
from smeforum.accounts.models import ApiToken
from smeforum.cli import main
from tests.factories import UserFactory

pytestmark = pytest.mark.integration


def test_token_create_prints_a_working_token_once(db, capsys):
    user = UserFactory(username="exporter", email="exporter@example.org")

    code = main(["token", "create", "exporter@example.org", "--scope", "write", "--name", "ci"])

    raw = capsys.readouterr().out.strip()
    assert code == 0
    assert authenticate_api_token(raw, write=True) == user
    token = ApiToken.objects.get()
    assert (token.user, token.name, token.scope, token.prefix) == (user, "ci", "write", raw[:8])


def test_token_create_for_unknown_email_exits_2(db, capsys):
    code = main(["token", "create", "nobody@example.org", "--scope", "read"])

    assert code == 2
    assert capsys.readouterr().err == "error: no active user with the email nobody@example.org\n"
    assert ApiToken.objects.count() == 0
