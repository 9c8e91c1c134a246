"""The matchmaking validators: ISO code lists, partnerships, readiness levels."""

import pytest
from django.core.exceptions import ValidationError

from smeforum.matchmaking import validators

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("code", ["zh", "pl", "hu", "en", "sr"])
def test_language_codes_of_iso_639_1_pass(code):
    validators.validate_language_code(code)


@pytest.mark.parametrize("code", ["ZH", "zho", "xx", "", "chinese"])
def test_other_language_codes_are_refused(code):
    with pytest.raises(ValidationError) as info:
        validators.validate_language_code(code)
    assert info.value.code == "unknown_language"


def test_country_list_names_every_unknown_code():
    with pytest.raises(ValidationError) as info:
        validators.validate_country_list(["PL", "XX", "cn", "RS"])
    assert info.value.messages == [
        "Not ISO 3166-1 alpha-2 country codes: XX, cn (e.g. CN, PL, RS)."
    ]


def test_country_list_refuses_a_repeated_code():
    with pytest.raises(ValidationError) as info:
        validators.validate_country_list(["PL", "HU", "PL"])
    assert info.value.messages == ["Listed more than once: PL."]


def test_country_list_must_be_a_list_of_texts():
    with pytest.raises(ValidationError) as info:
        validators.validate_country_list("PL")
    assert info.value.code == "not_a_list"


def test_language_list_names_every_unknown_code():
    with pytest.raises(ValidationError) as info:
        validators.validate_language_list(["zh", "xx", "EN"])
    assert info.value.messages == ["Not ISO 639-1 language codes: xx, EN (e.g. zh, pl, hu, en)."]


def test_partnership_list_names_unknown_kinds():
    validators.validate_partnership_list(["licensing", "joint_venture"])
    with pytest.raises(ValidationError) as info:
        validators.validate_partnership_list(["licensing", "franchise"])
    assert info.value.code == "unknown_partnership"
    assert "franchise" in info.value.messages[0]


@pytest.mark.parametrize("level", [0, 10])
def test_readiness_outside_1_to_9_is_refused(level):
    with pytest.raises(ValidationError) as info:
        validators.validate_technology_readiness(level)
    assert info.value.code == "out_of_range"


@pytest.mark.parametrize("kind", ["technology_offer", "technology_request", "rd_request"])
def test_technology_kinds_carry_a_readiness_level(kind):
    validators.validate_readiness_for_kind(kind, 4)


def test_a_business_offer_carries_no_readiness_level():
    with pytest.raises(ValidationError) as info:
        validators.validate_readiness_for_kind("business_offer", 4)
    assert list(info.value.message_dict) == ["technology_readiness"]
