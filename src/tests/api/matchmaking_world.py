"""A small matchmaking world for the API's matchmaking tests: an edition with a B2B session,
three organisations confirmed for it (one person each, attending, with a login), and helpers
to call the API with a write token."""

from __future__ import annotations

import json
from types import SimpleNamespace

from smeforum.accounts.domain.roles import grant_organiser_role, link_person_account
from smeforum.accounts.domain.tokens import create_api_token
from tests.factories import EditionFactory, UserFactory, make_b2b
from tests.matchmaking.factories import make_confirmed


def build_matchmaking_world() -> SimpleNamespace:
    edition = EditionFactory()
    b2b, _ = make_b2b(edition=edition, attendees=0)
    confirmations = {
        "valves": make_confirmed(edition, name="Cangzhou Valves", country="CN"),
        "pumps": make_confirmed(edition, name="Gdansk Pumps", country="PL"),
        "medical": make_confirmed(edition, name="Pecs Medical", country="HU"),
    }
    users = {}
    for key, confirmation in confirmations.items():
        users[key] = UserFactory(username=key)
        link_person_account(confirmation.attendees.get().person, user=users[key])
    users["organiser"] = UserFactory(username="matchmaker")
    grant_organiser_role(edition.series, user=users["organiser"], permissions=["matchmaking"])
    users["programmer"] = UserFactory(username="programmer")
    grant_organiser_role(edition.series, user=users["programmer"], permissions=["programme"])
    users["nobody"] = UserFactory(username="nobody")  # linked to no person
    return SimpleNamespace(edition=edition, b2b=b2b, users=users, **confirmations)


def call(client, method: str, url: str, user=None, body=None, **headers):
    """Call the API as ``user`` (a write token), with a JSON ``body``."""
    if user is not None:
        headers["Authorization"] = f"Bearer {create_api_token(user, scope='write')[1]}"
    return client.generic(
        method,
        url,
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        headers=headers,
    )
