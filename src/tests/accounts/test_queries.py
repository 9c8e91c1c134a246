"""Scoped lists: each role sees exactly its rows."""

import pytest

from smeforum.accounts.queries import delegations_visible_to, registrations_visible_to

pytestmark = pytest.mark.unit


def _registrations(world, role) -> list[int]:
    rows = registrations_visible_to(world.users[role], world.edition)
    return sorted(rows.values_list("id", flat=True))


def _delegations(world, role) -> list[int]:
    rows = delegations_visible_to(world.users[role], world.edition)
    return sorted(rows.values_list("id", flat=True))


def test_registrations_visible_to_each_role(world):
    w = world
    everyone = sorted(r.id for r in (w.reg_a1, w.reg_a2, w.reg_b1, w.reg_own))

    assert {role: _registrations(w, role) for role in w.users} == {
        "admin": everyone,
        "organiser": everyone,
        "organiser_programme": [],
        "organiser_other_edition": [],
        "lead_a": sorted([w.reg_a1.id, w.reg_a2.id]),
        "lead_b": [w.reg_b1.id],
        "participant": [w.reg_own.id],
        "anonymous": [],
    }


def test_registrations_of_another_edition_never_show(world):
    rows = registrations_visible_to(world.users["organiser_other_edition"], world.other_edition)

    assert list(rows.values_list("id", flat=True)) == [world.reg_other_edition.id]


def test_delegations_visible_to_each_role(world):
    w = world
    both = sorted([w.delegation_a.id, w.delegation_b.id])

    assert {role: _delegations(w, role) for role in w.users} == {
        "admin": both,
        "organiser": both,
        "organiser_programme": [],
        "organiser_other_edition": [],
        "lead_a": [w.delegation_a.id],
        "lead_b": [w.delegation_b.id],
        "participant": [],
        "anonymous": [],
    }
