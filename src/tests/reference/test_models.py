import datetime as dt

import pytest
from django.utils import translation

from smeforum.reference.models import City, Membership, Source
from tests.factories import MechanismFactory

pytestmark = pytest.mark.unit


def test_city_str_uses_the_chinese_name_in_chinese(db):
    # Arrange
    city = City(name="Cangzhou", name_zh="沧州", country="CN")

    # Act
    with translation.override("en"):
        english = str(city)
    with translation.override("zh-hans"):
        chinese = str(city)

    # Assert
    assert english == "Cangzhou, China"
    assert chinese == "沧州, 中国"


def test_source_str_includes_the_publication_date():
    # Arrange
    source = Source(publisher="Xinhua", published_on=dt.date(2023, 11, 13))

    # Act
    text = str(source)

    # Assert
    assert text == "Xinhua (2023-11-13)"


def test_membership_str_shows_the_period(db):
    # Arrange
    membership = Membership(
        mechanism=MechanismFactory(),
        country="LT",
        joined_on=dt.date(2012, 4, 26),
        left_on=dt.date(2021, 5, 22),
    )

    # Act
    with translation.override("en"):
        text = str(membership)

    # Assert
    assert text == "Lithuania in China–CEEC Cooperation: 2012-04-26–2021-05-22"
