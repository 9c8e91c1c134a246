"""The predicates of each role, and the permissions built from them."""

import pytest

from smeforum.accounts.rules import (
    has_organiser_permission,
    is_lead_of_delegation,
    is_organiser_of,
    is_own_registration,
    is_platform_admin,
)

pytestmark = pytest.mark.unit

ROLES = [
    "admin",
    "organiser",
    "organiser_programme",
    "organiser_other_edition",
    "lead_a",
    "lead_b",
    "participant",
    "anonymous",
]


def _who(world, predicate, obj) -> list[str]:
    return [role for role in ROLES if predicate.test(world.users[role], obj)]


def test_is_platform_admin(world):
    assert _who(world, is_platform_admin, None) == ["admin"]


def test_has_organiser_permission_follows_named_permission_and_scope(world):
    participants = has_organiser_permission("participants")
    programme = has_organiser_permission("programme")

    assert _who(world, participants, world.edition) == ["organiser"]
    assert _who(world, participants, world.reg_b1) == ["organiser"]
    assert _who(world, participants, world.other_edition) == [
        "organiser",
        "organiser_other_edition",
    ]
    assert _who(world, programme, world.edition) == ["organiser_programme"]
    assert _who(world, participants, world.edition.series) == ["organiser"]


def test_is_organiser_of(world):
    assert _who(world, is_organiser_of, world.edition) == ["organiser", "organiser_programme"]
    assert _who(world, is_organiser_of, world.edition.series) == [
        "organiser",
        "organiser_programme",
        "organiser_other_edition",
    ]


def test_is_lead_of_delegation(world):
    assert _who(world, is_lead_of_delegation, world.delegation_a) == ["lead_a"]
    assert _who(world, is_lead_of_delegation, world.delegation_b) == ["lead_b"]
    assert _who(world, is_lead_of_delegation, world.reg_a2) == ["lead_a"]
    assert _who(world, is_lead_of_delegation, world.reg_own) == []


def test_is_own_registration(world):
    assert _who(world, is_own_registration, world.reg_own) == ["participant"]
    assert _who(world, is_own_registration, world.reg_a1) == []


@pytest.mark.parametrize(
    ("perm", "obj", "expected"),
    [
        (
            "participants.view_registration",
            "reg_a1",
            ["admin", "organiser", "lead_a"],
        ),
        (
            "participants.view_registration",
            "reg_own",
            ["admin", "organiser", "participant"],
        ),
        ("participants.change_registration", "reg_b1", ["admin", "organiser", "lead_b"]),
        ("participants.view_delegation", "delegation_b", ["admin", "organiser", "lead_b"]),
        ("forums.change_session", "edition", ["admin", "organiser_programme"]),
        ("forums.publish_edition", "edition", ["admin"]),
        ("participants.add_registration", "edition", ["admin", "organiser"]),
        ("participants.add_registration", "delegation_a", ["admin", "organiser", "lead_a"]),
        ("participants.change_delegation", "delegation_b", ["admin", "organiser", "lead_b"]),
        ("participants.edit_delegation", "delegation_b", ["admin", "organiser"]),
        ("participants.add_delegation", "edition", ["admin", "organiser"]),
        ("forums.add_session", "edition", ["admin", "organiser_programme"]),
        ("forums.delete_session", "edition", ["admin", "organiser_programme"]),
        ("outcomes.add_outcome", "edition", ["admin"]),
    ],
)
def test_object_permissions(world, perm, obj, expected):
    target = getattr(world, obj)

    assert [role for role in ROLES if world.users[role].has_perm(perm, target)] == expected
