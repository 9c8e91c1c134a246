import datetime as dt

import pytest

from tests.factories import CityFactory, EditionFactory, MechanismFactory, SeriesFactory
from tests.reference.ceec import record_china_ceec_history


@pytest.fixture
def china_ceec(db):
    """The China–CEEC mechanism with its real membership history."""
    mechanism = MechanismFactory()
    record_china_ceec_history(mechanism)
    return mechanism


@pytest.fixture
def cangzhou_series(china_ceec):
    """The China–CEEC (Cangzhou) SME Cooperation Forum, tied to the China–CEEC mechanism."""
    return SeriesFactory(
        slug="china-ceec-cangzhou",
        name_en="China–CEEC (Cangzhou) SME Cooperation Forum",
        host_city=CityFactory(),
        mechanism=china_ceec,
    )


@pytest.fixture
def edition_2023(cangzhou_series):
    """The edition opened in Cangzhou on 13 November 2023."""
    return EditionFactory(
        series=cangzhou_series,
        number=7,
        start_date=dt.date(2023, 11, 13),
        end_date=dt.date(2023, 11, 14),
    )
