"""Writes from the back office other than editions: many-to-many, domain-only checks,
deletions."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from smeforum.audit.models import AuditEntry
from smeforum.orgs.models import Organisation, Person
from smeforum.participants.models import Delegation, Registration
from smeforum.reference.domain.mechanisms import record_membership
from smeforum.reference.models import Membership, Sector
from tests.backoffice.forms import changeform_data
from tests.factories import (
    DelegationFactory,
    MechanismFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.integration


def _sector_ids(*codes: str) -> list[str]:
    return [str(Sector.objects.get(code=code).pk) for code in codes]


def test_add_organisation_with_sectors_audits_the_sectors(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    url = reverse("admin:orgs_organisation_add")
    data = changeform_data(
        client.get(url),
        name="Cangzhou Pipe Fittings Co.",
        kind="enterprise",
        country="CN",
        size_class="small",
        sectors=_sector_ids("C", "A"),
    )

    # Act
    response = client.post(url, data)

    # Assert
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert sorted(organisation.sectors.values_list("code", flat=True)) == ["A", "C"]
    entry = AuditEntry.objects.get(action="orgs.organisation.sectors_changed")
    assert (entry.actor, entry.before, entry.after) == (
        staff_user,
        {"sectors": []},
        {"sectors": ["A", "C"]},
    )
    assert AuditEntry.objects.filter(action="orgs.organisation.created").count() == 1


def test_change_organisation_sectors_audits_before_and_after(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    organisation = OrganisationFactory()
    organisation.sectors.set(Sector.objects.filter(code__in=["A", "C"]))
    url = reverse("admin:orgs_organisation_change", args=[organisation.pk])
    data = changeform_data(client.get(url), sectors=_sector_ids("C"))

    # Act
    response = client.post(url, data)

    # Assert
    assert response.status_code == 302
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.before, entry.after) == (
        "orgs.organisation.sectors_changed",
        {"sectors": ["A", "C"]},
        {"sectors": ["C"]},
    )


def test_delegation_head_who_is_not_a_member_is_a_form_error(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    delegation = DelegationFactory()
    outsider = PersonFactory(name="Anna Nowak")
    url = reverse("admin:participants_delegation_change", args=[delegation.pk])
    data = changeform_data(client.get(url), head=str(outsider.pk))

    # Act
    response = client.post(url, data)

    # Assert
    assert response.status_code == 200
    assert (
        escape("Anna Nowak is not a member of this delegation; add their registration first.")
        in response.content.decode()
    )
    delegation.refresh_from_db()
    assert (delegation.head, AuditEntry.objects.count()) == (None, 0)


def test_delegation_head_who_is_a_member_is_saved(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    delegation = DelegationFactory()
    member = RegistrationFactory(edition=delegation.edition, delegation=delegation)
    url = reverse("admin:participants_delegation_change", args=[delegation.pk])
    data = changeform_data(
        client.get(url), **{"head": str(member.person.pk), "members-0-status": "attended"}
    )

    # Act
    response = client.post(url, data)

    # Assert
    assert response.status_code == 302
    delegation.refresh_from_db()
    member.refresh_from_db()
    assert (delegation.head, member.status) == (member.person, Registration.Status.ATTENDED)
    assert sorted(AuditEntry.objects.values_list("action", flat=True)) == [
        "participants.delegation.changed",
        "participants.registration.changed",
    ]


def test_overlapping_membership_inline_is_refused_by_the_domain(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    mechanism = MechanismFactory()
    record_membership(mechanism, country="PL", joined_on=dt.date(2012, 4, 26))
    url = reverse("admin:reference_mechanism_change", args=[mechanism.pk])
    data = changeform_data(
        client.get(url),
        **{
            "memberships-TOTAL_FORMS": "2",
            "memberships-1-country": "PL",
            "memberships-1-joined_on": "2015-01-01",
        },
    )

    # Act
    response = client.post(url, data)

    # Assert
    assert response.status_code == 200
    assert (
        escape("PL already has a membership period overlapping 2015-01-01.")
        in response.content.decode()
    )
    assert Membership.objects.count() == 1


def test_delete_person_is_audited(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    person = PersonFactory(name="Jan Kowalski")
    url = reverse("admin:orgs_person_delete", args=[person.pk])

    # Act
    response = client.post(url, {"post": "yes"})

    # Assert
    assert response.status_code == 302
    assert Person.objects.filter(pk=person.pk).exists() is False
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.before["name"]) == (
        "orgs.person.deleted",
        staff_user,
        "Jan Kowalski",
    )


def test_delete_selected_delegations_audits_each(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    delegations = [DelegationFactory(), DelegationFactory()]
    url = reverse("admin:participants_delegation_changelist")

    # Act
    response = client.post(
        url,
        {
            "action": "delete_selected",
            "_selected_action": [d.pk for d in delegations],
            "post": "yes",
        },
    )

    # Assert
    assert response.status_code == 302
    assert Delegation.objects.count() == 0
    assert sorted(AuditEntry.objects.values_list("object_id", flat=True)) == sorted(
        str(d.pk) for d in delegations
    )
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "participants.delegation.deleted"
    }
