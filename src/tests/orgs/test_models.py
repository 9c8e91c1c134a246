import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from smeforum.orgs.models import Organisation, Person
from tests.factories import CityFactory

pytestmark = pytest.mark.unit


def test_organisation_display_name_prefers_english_in_english():
    # Arrange
    organisation = Organisation(
        name="沧州市工商业联合会", name_en="Cangzhou Federation of Industry"
    )

    # Act
    with translation.override("en"):
        english = organisation.display_name
    with translation.override("zh-hans"):
        chinese = organisation.display_name

    # Assert
    assert english == "Cangzhou Federation of Industry"
    assert chinese == "沧州市工商业联合会"


def test_person_display_name_without_latin_name_is_the_name():
    # Arrange
    person = Person(name="Jan Kowalski")

    # Act
    name = person.display_name

    # Assert
    assert name == "Jan Kowalski"


def test_organisation_clean_city_and_size_class_errors_reported_together(db):
    # Arrange
    nitra = CityFactory(name="Nitra", name_zh="", country="SK", time_zone="Europe/Bratislava")
    organisation = Organisation(
        name="Politechnika",
        kind=Organisation.Kind.UNIVERSITY,
        country="PL",
        city=nitra,
        size_class=Organisation.SizeClass.LARGE,
    )

    # Act
    with pytest.raises(ValidationError) as excinfo:
        organisation.clean()

    # Assert
    assert excinfo.value.message_dict == {
        "size_class": ["Only enterprises have a size class."],
        "city": ["Nitra is not in PL."],
    }
