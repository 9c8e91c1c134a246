import pytest

from tests.factories import MechanismFactory
from tests.reference.ceec import record_china_ceec_history


@pytest.fixture
def china_ceec(db):
    """The China–CEEC mechanism with its real membership history."""
    mechanism = MechanismFactory()
    record_china_ceec_history(mechanism)
    return mechanism
