import pytest
from django.core.exceptions import ValidationError

from smeforum.audit.models import AuditEntry
from smeforum.orgs.models import Person
from smeforum.participants.domain.registrations import (
    add_delegation_member,
    change_registration_status,
    register_new_person,
    register_person,
    remove_delegation_member,
    save_delegation,
    set_delegation_head,
    withdraw_registration,
)
from smeforum.participants.models import Delegation, Registration
from tests.factories import (
    CityFactory,
    DelegationFactory,
    EditionFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.unit


@pytest.fixture
def edition(db):
    return EditionFactory()


@pytest.fixture
def nitra(db):
    return CityFactory(name="Nitra", name_zh="尼特拉", country="SK", time_zone="Europe/Bratislava")


def _delegation(edition, **fields) -> Delegation:
    values = {
        "edition": edition,
        "kind": Delegation.Kind.COUNTRY,
        "name_en": "Slovak delegation",
        "country": "SK",
    }
    values.update(fields)
    return Delegation(**values)


# --- registrations -------------------------------------------------------------------------


def test_register_person_saves_registration_and_audit_entry(edition, staff_user):
    # Arrange
    person = PersonFactory()

    # Act
    registration = register_person(
        edition, person=person, category=Registration.Category.ENTERPRISE, actor=staff_user
    )

    # Assert
    registration.refresh_from_db()
    assert (registration.person, registration.category, registration.status) == (
        person,
        "enterprise",
        "registered",
    )
    entry = AuditEntry.objects.get()
    assert entry.action == "participants.registration.created"
    assert entry.actor == staff_user


def test_register_person_twice_refused_and_one_row_kept(edition):
    # Arrange
    person = PersonFactory(name="Jan Kowalski")
    register_person(edition, person=person, category="enterprise")

    # Act
    with pytest.raises(ValidationError) as excinfo:
        register_person(edition, person=person, category="media")

    # Assert
    assert excinfo.value.messages == ["This person is already registered to this edition."]
    assert Registration.objects.filter(edition=edition, person=person).count() == 1
    assert Registration.objects.get().category == "enterprise"


def test_register_person_to_two_editions_accepted(edition):
    # Arrange
    person = PersonFactory()
    other = EditionFactory(series=edition.series)
    register_person(edition, person=person, category="enterprise")

    # Act
    register_person(other, person=person, category="enterprise")

    # Assert
    assert Registration.objects.filter(person=person).count() == 2


def test_register_person_with_delegation_of_another_edition_refused(edition):
    # Arrange
    foreign = DelegationFactory(edition=EditionFactory(series=edition.series))

    # Act
    with pytest.raises(ValidationError) as excinfo:
        register_person(edition, person=PersonFactory(), category="government", delegation=foreign)

    # Assert
    assert excinfo.value.message_dict == {
        "delegation": ["The delegation belongs to another edition."]
    }
    assert Registration.objects.count() == 0


def test_register_person_with_delegation_of_the_edition_accepted(edition):
    # Arrange
    delegation = DelegationFactory(edition=edition)

    # Act
    registration = register_person(
        edition, person=PersonFactory(), category="government", delegation=delegation
    )

    # Assert
    assert list(delegation.members.all()) == [registration]


def test_register_person_unknown_category_refused(edition):
    # Act
    with pytest.raises(ValidationError) as excinfo:
        register_person(edition, person=PersonFactory(), category="tourist")

    # Assert
    assert excinfo.value.message_dict == {"category": ["Value 'tourist' is not a valid choice."]}


def test_change_registration_status_logs_status_change(edition):
    # Arrange
    registration = register_person(edition, person=PersonFactory(), category="enterprise")

    # Act
    change_registration_status(registration, status=Registration.Status.CANCELLED)

    # Assert
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    entry = AuditEntry.objects.get(action="participants.registration.status_changed")
    assert (entry.before["status"], entry.after["status"]) == ("registered", "cancelled")


# --- delegations ---------------------------------------------------------------------------


def test_save_delegation_country_delegation_saved(edition):
    # Act
    save_delegation(_delegation(edition))

    # Assert
    assert Delegation.objects.get().name_en == "Slovak delegation"
    assert AuditEntry.objects.get().action == "participants.delegation.created"


def test_save_delegation_city_kind_without_city_refused(edition):
    # Arrange
    delegation = _delegation(edition, kind=Delegation.Kind.CITY, name_en="Nitra delegation")

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_delegation(delegation)

    # Assert
    assert excinfo.value.message_dict == {"city": ["A city delegation needs its city."]}
    assert Delegation.objects.count() == 0


def test_save_delegation_city_kind_with_its_city_accepted(edition, nitra):
    # Act
    delegation = save_delegation(
        _delegation(edition, kind=Delegation.Kind.CITY, name_en="Nitra delegation", city=nitra)
    )

    # Assert
    assert delegation.city == nitra


def test_save_delegation_city_in_another_country_refused(edition, nitra):
    # Arrange
    delegation = _delegation(
        edition, kind=Delegation.Kind.CITY, name_en="Polish city", country="PL", city=nitra
    )

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_delegation(delegation)

    # Assert
    assert excinfo.value.message_dict == {"city": ["The city is not in the delegation's country."]}


def test_save_delegation_organisation_kind_without_organisation_refused(edition):
    # Arrange
    delegation = _delegation(edition, kind=Delegation.Kind.ORGANISATION)

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_delegation(delegation)

    # Assert
    assert excinfo.value.message_dict == {
        "organisation": ["An organisation delegation needs its organisation."]
    }


def test_save_delegation_organisation_in_another_country_refused(edition):
    # Arrange
    delegation = _delegation(
        edition, kind=Delegation.Kind.ORGANISATION, organisation=OrganisationFactory(country="PL")
    )

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_delegation(delegation)

    # Assert
    assert excinfo.value.message_dict == {
        "organisation": ["The organisation is not in the delegation's country."]
    }


def test_save_delegation_duplicate_name_in_edition_refused(edition):
    # Arrange
    save_delegation(_delegation(edition))

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_delegation(_delegation(edition))

    # Assert
    assert excinfo.value.message_dict == {
        "__all__": ["This edition already has a delegation with this name."]
    }


def test_save_delegation_existing_with_non_member_head_refused(edition):
    # Arrange
    delegation = save_delegation(_delegation(edition))
    outsider = PersonFactory(name="Jan Kowalski")
    delegation.head = outsider

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_delegation(delegation)

    # Assert
    assert excinfo.value.message_dict == {
        "head": ["Jan Kowalski is not a member of this delegation; add their registration first."]
    }
    assert Delegation.objects.get().head is None


def test_save_delegation_new_with_head_refused(edition):
    # Arrange
    delegation = _delegation(edition, head=PersonFactory(name="Jan Kowalski"))

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_delegation(delegation)

    # Assert
    assert excinfo.value.message_dict == {
        "head": ["Jan Kowalski is not a member of this delegation; add their registration first."]
    }
    assert Delegation.objects.count() == 0


def test_set_delegation_head_non_member_refused(edition):
    # Arrange
    delegation = DelegationFactory(edition=edition)
    outsider = PersonFactory(name="Jan Kowalski")
    RegistrationFactory(edition=edition, person=outsider)

    # Act
    with pytest.raises(ValidationError) as excinfo:
        set_delegation_head(delegation, person=outsider)

    # Assert
    assert excinfo.value.message_dict == {
        "head": ["Jan Kowalski is not a member of this delegation; add their registration first."]
    }
    delegation.refresh_from_db()
    assert delegation.head is None
    assert AuditEntry.objects.count() == 0


def test_set_delegation_head_member_accepted(edition, staff_user):
    # Arrange
    delegation = DelegationFactory(edition=edition)
    member = PersonFactory()
    RegistrationFactory(edition=edition, person=member, delegation=delegation)

    # Act
    set_delegation_head(delegation, person=member, actor=staff_user)

    # Assert
    delegation.refresh_from_db()
    assert delegation.head == member
    entry = AuditEntry.objects.get()
    assert entry.action == "participants.delegation.head_set"
    assert (entry.before["head_id"], entry.after["head_id"]) == (None, member.pk)


def test_add_delegation_member_same_edition_accepted(edition):
    # Arrange
    delegation = DelegationFactory(edition=edition)
    registration = RegistrationFactory(edition=edition)

    # Act
    add_delegation_member(delegation, registration=registration)

    # Assert
    registration.refresh_from_db()
    assert registration.delegation == delegation
    entry = AuditEntry.objects.get()
    assert entry.action == "participants.registration.delegation_set"
    assert entry.after["delegation_id"] == delegation.pk


def test_add_delegation_member_across_editions_refused(edition):
    # Arrange
    delegation = DelegationFactory(edition=edition)
    registration = RegistrationFactory(edition=EditionFactory(series=edition.series))

    # Act
    with pytest.raises(ValidationError) as excinfo:
        add_delegation_member(delegation, registration=registration)

    # Assert
    assert excinfo.value.message_dict == {
        "delegation": ["The delegation belongs to another edition."]
    }
    registration.refresh_from_db()
    assert registration.delegation is None


def test_register_new_person_saves_both_or_neither(edition):
    person = Person(name="Nina Novak", email="nina@example.org")

    registration = register_new_person(edition, person=person, category="media")

    assert (registration.person.name, registration.status) == ("Nina Novak", "registered")
    assert list(
        AuditEntry.objects.filter(action__endswith="created")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["orgs.person.created", "participants.registration.created"]
    with pytest.raises(ValidationError) as excinfo:
        register_new_person(edition, person=Person(name="Bad", email="x"), category="media")
    assert list(excinfo.value.message_dict) == ["email"]
    assert not Person.objects.filter(name="Bad").exists()


def test_withdraw_registration_keeps_it_cancelled(edition):
    registration = RegistrationFactory(edition=edition, status="confirmed")

    withdraw_registration(registration)

    registration.refresh_from_db()
    assert registration.status == "cancelled"
    entry = AuditEntry.objects.get(action="participants.registration.withdrawn")
    assert (entry.before["status"], entry.after["status"]) == ("confirmed", "cancelled")


def test_remove_delegation_member(edition):
    delegation = DelegationFactory(edition=edition)
    registration = RegistrationFactory(edition=edition, delegation=delegation)

    remove_delegation_member(registration)

    registration.refresh_from_db()
    assert registration.delegation is None
    entry = AuditEntry.objects.get(action="participants.registration.delegation_removed")
    assert (entry.before["delegation_id"], entry.after["delegation_id"]) == (delegation.pk, None)
