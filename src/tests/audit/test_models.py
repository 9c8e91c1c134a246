import pytest

from smeforum.audit.models import AuditEntry

pytestmark = pytest.mark.unit


def test_changed_fields_lists_keys_whose_values_differ():
    # Arrange
    entry = AuditEntry(
        before={"name": "Cangzhou", "population": 500000, "region": "Hebei"},
        after={"name": "Cangzhou", "population": 527681, "time_zone": "Asia/Shanghai"},
    )

    # Act
    changed = entry.changed_fields()

    # Assert
    assert changed == ["population", "region", "time_zone"]


def test_changed_fields_of_a_creation_lists_every_field():
    # Arrange
    entry = AuditEntry(before=None, after={"name": "Nitra", "country": "SK"})

    # Act
    changed = entry.changed_fields()

    # Assert
    assert changed == ["country", "name"]
