import pytest

from smeforum.reference.domain.sectors import read_nace_rows, sync_nace_sectors
from smeforum.reference.models import Sector

pytestmark = pytest.mark.unit


def test_nace_migration_loads_21_sections_and_88_divisions(db):
    # Act
    sections = Sector.objects.filter(level=Sector.Level.SECTION).count()
    divisions = Sector.objects.filter(level=Sector.Level.DIVISION).count()

    # Assert
    assert (sections, divisions) == (21, 88)


def test_nace_division_26_belongs_to_section_c(db):
    # Act
    sector = Sector.objects.select_related("parent").get(code="26")

    # Assert
    assert sector.level == "division"
    assert sector.name_en == "Manufacture of computer, electronic and optical products"
    assert sector.parent.code == "C"
    assert sector.parent.name_en == "Manufacturing"


def test_nace_sections_have_no_parent(db):
    # Act
    with_parent = Sector.objects.filter(level="section", parent__isnull=False).count()

    # Assert
    assert with_parent == 0


def test_sync_nace_sectors_after_migration_adds_nothing(db):
    # Act
    added = sync_nace_sectors(Sector)

    # Assert
    assert added == 0
    assert Sector.objects.count() == 109


def test_sync_nace_sectors_restores_a_missing_division(db):
    # Arrange
    Sector.objects.filter(code="26").delete()

    # Act
    added = sync_nace_sectors(Sector)

    # Assert
    assert added == 1
    assert Sector.objects.get(code="26").parent.code == "C"


def test_read_nace_rows_lists_every_section_and_division():
    # Act
    rows = read_nace_rows()

    # Assert
    assert len(rows) == 109
    assert rows[0] == {
        "code": "A",
        "level": "section",
        "parent": "",
        "name_en": "Agriculture, forestry and fishing",
        "name_zh": "农业、林业和渔业",
    }
