import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from smeforum.audit.domain import delete_record, log_action, save_record, snapshot
from smeforum.audit.models import AuditEntry
from smeforum.reference.models import City, Source

pytestmark = pytest.mark.unit


def _source(**fields) -> Source:
    values = {
        "key": "cangzhou-2023-release",
        "publisher": "PR Newswire",
        "published_on": dt.date(2023, 12, 22),
    }
    values.update(fields)
    return Source(**values)


def test_snapshot_serialises_decimal_and_date_as_strings(db):
    # Arrange
    city = City(
        name="Cangzhou",
        country="CN",
        latitude=Decimal("38.311240"),
        longitude=Decimal("116.853340"),
        population=527681,
    )
    source = _source()

    # Act
    city_data = snapshot(city)
    source_data = snapshot(source)

    # Assert
    assert city_data == {
        "id": None,
        "name": "Cangzhou",
        "name_zh": "",
        "country": "CN",
        "region": "",
        "latitude": "38.311240",
        "longitude": "116.853340",
        "population": 527681,
        "time_zone": "",
        "geonames_id": None,
    }
    assert source_data["published_on"] == "2023-12-22"


def test_save_record_new_object_writes_one_created_entry(staff_user):
    # Arrange
    source = _source()

    # Act
    saved = save_record(source, actor=staff_user)

    # Assert
    entry = AuditEntry.objects.get()
    assert saved.pk is not None
    assert entry.action == "reference.source.created"
    assert entry.actor == staff_user
    assert entry.actor_label == "organiser@example.org"
    assert entry.content_type == ContentType.objects.get_for_model(Source)
    assert entry.object_id == str(saved.pk)
    assert entry.object_repr == "PR Newswire (2023-12-22)"
    assert entry.before is None
    assert entry.after == {
        "id": saved.pk,
        "key": "cangzhou-2023-release",
        "publisher": "PR Newswire",
        "title": "",
        "published_on": "2023-12-22",
        "url": "",
        "language": "en",
        "note": "",
    }


def test_save_record_changed_object_writes_changed_entry_with_before_and_after(staff_user):
    # Arrange
    city = save_record(City(name="Cangzhou", country="CN", latitude=Decimal("38.000000")))
    city = City.objects.get(pk=city.pk)
    city.latitude = Decimal("38.311240")

    # Act
    save_record(city, actor=staff_user)

    # Assert
    entry = AuditEntry.objects.get(action="reference.city.changed")
    assert entry.actor == staff_user
    assert entry.before["latitude"] == "38.000000"
    assert entry.after["latitude"] == "38.311240"
    assert entry.changed_fields() == ["latitude"]
    assert AuditEntry.objects.count() == 2


def test_save_record_unchanged_object_writes_no_entry(db):
    # Arrange
    source = save_record(_source())
    reloaded = Source.objects.get(pk=source.pk)

    # Act
    save_record(reloaded)

    # Assert
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["reference.source.created"]


def test_save_record_unchanged_decimal_in_memory_writes_no_entry(db):
    # Arrange
    city = save_record(City(name="Nitra", country="SK", latitude=Decimal("50.1")))

    # Act
    save_record(city)

    # Assert
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["reference.city.created"]


def test_save_record_invalid_object_writes_nothing(db):
    # Arrange
    city = City(name="Nowhere", country="PL", latitude=Decimal("95"))

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_record(city)

    # Assert
    assert excinfo.value.message_dict == {"__all__": ["Latitude must be between -90 and 90."]}
    assert City.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_save_record_explicit_action_is_recorded(db):
    # Arrange
    source = _source()

    # Act
    save_record(source, action="reference.source.imported")

    # Assert
    assert AuditEntry.objects.get().action == "reference.source.imported"


def test_delete_record_logs_deleted_entry_with_before(staff_user):
    # Arrange
    source = save_record(_source())
    pk = source.pk

    # Act
    delete_record(source, actor=staff_user)

    # Assert
    entry = AuditEntry.objects.get(action="reference.source.deleted")
    assert Source.objects.filter(pk=pk).exists() is False
    assert entry.actor == staff_user
    assert entry.object_id == str(pk)
    assert entry.before == {
        "id": pk,
        "key": "cangzhou-2023-release",
        "publisher": "PR Newswire",
        "title": "",
        "published_on": "2023-12-22",
        "url": "",
        "language": "en",
        "note": "",
    }
    assert entry.after is None


def test_log_action_without_actor_records_system(db):
    # Arrange
    source = save_record(_source())

    # Act
    entry = log_action(source, action="reference.source.checked", after={"ok": True})

    # Assert
    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.actor_label == "system"
    assert entry.action == "reference.source.checked"
    assert entry.after == {"ok": True}


def test_log_action_without_object_leaves_object_fields_empty(db):
    # Act
    entry = log_action(None, action="reference.nace.synced")

    # Assert
    entry.refresh_from_db()
    assert entry.content_type is None
    assert entry.object_id == ""
    assert entry.object_repr == ""
