import pytest

from smeforum.reference.models import Sector

pytestmark = pytest.mark.unit


def test_nace_sectors_loaded_by_migration(db):
    assert Sector.objects.filter(level="section").count() == 21
    assert Sector.objects.filter(level="division").count() == 88
