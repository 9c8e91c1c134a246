"""Who may see, change and moderate matchmaking records (accounts/rules.py)."""

import pytest

from smeforum.accounts.domain.roles import grant_organiser_role, link_person_account
from smeforum.matchmaking.domain import confirm_profile_for_edition, save_opportunity
from smeforum.matchmaking.models import Opportunity, Profile
from tests.factories import EditionFactory, PersonFactory, UserFactory
from tests.matchmaking.factories import make_opportunity, make_profile

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _organiser(edition, *permissions, series_wide=False):
    user = UserFactory()
    grant_organiser_role(
        edition.series,
        user=user,
        edition=None if series_wide else edition,
        permissions=list(permissions),
    )
    return user


def test_organiser_with_matchmaking_on_the_edition_moderates_its_opportunity():
    # Arrange
    opportunity = make_opportunity()
    edition = opportunity.edition
    with_it = _organiser(edition, "matchmaking")
    without_it = _organiser(edition, "programme")
    elsewhere = _organiser(EditionFactory(series=edition.series), "matchmaking")

    # Act / Assert
    assert with_it.has_perm("matchmaking.moderate_opportunity", opportunity)
    assert with_it.has_perm("matchmaking.change_opportunity", opportunity)
    assert not without_it.has_perm("matchmaking.view_opportunity", opportunity)
    assert not elsewhere.has_perm("matchmaking.change_opportunity", opportunity)


def test_evergreen_opportunity_belongs_to_organisers_of_its_series_or_its_profiles_editions():
    # Arrange
    edition = EditionFactory()
    other_series_edition = EditionFactory()
    profile = make_profile()
    opportunity = save_opportunity(
        Opportunity(
            profile=profile,
            series=edition.series,
            kind=Opportunity.Kind.INVESTMENT_REQUEST,
            title="Investors wanted",
            language="en",
        )
    )
    of_series = _organiser(edition, "matchmaking")
    of_other_series = _organiser(other_series_edition, "matchmaking")
    allowed_before = of_other_series.has_perm("matchmaking.change_opportunity", opportunity)

    # Act
    confirm_profile_for_edition(profile, edition=other_series_edition, attendees=[])

    # Assert
    assert of_series.has_perm("matchmaking.change_opportunity", opportunity)
    assert allowed_before is False
    assert of_other_series.has_perm("matchmaking.change_opportunity", opportunity)


def test_profile_belongs_to_organisers_of_the_editions_it_is_confirmed_for():
    # Arrange
    profile = make_profile()
    edition = EditionFactory()
    organiser = _organiser(edition, "matchmaking", series_wide=True)
    before = organiser.has_perm("matchmaking.change_profile", profile)

    # Act
    confirm_profile_for_edition(profile, edition=edition, attendees=[])

    # Assert
    assert before is False
    assert organiser.has_perm("matchmaking.change_profile", profile)


def test_platform_admin_may_do_everything():
    # Arrange
    admin = UserFactory(is_superuser=True)
    opportunity = make_opportunity()

    # Assert
    assert admin.has_perm("matchmaking.moderate_opportunity", opportunity)
    assert admin.has_perm("matchmaking.change_profile", opportunity.profile)


def test_own_profile_and_opportunity_are_those_of_the_users_organisation():
    # Arrange
    opportunity = make_opportunity()
    profile = opportunity.profile
    member = UserFactory()
    link_person_account(PersonFactory(organisation=profile.organisation), user=member)
    outsider = UserFactory()
    link_person_account(PersonFactory(), user=outsider)
    unlinked = UserFactory()

    # Assert
    assert member.has_perm("matchmaking.edit_own_profile", profile)
    assert member.has_perm("matchmaking.edit_own_opportunity", opportunity)
    assert not member.has_perm("matchmaking.moderate_opportunity", opportunity)
    assert not outsider.has_perm("matchmaking.edit_own_opportunity", opportunity)
    assert not unlinked.has_perm("matchmaking.edit_own_profile", profile)
    assert not member.has_perm("matchmaking.edit_own_profile", None)


def test_organisers_may_add_records_to_the_editions_they_organise_only():
    edition = EditionFactory()
    other = EditionFactory(series=edition.series)
    organiser = _organiser(edition, "matchmaking")
    profile = make_profile()
    new_here = Opportunity(profile=profile, series=edition.series, edition=edition)
    new_there = Opportunity(profile=profile, series=edition.series, edition=other)

    assert organiser.has_perm("matchmaking.add_opportunity", new_here)
    assert not organiser.has_perm("matchmaking.add_opportunity", new_there)
    assert organiser.has_perm("matchmaking.add_profile", Profile())
    assert not _organiser(edition, "programme").has_perm("matchmaking.add_profile", Profile())
