"""One edition with two delegations and a user per role, shared by the access tests."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from smeforum.accounts.domain.roles import (
    appoint_delegation_lead,
    grant_organiser_role,
    link_person_account,
)
from tests.factories import (
    DelegationFactory,
    EditionFactory,
    PersonFactory,
    RegistrationFactory,
    UserFactory,
)


@dataclass
class World:
    edition: object
    other_edition: object
    delegation_a: object
    delegation_b: object
    reg_a1: object
    reg_a2: object
    reg_b1: object
    reg_own: object
    reg_other_edition: object
    users: dict


def build_world() -> World:
    edition = EditionFactory(number=6)
    other_edition = EditionFactory(series=edition.series, number=7)
    delegation_a = DelegationFactory(edition=edition, name_en="Delegation Alpha", country="RS")
    delegation_b = DelegationFactory(edition=edition, name_en="Delegation Beta", country="HU")

    def registration(name: str, *, delegation=None, on=edition):
        person = PersonFactory(name=name, phone="+381 11 000 0000")
        return RegistrationFactory(edition=on, person=person, delegation=delegation)

    reg_a1 = registration("Ana Alpha", delegation=delegation_a)
    reg_a2 = registration("Adam Alpha", delegation=delegation_a)
    reg_b1 = registration("Boris Beta", delegation=delegation_b)
    reg_own = registration("Petra Participant")
    reg_other_edition = registration("Olga Other", on=other_edition)

    users = {
        "admin": UserFactory(username="admin", is_staff=True, is_superuser=True),
        "organiser": UserFactory(username="organiser", is_staff=True),
        "organiser_programme": UserFactory(username="programme", is_staff=True),
        "organiser_other_edition": UserFactory(username="other-edition", is_staff=True),
        "lead_a": UserFactory(username="lead-a"),
        "lead_b": UserFactory(username="lead-b"),
        "participant": UserFactory(username="participant"),
        "anonymous": AnonymousUser(),
    }
    grant_organiser_role(
        edition.series, user=users["organiser"], permissions=["participants", "delegations"]
    )
    grant_organiser_role(
        edition.series, user=users["organiser_programme"], permissions=["programme"]
    )
    grant_organiser_role(
        edition.series,
        user=users["organiser_other_edition"],
        edition=other_edition,
        permissions=["participants"],
    )
    appoint_delegation_lead(delegation_a, user=users["lead_a"])
    appoint_delegation_lead(delegation_b, user=users["lead_b"])
    link_person_account(reg_own.person, user=users["participant"])
    return World(
        edition,
        other_edition,
        delegation_a,
        delegation_b,
        reg_a1,
        reg_a2,
        reg_b1,
        reg_own,
        reg_other_edition,
        users,
    )
