import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from smeforum.forums.models import Edition
from smeforum.forums.validators import (
    validate_country_role,
    validate_date_range,
    validate_session_times,
)

pytestmark = pytest.mark.unit

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def _edition() -> Edition:
    return Edition(
        start_date=dt.date(2024, 11, 7), end_date=dt.date(2024, 11, 8), time_zone="Asia/Shanghai"
    )


def test_validate_date_range_end_before_start_refused():
    # Act
    with pytest.raises(ValidationError) as excinfo:
        validate_date_range(dt.date(2024, 11, 7), dt.date(2024, 11, 6))

    # Assert
    assert excinfo.value.message_dict == {
        "end_date": ["The end date (2024-11-06) is before the start date (2024-11-07)."]
    }


def test_validate_date_range_same_day_accepted():
    # Act
    result = validate_date_range(dt.date(2024, 11, 7), dt.date(2024, 11, 7))

    # Assert
    assert result is None


def test_validate_date_range_missing_end_accepted():
    # Act
    result = validate_date_range(dt.date(2024, 11, 7), None)

    # Assert
    assert result is None


def test_validate_session_times_outside_dates_skips_time_checks():
    # Act
    with pytest.raises(ValidationError) as excinfo:
        validate_session_times(
            _edition(),
            dt.date(2024, 11, 10),
            dt.datetime(2024, 11, 7, 9, 0, tzinfo=SHANGHAI),
            None,
        )

    # Assert
    assert excinfo.value.message_dict == {
        "day": ["2024-11-10 is outside the edition's dates (2024-11-07 to 2024-11-08)."]
    }


def test_validate_session_times_equal_start_and_end_refused():
    # Arrange
    moment = dt.datetime(2024, 11, 7, 9, 0, tzinfo=SHANGHAI)

    # Act
    with pytest.raises(ValidationError) as excinfo:
        validate_session_times(_edition(), dt.date(2024, 11, 7), moment, moment)

    # Assert
    assert excinfo.value.message_dict == {"ends_at": ["The session ends before it starts."]}


def test_validate_session_times_without_edition_checks_only_order():
    # Act
    result = validate_session_times(
        None,
        dt.date(2030, 1, 1),
        dt.datetime(2024, 11, 7, 9, 0, tzinfo=SHANGHAI),
        dt.datetime(2024, 11, 7, 10, 0, tzinfo=SHANGHAI),
    )

    # Assert
    assert result is None


def test_validate_session_times_late_evening_utc_is_next_day_in_shanghai():
    # Arrange: 2024-11-07 16:30 UTC is 2024-11-08 00:30 in Shanghai.
    starts_at = dt.datetime(2024, 11, 7, 16, 30, tzinfo=dt.UTC)

    # Act
    result = validate_session_times(_edition(), dt.date(2024, 11, 8), starts_at, None)

    # Assert
    assert result is None


def test_validate_country_role_guest_that_is_a_member_refused(edition_2023):
    # Act
    with pytest.raises(ValidationError) as excinfo:
        validate_country_role(edition_2023, "HU", "guest")

    # Assert
    assert excinfo.value.message_dict == {
        "role": [
            "Hungary was a member of China–CEEC Cooperation on 2023-11-13, so it cannot be guest."
        ]
    }


def test_validate_country_role_former_member_as_guest_accepted(edition_2023):
    # Act
    result = validate_country_role(edition_2023, "LV", "guest")

    # Assert
    assert result is None


def test_validate_country_role_membership_judged_on_start_date(cangzhou_series):
    # Arrange: Greece joined on 2019-04-12; an edition opening that day counts it a member.
    edition = Edition(
        series=cangzhou_series,
        host_city=cangzhou_series.host_city,
        start_date=dt.date(2019, 4, 12),
        end_date=dt.date(2019, 4, 13),
    )

    # Act
    result = validate_country_role(edition, "GR", "member")

    # Assert
    assert result is None
