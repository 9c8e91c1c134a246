import pytest
from django.core.exceptions import ValidationError

from smeforum.audit.models import AuditEntry
from smeforum.orgs.domain.organisations import (
    save_organisation,
    save_person,
    set_organisation_sectors,
)
from smeforum.orgs.models import Organisation, Person
from smeforum.reference.models import Sector
from tests.factories import CityFactory, OrganisationFactory

pytestmark = pytest.mark.unit


def _organisation(**fields) -> Organisation:
    values = {
        "name": "Hebei Cangzhou Machinery Co.",
        "kind": Organisation.Kind.ENTERPRISE,
        "country": "CN",
    }
    values.update(fields)
    return Organisation(**values)


def test_save_organisation_enterprise_with_size_class_saved_and_audited(staff_user):
    # Arrange
    city = CityFactory()
    organisation = _organisation(city=city, size_class=Organisation.SizeClass.SMALL)

    # Act
    save_organisation(organisation, actor=staff_user)

    # Assert
    stored = Organisation.objects.get()
    assert (stored.size_class, stored.city) == ("small", city)
    entry = AuditEntry.objects.get()
    assert entry.action == "orgs.organisation.created"
    assert entry.actor == staff_user


def test_save_organisation_size_class_for_non_enterprise_refused(db):
    # Arrange
    organisation = _organisation(
        name="Cangzhou Normal University",
        kind=Organisation.Kind.UNIVERSITY,
        size_class=Organisation.SizeClass.MEDIUM,
    )

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_organisation(organisation)

    # Assert
    assert excinfo.value.message_dict == {"size_class": ["Only enterprises have a size class."]}
    assert Organisation.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_save_organisation_non_enterprise_without_size_class_accepted(db):
    # Arrange
    organisation = _organisation(name="Cangzhou Normal University", kind="university")

    # Act
    save_organisation(organisation)

    # Assert
    assert Organisation.objects.get().kind == "university"


def test_save_organisation_city_in_another_country_refused(db):
    # Arrange
    nitra = CityFactory(name="Nitra", name_zh="", country="SK", time_zone="Europe/Bratislava")
    organisation = _organisation(name="Polska Izba", country="PL", city=nitra)

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_organisation(organisation)

    # Assert
    assert excinfo.value.message_dict == {"city": ["Nitra is not in PL."]}
    assert Organisation.objects.count() == 0


def test_save_organisation_duplicate_name_in_same_country_refused(db):
    # Arrange
    save_organisation(_organisation())
    duplicate = _organisation()

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_organisation(duplicate)

    # Assert
    assert excinfo.value.message_dict == {
        "__all__": ["An organisation with this name already exists in this country."]
    }
    assert Organisation.objects.count() == 1


def test_save_organisation_same_name_in_another_country_accepted(db):
    # Arrange
    save_organisation(_organisation(name="Chamber of Commerce", country="PL"))

    # Act
    save_organisation(_organisation(name="Chamber of Commerce", country="SK"))

    # Assert
    assert sorted(Organisation.objects.values_list("country", flat=True)) == ["PL", "SK"]


def test_save_organisation_unknown_kind_refused(db):
    # Arrange
    organisation = _organisation(kind="club")

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_organisation(organisation)

    # Assert
    assert excinfo.value.message_dict == {"kind": ["Value 'club' is not a valid choice."]}


def test_set_organisation_sectors_replaces_sectors_and_logs_codes(staff_user):
    # Arrange
    organisation = OrganisationFactory()
    organisation.sectors.set([Sector.objects.get(code="01")])

    # Act
    set_organisation_sectors(
        organisation,
        sectors=Sector.objects.filter(code__in=["28", "26"]),
        actor=staff_user,
    )

    # Assert
    assert sorted(organisation.sectors.values_list("code", flat=True)) == ["26", "28"]
    entry = AuditEntry.objects.get()
    assert entry.action == "orgs.organisation.sectors_changed"
    assert entry.actor == staff_user
    assert entry.before == {"sectors": ["01"]}
    assert entry.after == {"sectors": ["26", "28"]}


def test_set_organisation_sectors_unchanged_writes_no_entry(db):
    # Arrange
    organisation = OrganisationFactory()
    organisation.sectors.set(Sector.objects.filter(code__in=["26", "28"]))

    # Act
    set_organisation_sectors(
        organisation, sectors=[Sector.objects.get(code="28"), Sector.objects.get(code="26")]
    )

    # Assert
    assert AuditEntry.objects.count() == 0
    assert sorted(organisation.sectors.values_list("code", flat=True)) == ["26", "28"]


def test_set_organisation_sectors_to_none_logs_the_removal(db):
    # Arrange
    organisation = OrganisationFactory()
    organisation.sectors.set(Sector.objects.filter(code="C"))

    # Act
    set_organisation_sectors(organisation, sectors=[])

    # Assert
    entry = AuditEntry.objects.get()
    assert (entry.before, entry.after) == ({"sectors": ["C"]}, {"sectors": []})
    assert organisation.sectors.count() == 0


def test_save_person_saved_and_audited(db):
    # Arrange
    person = Person(name="王芳", name_latin="Wang Fang", organisation=OrganisationFactory())

    # Act
    save_person(person)

    # Assert
    assert Person.objects.get().name_latin == "Wang Fang"
    assert AuditEntry.objects.get().action == "orgs.person.created"


def test_save_person_invalid_email_refused(db):
    # Arrange
    person = Person(name="Jan Kowalski", email="not-an-email")

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_person(person)

    # Assert
    assert excinfo.value.message_dict == {"email": ["Enter a valid email address."]}
