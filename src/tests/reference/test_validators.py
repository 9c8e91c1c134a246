import pytest
from django.core.exceptions import ValidationError

from smeforum.reference.validators import (
    validate_country_code,
    validate_currency_code,
    validate_time_zone,
)

pytestmark = pytest.mark.unit


def test_validate_country_code_upper_case_code_accepted():
    # Act
    result = validate_country_code("CN")

    # Assert
    assert result is None


def test_validate_country_code_lower_case_code_refused():
    # Act
    with pytest.raises(ValidationError) as excinfo:
        validate_country_code("cn")

    # Assert
    assert excinfo.value.code == "unknown_country"
    assert excinfo.value.messages == [
        "“cn” is not an ISO 3166-1 alpha-2 country code (e.g. CN, PL, RS)."
    ]


def test_validate_country_code_unknown_code_refused():
    # Act
    with pytest.raises(ValidationError) as excinfo:
        validate_country_code("XX")

    # Assert
    assert excinfo.value.messages == [
        "“XX” is not an ISO 3166-1 alpha-2 country code (e.g. CN, PL, RS)."
    ]


def test_validate_currency_code_yuan_accepted():
    # Act
    result = validate_currency_code("CNY")

    # Assert
    assert result is None


def test_validate_currency_code_unknown_code_refused_naming_the_value():
    # Act
    with pytest.raises(ValidationError) as excinfo:
        validate_currency_code("XXQ")

    # Assert
    assert excinfo.value.code == "unknown_currency"
    assert excinfo.value.messages == [
        "“XXQ” is not an ISO 4217 currency code (e.g. CNY, USD, EUR)."
    ]


def test_validate_currency_code_lower_case_code_refused():
    # Act
    with pytest.raises(ValidationError) as excinfo:
        validate_currency_code("cny")

    # Assert
    assert excinfo.value.messages == [
        "“cny” is not an ISO 4217 currency code (e.g. CNY, USD, EUR)."
    ]


def test_validate_time_zone_iana_zone_accepted():
    # Act
    result = validate_time_zone("Asia/Shanghai")

    # Assert
    assert result is None


def test_validate_time_zone_unknown_zone_refused():
    # Act
    with pytest.raises(ValidationError) as excinfo:
        validate_time_zone("Asia/Cangzhou")

    # Assert
    assert excinfo.value.code == "unknown_time_zone"
    assert excinfo.value.messages == [
        "“Asia/Cangzhou” is not an IANA time zone (e.g. Asia/Shanghai)."
    ]
