"""Shared set-up of the schedule board's tests: an edition in Warsaw time, an organiser of its
series with the ``matchmaking`` permission, and helpers to name the board's URLs."""

import pytest
from django.urls import reverse

from smeforum.accounts.domain.roles import grant_organiser_role
from tests.factories import EditionFactory, UserFactory


def board_url(name: str, *args) -> str:
    """The URL of the schedule page ``name`` (``board``, ``setup``, ``move``, ...)."""
    return reverse(f"admin:scheduling_b2bsession_{name}", args=args)


@pytest.fixture
def edition(db):
    return EditionFactory(time_zone="Europe/Warsaw")


@pytest.fixture
def organiser(edition):
    user = UserFactory(username="matchmaker")
    grant_organiser_role(edition.series, user=user, permissions=["matchmaking"])
    return user
