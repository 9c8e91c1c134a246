import datetime as dt

import pytest

from smeforum.reference.domain.mechanisms import record_membership
from smeforum.reference.queries import (
    country_memberships,
    is_member_on,
    members_on,
    memberships_on,
)
from tests.factories import MechanismFactory
from tests.reference.ceec import FOUNDING_MEMBERS, MEMBERS_ON_2023_11_13

pytestmark = pytest.mark.unit


def test_members_on_2018_06_01_are_the_sixteen_founders(china_ceec):
    # Act
    members = members_on(china_ceec, dt.date(2018, 6, 1))

    # Assert
    assert members == sorted(FOUNDING_MEMBERS)
    assert len(members) == 16


def test_members_on_2019_11_09_are_seventeen_with_greece(china_ceec):
    # Act
    members = members_on(china_ceec, dt.date(2019, 11, 9))

    # Assert
    assert members == sorted([*FOUNDING_MEMBERS, "GR"])
    assert len(members) == 17


def test_members_on_2021_09_01_are_sixteen_without_lithuania(china_ceec):
    # Act
    members = members_on(china_ceec, dt.date(2021, 9, 1))

    # Assert
    assert members == sorted([c for c in FOUNDING_MEMBERS if c != "LT"] + ["GR"])
    assert len(members) == 16


def test_members_on_2023_11_13_are_fourteen(china_ceec):
    # Act
    members = members_on(china_ceec, dt.date(2023, 11, 13))

    # Assert
    assert members == [
        "AL", "BA", "BG", "CZ", "GR", "HR", "HU", "ME", "MK", "PL", "RO", "RS", "SI", "SK",
    ]  # fmt: skip
    assert members == MEMBERS_ON_2023_11_13


def test_members_on_the_day_before_founding_is_empty(china_ceec):
    # Act
    members = members_on(china_ceec, dt.date(2012, 4, 25))

    # Assert
    assert members == []


def test_is_member_on_joining_day_is_true(china_ceec):
    # Act
    result = is_member_on(china_ceec, "GR", dt.date(2019, 4, 12))

    # Assert
    assert result is True


def test_is_member_on_day_before_joining_is_false(china_ceec):
    # Act
    result = is_member_on(china_ceec, "GR", dt.date(2019, 4, 11))

    # Assert
    assert result is False


def test_is_member_on_last_day_before_leaving_is_true(china_ceec):
    # Act
    result = is_member_on(china_ceec, "LT", dt.date(2021, 5, 21))

    # Assert
    assert result is True


def test_is_member_on_leaving_day_is_false(china_ceec):
    # Act
    result = is_member_on(china_ceec, "LT", dt.date(2021, 5, 22))

    # Assert
    assert result is False


def test_is_member_on_for_a_country_never_a_member_is_false(china_ceec):
    # Act
    result = is_member_on(china_ceec, "GE", dt.date(2023, 11, 13))

    # Assert
    assert result is False


def test_memberships_on_ignores_other_mechanisms(china_ceec):
    # Arrange
    other = MechanismFactory(slug="other-mechanism", name_en="Other")
    record_membership(other, country="GE", joined_on=dt.date(2020, 1, 1))

    # Act
    ceec_codes = set(
        memberships_on(china_ceec, dt.date(2023, 11, 13)).values_list("country", flat=True)
    )
    other_codes = members_on(other, dt.date(2023, 11, 13))

    # Assert
    assert "GE" not in ceec_codes
    assert other_codes == ["GE"]


def test_country_memberships_lists_periods_in_order(db):
    # Arrange
    mechanism = MechanismFactory()
    record_membership(mechanism, country="LT", joined_on=dt.date(2024, 1, 1))
    record_membership(
        mechanism, country="LT", joined_on=dt.date(2012, 4, 26), left_on=dt.date(2021, 5, 22)
    )
    record_membership(mechanism, country="LV", joined_on=dt.date(2012, 4, 26))

    # Act
    periods = [(m.joined_on, m.left_on) for m in country_memberships("LT")]

    # Assert
    assert periods == [
        (dt.date(2012, 4, 26), dt.date(2021, 5, 22)),
        (dt.date(2024, 1, 1), None),
    ]
