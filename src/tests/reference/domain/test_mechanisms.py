import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from smeforum.audit.models import AuditEntry
from smeforum.reference.domain.mechanisms import end_membership, record_membership
from smeforum.reference.models import Membership
from tests.factories import MechanismFactory, SourceFactory

pytestmark = pytest.mark.unit


def test_record_membership_writes_row_and_audit_entry(staff_user):
    # Arrange
    mechanism = MechanismFactory()
    source = SourceFactory()

    # Act
    membership = record_membership(
        mechanism,
        country="GR",
        joined_on=dt.date(2019, 4, 12),
        source=source,
        note="Dubrovnik summit",
        actor=staff_user,
    )

    # Assert
    membership.refresh_from_db()
    assert (membership.country, membership.joined_on, membership.left_on) == (
        "GR",
        dt.date(2019, 4, 12),
        None,
    )
    assert membership.source == source
    entry = AuditEntry.objects.get()
    assert entry.action == "reference.membership.created"
    assert entry.actor == staff_user


def test_record_membership_overlapping_open_period_refused(db):
    # Arrange
    mechanism = MechanismFactory()
    record_membership(mechanism, country="LT", joined_on=dt.date(2012, 4, 26))

    # Act
    with pytest.raises(ValidationError) as excinfo:
        record_membership(mechanism, country="LT", joined_on=dt.date(2015, 1, 1))

    # Assert
    assert excinfo.value.message_dict == {
        "joined_on": ["LT already has a membership period overlapping 2015-01-01."]
    }
    assert Membership.objects.count() == 1


def test_record_membership_period_ending_inside_a_later_period_refused(db):
    # Arrange
    mechanism = MechanismFactory()
    record_membership(mechanism, country="LT", joined_on=dt.date(2012, 4, 26))

    # Act
    with pytest.raises(ValidationError) as excinfo:
        record_membership(
            mechanism, country="LT", joined_on=dt.date(2010, 1, 1), left_on=dt.date(2013, 1, 1)
        )

    # Assert
    assert excinfo.value.message_dict == {
        "joined_on": ["LT already has a membership period overlapping 2010-01-01."]
    }


def test_record_membership_rejoining_on_the_day_of_leaving_accepted(db):
    # Arrange
    mechanism = MechanismFactory()
    record_membership(
        mechanism, country="LT", joined_on=dt.date(2012, 4, 26), left_on=dt.date(2021, 5, 22)
    )

    # Act
    record_membership(mechanism, country="LT", joined_on=dt.date(2021, 5, 22))

    # Assert
    assert Membership.objects.filter(country="LT").count() == 2


def test_record_membership_period_before_an_open_period_accepted(db):
    # Arrange
    mechanism = MechanismFactory()
    record_membership(mechanism, country="LT", joined_on=dt.date(2012, 4, 26))

    # Act
    record_membership(
        mechanism, country="LT", joined_on=dt.date(2005, 1, 1), left_on=dt.date(2012, 4, 26)
    )

    # Assert
    assert Membership.objects.filter(country="LT").count() == 2


def test_record_membership_same_period_of_another_country_accepted(db):
    # Arrange
    mechanism = MechanismFactory()
    record_membership(mechanism, country="EE", joined_on=dt.date(2012, 4, 26))

    # Act
    record_membership(mechanism, country="LV", joined_on=dt.date(2012, 4, 26))

    # Assert
    assert sorted(Membership.objects.values_list("country", flat=True)) == ["EE", "LV"]


def test_record_membership_leaving_on_the_day_of_joining_refused(db):
    # Arrange
    mechanism = MechanismFactory()
    day = dt.date(2019, 4, 12)

    # Act
    with pytest.raises(ValidationError) as excinfo:
        record_membership(mechanism, country="GR", joined_on=day, left_on=day)

    # Assert
    assert excinfo.value.message_dict == {"__all__": ["A country must leave after it joins."]}
    assert Membership.objects.count() == 0


def test_record_membership_unknown_country_refused(db):
    # Arrange
    mechanism = MechanismFactory()

    # Act
    with pytest.raises(ValidationError) as excinfo:
        record_membership(mechanism, country="XX", joined_on=dt.date(2012, 4, 26))

    # Assert
    assert excinfo.value.message_dict == {
        "country": ["“XX” is not an ISO 3166-1 alpha-2 country code (e.g. CN, PL, RS)."]
    }


def test_end_membership_closes_the_period_and_logs_the_change(db):
    # Arrange
    mechanism = MechanismFactory()
    membership = record_membership(mechanism, country="LT", joined_on=dt.date(2012, 4, 26))

    # Act
    end_membership(membership, left_on=dt.date(2021, 5, 22))

    # Assert
    membership.refresh_from_db()
    assert membership.left_on == dt.date(2021, 5, 22)
    entry = AuditEntry.objects.get(action="reference.membership.changed")
    assert (entry.before["left_on"], entry.after["left_on"]) == (None, "2021-05-22")


def test_end_membership_before_joining_refused(db):
    # Arrange
    mechanism = MechanismFactory()
    membership = record_membership(mechanism, country="LT", joined_on=dt.date(2012, 4, 26))

    # Act
    with pytest.raises(ValidationError) as excinfo:
        end_membership(membership, left_on=dt.date(2012, 4, 1))

    # Assert
    assert excinfo.value.message_dict == {"__all__": ["A country must leave after it joins."]}
    assert Membership.objects.get().left_on is None
