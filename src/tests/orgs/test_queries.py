import pytest

from smeforum.orgs.queries import organisations_in
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.unit


def test_organisations_in_lists_only_that_country_by_english_name(db):
    # Arrange
    OrganisationFactory(name="Zeta", country="PL")
    OrganisationFactory(name="Alfa", country="PL")
    OrganisationFactory(name="Beta", country="SK")

    # Act
    names = [o.name for o in organisations_in("PL")]

    # Assert
    assert names == ["Alfa", "Zeta"]
