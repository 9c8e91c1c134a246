"""A small world for the self-service pages: one edition, delegations A (Serbia) and B
(Hungary) with a lead each and a member each, a participant linked to their person, an
organiser with every permission and one with none."""

from types import SimpleNamespace

import pytest

from smeforum.accounts.domain.roles import (
    appoint_delegation_lead,
    grant_organiser_role,
    link_person_account,
)
from smeforum.accounts.models import ORGANISER_PERMISSIONS
from tests.factories import (
    DelegationFactory,
    EditionFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    UserFactory,
)


@pytest.fixture
def world(db):
    edition = EditionFactory(number=9)
    serbian = OrganisationFactory(name="Srbija Export d.o.o.", country="RS")
    hungarian = OrganisationFactory(name="Magyar Kft.", country="HU")
    delegation_a = DelegationFactory(edition=edition, name_en="Delegation Alpha", country="RS")
    delegation_b = DelegationFactory(edition=edition, name_en="Delegation Beta", country="HU")
    ana = RegistrationFactory(
        edition=edition,
        person=PersonFactory(name="Ana Alpha", organisation=serbian, phone="+381 11 1"),
        delegation=delegation_a,
    )
    boris = RegistrationFactory(
        edition=edition,
        person=PersonFactory(name="Boris Beta", organisation=hungarian),
        delegation=delegation_b,
    )
    petra = RegistrationFactory(
        edition=edition, person=PersonFactory(name="Petra Participant", position="Engineer")
    )
    users = SimpleNamespace(
        participant=UserFactory(username="participant"),
        lead_a=UserFactory(username="lead-a"),
        lead_b=UserFactory(username="lead-b"),
        organiser=UserFactory(username="organiser"),
        organiser_without=UserFactory(username="organiser-without"),
    )
    link_person_account(petra.person, user=users.participant)
    appoint_delegation_lead(delegation_a, user=users.lead_a)
    appoint_delegation_lead(delegation_b, user=users.lead_b)
    grant_organiser_role(
        edition.series, user=users.organiser, permissions=list(ORGANISER_PERMISSIONS)
    )
    grant_organiser_role(edition.series, user=users.organiser_without, permissions=[])
    return SimpleNamespace(
        edition=edition,
        serbian=serbian,
        hungarian=hungarian,
        delegation_a=delegation_a,
        delegation_b=delegation_b,
        ana=ana,
        boris=boris,
        petra=petra,
        users=users,
    )
