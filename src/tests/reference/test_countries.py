import pytest
from django.utils import translation

from smeforum.reference.countries import country_name, currency_codes, get_country

pytestmark = pytest.mark.unit


def test_get_country_china_has_english_and_chinese_names():
    # Act
    china = get_country("CN")

    # Assert
    assert china.code == "CN"
    assert china.alpha3 == "CHN"
    assert china.name_en == "China"
    assert china.name_zh == "中国"


def test_get_country_lower_case_code_finds_the_country():
    # Act
    country = get_country("sk")

    # Assert
    assert country.code == "SK"
    assert country.name_en == "Slovakia"


def test_get_country_unknown_code_returns_none():
    # Act
    result = get_country("XX")

    # Assert
    assert result is None


def test_get_country_empty_code_returns_none():
    # Act
    result = get_country("")

    # Assert
    assert result is None


def test_country_name_follows_the_active_language():
    # Act
    with translation.override("en"):
        english = country_name("LT")
    with translation.override("zh-hans"):
        chinese = country_name("LT")

    # Assert
    assert english == "Lithuania"
    assert chinese == "立陶宛"


def test_country_name_unknown_code_returns_the_code():
    # Act
    name = country_name("XX")

    # Assert
    assert name == "XX"


def test_currency_codes_include_yuan_and_exclude_made_up_code():
    # Act
    codes = currency_codes()

    # Assert
    assert {"CNY", "EUR", "USD"} <= codes
    assert "XXQ" not in codes
