"""Opportunities: owners' edits, the moderation flow, readiness levels, optimistic locking."""

import pytest
from django.core.exceptions import ValidationError

from smeforum.audit.domain import snapshot_token
from smeforum.audit.models import AuditEntry
from smeforum.matchmaking.domain import (
    publish_opportunity,
    reject_opportunity,
    save_opportunity,
    submit_opportunity,
    withdraw_opportunity,
)
from smeforum.matchmaking.models import Opportunity
from smeforum.reference.models import Sector
from tests.factories import EditionFactory, UserFactory
from tests.matchmaking.factories import make_opportunity, make_profile

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

Status = Opportunity.Status


def _status(opportunity) -> str:
    return Opportunity.objects.get(pk=opportunity.pk).status


def test_a_new_opportunity_is_a_draft_with_its_sectors():
    # Act
    opportunity = make_opportunity(sectors=("C", "24"))

    # Assert
    assert _status(opportunity) == Status.DRAFT
    assert sorted(opportunity.sectors.values_list("code", flat=True)) == ["24", "C"]


def test_moderation_flow_submit_publish_reject_resubmit():
    # Arrange
    opportunity = make_opportunity()
    organiser = UserFactory()

    # Act / Assert, step by step
    submit_opportunity(opportunity)
    assert _status(opportunity) == Status.SUBMITTED
    publish_opportunity(opportunity, note="Looks good", actor=organiser)
    assert (_status(opportunity), opportunity.moderation_note) == (Status.PUBLISHED, "Looks good")
    reject_opportunity(opportunity, note="Contact details in the summary", actor=organiser)
    assert _status(opportunity) == Status.REJECTED
    submit_opportunity(opportunity)
    assert _status(opportunity) == Status.SUBMITTED
    actions = list(
        AuditEntry.objects.filter(action__startswith="matchmaking.opportunity.")
        .exclude(
            action__in=[
                "matchmaking.opportunity.created",
                "matchmaking.opportunity.sectors_changed",
            ]
        )
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "matchmaking.opportunity.submitted",
        "matchmaking.opportunity.published",
        "matchmaking.opportunity.rejected",
        "matchmaking.opportunity.submitted",
    ]


def test_a_draft_cannot_be_published():
    # Arrange
    opportunity = make_opportunity()

    # Act
    with pytest.raises(ValidationError) as info:
        publish_opportunity(opportunity)

    # Assert
    assert info.value.message_dict == {"status": ["A draft opportunity cannot be published."]}
    assert _status(opportunity) == Status.DRAFT


def test_rejecting_needs_a_note():
    # Arrange
    opportunity = make_opportunity()
    submit_opportunity(opportunity)

    # Act
    with pytest.raises(ValidationError) as info:
        reject_opportunity(opportunity, note="  ")

    # Assert
    assert list(info.value.message_dict) == ["moderation_note"]
    assert _status(opportunity) == Status.SUBMITTED


def test_withdrawn_twice_is_refused():
    # Arrange
    opportunity = make_opportunity()
    withdraw_opportunity(opportunity)

    # Act
    with pytest.raises(ValidationError) as info:
        withdraw_opportunity(opportunity)

    # Assert
    assert info.value.message_dict == {"status": ["A withdrawn opportunity cannot be withdrawn."]}


def test_owner_editing_a_published_opportunity_sends_it_back_to_moderation():
    # Arrange
    opportunity = make_opportunity()
    submit_opportunity(opportunity)
    publish_opportunity(opportunity)
    opportunity.title = "Seamless steel pipes"

    # Act
    save_opportunity(opportunity, by_owner=True)

    # Assert
    assert _status(opportunity) == Status.SUBMITTED


def test_organiser_correcting_a_published_opportunity_keeps_it_published():
    # Arrange
    opportunity = make_opportunity()
    submit_opportunity(opportunity)
    publish_opportunity(opportunity)
    opportunity.title = "Steel pipes (corrected)"

    # Act
    save_opportunity(opportunity, by_owner=False)

    # Assert
    assert _status(opportunity) == Status.PUBLISHED


def test_owner_saving_without_changes_keeps_it_published():
    # Arrange
    opportunity = make_opportunity(sectors=("C",))
    submit_opportunity(opportunity)
    publish_opportunity(opportunity)

    # Act
    save_opportunity(opportunity, sectors=Sector.objects.filter(code="C"))

    # Assert
    assert _status(opportunity) == Status.PUBLISHED


def test_owner_changing_only_sectors_sends_it_back_to_moderation():
    # Arrange
    opportunity = make_opportunity(sectors=("C",))
    submit_opportunity(opportunity)
    publish_opportunity(opportunity)

    # Act
    save_opportunity(opportunity, sectors=Sector.objects.filter(code__in=["C", "J"]))

    # Assert
    assert _status(opportunity) == Status.SUBMITTED


def test_saving_does_not_change_the_status_directly():
    # Arrange
    opportunity = make_opportunity()
    opportunity.status = Status.PUBLISHED

    # Act
    save_opportunity(opportunity)

    # Assert
    assert _status(opportunity) == Status.DRAFT


def test_readiness_level_only_for_technology_kinds():
    # Act
    with pytest.raises(ValidationError) as info:
        make_opportunity(kind=Opportunity.Kind.BUSINESS_REQUEST, technology_readiness=5)

    # Assert
    assert list(info.value.message_dict) == ["technology_readiness"]
    assert make_opportunity(kind=Opportunity.Kind.TECHNOLOGY_OFFER, technology_readiness=5).pk


def test_edition_of_another_series_is_refused():
    # Arrange
    opportunity = Opportunity(
        profile=make_profile(),
        series=EditionFactory().series,
        edition=EditionFactory(),
        kind=Opportunity.Kind.BUSINESS_OFFER,
        title="Pipes",
        language="en",
    )

    # Act
    with pytest.raises(ValidationError) as info:
        save_opportunity(opportunity)

    # Assert
    assert list(info.value.message_dict) == ["edition"]


def test_external_id_is_unique_per_series():
    # Arrange
    first = make_opportunity(external_id="EEN-1")
    second = Opportunity(
        profile=first.profile,
        series=first.series,
        kind=Opportunity.Kind.BUSINESS_OFFER,
        title="Other",
        language="en",
        external_id="EEN-1",
    )

    # Act
    with pytest.raises(ValidationError) as info:
        save_opportunity(second)

    # Assert
    assert info.value.messages == ["This series already has an opportunity with this external id."]
    assert make_opportunity(external_id="EEN-1").pk  # another series


def test_stale_token_is_refused():
    # Arrange
    opportunity = make_opportunity()
    token = snapshot_token(opportunity)
    other = Opportunity.objects.get(pk=opportunity.pk)
    other.title = "Theirs"
    save_opportunity(other)
    opportunity.title = "Mine"

    # Act
    with pytest.raises(ValidationError) as info:
        save_opportunity(opportunity, token=token)

    # Assert
    assert info.value.code == "conflict"
    assert Opportunity.objects.get(pk=opportunity.pk).title == "Theirs"


def test_moderation_moves_the_version():
    # Arrange
    opportunity = make_opportunity()

    # Act
    submit_opportunity(opportunity)

    # Assert
    assert Opportunity.objects.get(pk=opportunity.pk).version == 2
