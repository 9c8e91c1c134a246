"""Saving matchmaking profiles (sectors audited, optimistic locking) and confirming them for an
edition."""

import pytest
from django.core.exceptions import ValidationError

from smeforum.audit.domain import snapshot_token
from smeforum.audit.models import AuditEntry
from smeforum.matchmaking.domain import confirm_profile_for_edition, save_profile
from smeforum.matchmaking.models import Profile, ProfileEdition
from smeforum.reference.models import Sector
from tests.factories import (
    EditionFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.matchmaking.factories import make_profile

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _sectors(*codes):
    return Sector.objects.filter(code__in=codes)


def test_save_profile_stores_fields_and_sectors():
    # Arrange
    organisation = OrganisationFactory(name="Hebei Pipes")
    profile = Profile(
        organisation=organisation,
        description_original="钢管制造商",
        description_language="zh",
        description_en="Maker of steel pipes",
        size_class=Profile.SizeClass.MEDIUM,
        countries_of_interest=["PL", "HU"],
        languages=["zh", "en"],
    )

    # Act
    save_profile(profile, sectors=_sectors("C", "24"), actor=UserFactory())

    # Assert
    stored = Profile.objects.get(organisation=organisation)
    assert sorted(stored.sectors.values_list("code", flat=True)) == ["24", "C"]
    assert stored.countries_of_interest == ["PL", "HU"]
    assert stored.version == 1


def test_changing_sectors_is_audited_with_the_codes_and_moves_the_version():
    # Arrange
    profile = make_profile(sectors=("C",))
    user = UserFactory()

    # Act
    save_profile(profile, sectors=_sectors("C", "J"), actor=user)

    # Assert
    entry = AuditEntry.objects.get(action="matchmaking.profile.sectors_changed", actor=user)
    assert (entry.before, entry.after) == ({"sectors": ["C"]}, {"sectors": ["C", "J"]})
    assert Profile.objects.get(pk=profile.pk).version == 2


def test_saving_an_unchanged_profile_keeps_its_version_and_logs_nothing():
    # Arrange
    profile = make_profile(sectors=("C",))
    entries = AuditEntry.objects.count()

    # Act
    save_profile(profile, sectors=_sectors("C"))

    # Assert
    assert Profile.objects.get(pk=profile.pk).version == 1
    assert AuditEntry.objects.count() == entries


def test_bad_codes_are_refused_naming_the_fields():
    # Arrange
    profile = Profile(
        organisation=OrganisationFactory(),
        description_original="opis",
        countries_of_interest=["PL", "XX"],
        languages=["pol"],
    )

    # Act
    with pytest.raises(ValidationError) as info:
        save_profile(profile, sectors=[])

    # Assert
    assert sorted(info.value.message_dict) == [
        "countries_of_interest",
        "description_language",
        "languages",
    ]
    assert not Profile.objects.exists()


def test_a_second_profile_of_an_organisation_is_refused():
    # Arrange
    profile = make_profile()

    # Act
    with pytest.raises(ValidationError) as info:
        save_profile(Profile(organisation=profile.organisation), sectors=[])

    # Assert
    assert list(info.value.message_dict) == ["organisation"]


def test_a_stale_token_is_refused_and_nothing_is_saved():
    # Arrange
    profile = make_profile()
    token = snapshot_token(profile)
    other = Profile.objects.get(pk=profile.pk)
    other.description_en = "Changed by a colleague"
    save_profile(other, sectors=_sectors("C"), actor=UserFactory(email="colleague@example.org"))
    profile.description_en = "My change"

    # Act
    with pytest.raises(ValidationError) as info:
        save_profile(profile, sectors=_sectors("C"), token=token)

    # Assert
    assert info.value.code == "conflict"
    assert "colleague@example.org" in info.value.messages[0]
    assert Profile.objects.get(pk=profile.pk).description_en == "Changed by a colleague"


def test_a_fresh_token_saves():
    # Arrange
    profile = make_profile()
    token = snapshot_token(profile)
    profile.description_en = "Now in English"

    # Act
    save_profile(profile, sectors=_sectors("C"), token=token)

    # Assert
    assert Profile.objects.get(pk=profile.pk).description_en == "Now in English"


def test_confirm_for_edition_records_who_attends():
    # Arrange
    profile = make_profile()
    edition = EditionFactory()
    registration = RegistrationFactory(
        edition=edition, person=PersonFactory(organisation=profile.organisation)
    )

    # Act
    confirmed = confirm_profile_for_edition(
        profile, edition=edition, attendees=[registration], actor=UserFactory()
    )

    # Assert
    assert list(confirmed.attendees.all()) == [registration]
    assert ProfileEdition.objects.filter(profile=profile, edition=edition).count() == 1


def test_confirming_again_updates_the_same_row():
    # Arrange
    profile = make_profile()
    edition = EditionFactory()
    first = confirm_profile_for_edition(profile, edition=edition, attendees=[])
    registration = RegistrationFactory(
        edition=edition, person=PersonFactory(organisation=profile.organisation)
    )

    # Act
    second = confirm_profile_for_edition(profile, edition=edition, attendees=[registration])

    # Assert
    assert second.pk == first.pk
    assert list(second.attendees.all()) == [registration]


def test_attendees_of_another_edition_or_organisation_are_refused():
    # Arrange
    profile = make_profile()
    edition = EditionFactory()
    elsewhere = RegistrationFactory(
        person=PersonFactory(
            name="Ola Nowak", name_latin="Ola Nowak", organisation=profile.organisation
        )
    )
    stranger = RegistrationFactory(
        edition=edition, person=PersonFactory(name="Li Wei", name_latin="Li Wei")
    )

    # Act
    with pytest.raises(ValidationError) as info:
        confirm_profile_for_edition(profile, edition=edition, attendees=[elsewhere, stranger])

    # Assert
    assert info.value.message_dict == {
        "attendees": [
            f"Ola Nowak is not registered for {edition}.",
            f"Li Wei does not belong to {profile.organisation}.",
        ]
    }
    assert not ProfileEdition.objects.exists()
