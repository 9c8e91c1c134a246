from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from smeforum.audit.models import AuditEntry
from smeforum.reference.domain.cities import (
    add_city,
    find_geonames_cities,
    import_city_by_name,
    import_geonames_city,
)
from smeforum.reference.models import City

pytestmark = pytest.mark.unit

CANGZHOU_GEONAMES_ID = 1816080
NITRA_GEONAMES_ID = 3058531


def test_import_geonames_city_cangzhou_has_names_country_population_and_coordinates(
    staff_user,
):
    # Act
    city = import_geonames_city(CANGZHOU_GEONAMES_ID, actor=staff_user)

    # Assert
    city.refresh_from_db()
    assert city.name == "Cangzhou"
    assert city.name_zh == "沧州"
    assert city.country == "CN"
    assert city.population == 527681
    assert city.latitude == Decimal("38.311240")
    assert city.longitude == Decimal("116.853340")
    assert city.time_zone == "Asia/Shanghai"
    assert city.geonames_id == CANGZHOU_GEONAMES_ID
    assert city.is_from_geonames is True


def test_import_geonames_city_writes_created_audit_entry(staff_user):
    # Act
    city = import_geonames_city(CANGZHOU_GEONAMES_ID, actor=staff_user)

    # Assert
    entry = AuditEntry.objects.get()
    assert entry.action == "reference.city.created"
    assert entry.actor == staff_user
    assert entry.object_id == str(city.pk)
    assert entry.after["latitude"] == "38.311240"


def test_import_geonames_city_second_call_returns_the_same_row(db):
    # Arrange
    first = import_geonames_city(CANGZHOU_GEONAMES_ID)

    # Act
    second = import_geonames_city(CANGZHOU_GEONAMES_ID)

    # Assert
    assert second.pk == first.pk
    assert City.objects.count() == 1
    assert AuditEntry.objects.count() == 1


def test_import_geonames_city_unknown_id_refused_on_geonames_id(db):
    # Act
    with pytest.raises(ValidationError) as excinfo:
        import_geonames_city(999999999)

    # Assert
    assert excinfo.value.message_dict == {
        "geonames_id": ["GeoNames id 999999999 is not in the shipped city data."]
    }
    assert City.objects.count() == 0


def test_import_city_by_name_nitra_in_slovakia(db):
    # Act
    city = import_city_by_name("Nitra", country="SK")

    # Assert
    assert city.name == "Nitra"
    assert city.country == "SK"
    assert city.geonames_id == NITRA_GEONAMES_ID
    assert city.population == 86329
    assert city.time_zone == "Europe/Bratislava"


def test_import_city_by_name_is_case_insensitive(db):
    # Act
    city = import_city_by_name("cangzhou", country="CN")

    # Assert
    assert city.geonames_id == CANGZHOU_GEONAMES_ID


def test_import_city_by_name_in_the_wrong_country_refused_on_name(db):
    # Act
    with pytest.raises(ValidationError) as excinfo:
        import_city_by_name("Nitra", country="PL")

    # Assert
    assert excinfo.value.message_dict == {
        "name": ["No GeoNames city called “Nitra” in PL; add it by hand."]
    }
    assert City.objects.count() == 0


def test_find_geonames_cities_matches_a_chinese_alternate_name():
    # Act
    hits = find_geonames_cities("沧州", country="CN")

    # Assert
    assert [h["geonameid"] for h in hits] == [CANGZHOU_GEONAMES_ID]


def test_add_city_missing_from_geonames_is_saved_without_geonames_id(staff_user):
    # Act
    city = add_city(
        name="Xiong'an New Area",
        country="CN",
        name_zh="雄安新区",
        region="Hebei",
        time_zone="Asia/Shanghai",
        actor=staff_user,
    )

    # Assert
    city.refresh_from_db()
    assert city.name_zh == "雄安新区"
    assert city.region == "Hebei"
    assert city.geonames_id is None
    assert city.is_from_geonames is False
    assert AuditEntry.objects.get().action == "reference.city.created"


def test_add_city_twice_returns_the_existing_row(db):
    # Arrange
    first = add_city(name="Xiong'an New Area", country="CN")

    # Act
    second = add_city(name="Xiong'an New Area", country="CN")

    # Assert
    assert second.pk == first.pk
    assert City.objects.count() == 1
    assert AuditEntry.objects.count() == 1


def test_add_city_latitude_out_of_range_refused(db):
    # Act
    with pytest.raises(ValidationError) as excinfo:
        add_city(name="Nowhere", country="CN", latitude=Decimal("90.5"))

    # Assert
    assert excinfo.value.message_dict == {"__all__": ["Latitude must be between -90 and 90."]}
    assert City.objects.count() == 0


def test_add_city_latitude_on_the_pole_accepted(db):
    # Act
    city = add_city(name="North Pole", country="CN", latitude=Decimal("90"))

    # Assert
    assert city.latitude == Decimal("90")


def test_add_city_longitude_out_of_range_refused(db):
    # Act
    with pytest.raises(ValidationError) as excinfo:
        add_city(name="Nowhere", country="CN", longitude=Decimal("-180.5"))

    # Assert
    assert excinfo.value.message_dict == {"__all__": ["Longitude must be between -180 and 180."]}


def test_add_city_unknown_country_refused_on_country(db):
    # Act
    with pytest.raises(ValidationError) as excinfo:
        add_city(name="Atlantis", country="XX")

    # Assert
    assert excinfo.value.message_dict == {
        "country": ["“XX” is not an ISO 3166-1 alpha-2 country code (e.g. CN, PL, RS)."]
    }
