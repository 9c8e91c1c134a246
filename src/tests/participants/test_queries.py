import pytest

from smeforum.participants.queries import (
    CountRow,
    counts_by_category,
    counts_by_country,
    delegations_for_page,
    sample_share,
)
from tests.factories import (
    DelegationFactory,
    EditionFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.unit


@pytest.fixture
def edition(db):
    """An edition with registrations in several categories and countries, one cancelled."""
    edition = EditionFactory()
    polish = OrganisationFactory(country="PL")
    slovak = OrganisationFactory(country="SK")

    def register(category, organisation, status="confirmed", is_sample=False):
        person = PersonFactory(organisation=organisation)
        RegistrationFactory(
            edition=edition,
            person=person,
            category=category,
            status=status,
            is_sample=is_sample,
        )

    register("enterprise", polish)
    register("enterprise", polish, status="attended", is_sample=True)
    register("enterprise", slovak, status="cancelled")
    register("government", slovak, status="invited")
    register("government", None)
    register("media", polish, status="registered")
    # Another edition's registrations are not counted.
    RegistrationFactory(edition=EditionFactory(series=edition.series), category="media")
    return edition


def test_counts_by_category_excludes_cancelled_registrations(edition):
    # Act
    rows = counts_by_category(edition)

    # Assert
    assert rows == [
        CountRow("enterprise", "enterprise", 2),
        CountRow("government", "government representative", 2),
        CountRow("media", "media", 1),
    ]


def test_counts_by_country_uses_organisation_country_and_excludes_cancelled(edition):
    # Act
    rows = counts_by_country(edition)

    # Assert
    assert rows == [
        CountRow("PL", "Poland", 3),
        CountRow("SK", "Slovakia", 1),
    ]


def test_counts_of_edition_without_registrations_are_empty(db):
    # Arrange
    edition = EditionFactory()

    # Act
    by_category = counts_by_category(edition)
    by_country = counts_by_country(edition)

    # Assert
    assert (by_category, by_country) == ([], [])


def test_sample_share_counts_sample_and_active_registrations(edition):
    # Act
    share = sample_share(edition)

    # Assert
    assert share == (1, 5)


def test_delegations_for_page_counts_members(db):
    # Arrange
    edition = EditionFactory()
    slovak = DelegationFactory(edition=edition, country="SK", name_en="Slovakia")
    DelegationFactory(edition=edition, country="PL", name_en="Poland")
    RegistrationFactory.create_batch(2, edition=edition, delegation=slovak)

    # Act
    rows = [(d.name_en, d.member_count) for d in delegations_for_page(edition)]

    # Assert
    assert rows == [("Poland", 0), ("Slovakia", 2)]
