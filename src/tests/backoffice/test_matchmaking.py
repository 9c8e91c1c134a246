"""The matchmaking back office: moderation actions, scoping to the organiser's editions, an
organiser's correction, list queries."""

import re

import pytest
from django.urls import reverse

from smeforum.accounts.domain.roles import grant_organiser_role
from smeforum.audit.models import AuditEntry
from smeforum.matchmaking.domain import (
    confirm_profile_for_edition,
    save_profile,
    submit_opportunity,
)
from smeforum.matchmaking.models import Opportunity, Profile
from smeforum.reference.models import Sector
from tests.backoffice.forms import changeform_data
from tests.factories import EditionFactory, OrganisationFactory, UserFactory
from tests.matchmaking.factories import make_opportunity, make_profile

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CHANGELIST = reverse("admin:matchmaking_opportunity_changelist")


def _submitted(**kwargs) -> Opportunity:
    opportunity = make_opportunity(**kwargs)
    return submit_opportunity(opportunity)


def _status(opportunity) -> str:
    return Opportunity.objects.get(pk=opportunity.pk).status


def test_publish_action_publishes_through_the_domain(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    opportunity = _submitted()

    # Act
    response = client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [opportunity.pk]}
    )

    # Assert
    assert response.status_code == 302
    assert _status(opportunity) == "published"
    assert AuditEntry.objects.filter(
        action="matchmaking.opportunity.published", actor=staff_user
    ).exists()


def test_reject_action_first_asks_for_the_note(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    opportunity = _submitted(title="Valves")

    # Act
    response = client.post(
        CHANGELIST, {"action": "reject_selected", "_selected_action": [opportunity.pk]}
    )

    # Assert
    assert response.status_code == 200
    assert "Note to the owners" in response.content.decode()
    assert _status(opportunity) == "submitted"


def test_reject_action_with_a_note_rejects(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    opportunity = _submitted()

    # Act
    response = client.post(
        CHANGELIST,
        {
            "action": "reject_selected",
            "_selected_action": [opportunity.pk],
            "confirm": "yes",
            "note": "Please remove the phone number from the summary.",
        },
    )

    # Assert
    assert response.status_code == 302
    stored = Opportunity.objects.get(pk=opportunity.pk)
    assert (stored.status, stored.moderation_note) == (
        "rejected",
        "Please remove the phone number from the summary.",
    )


def test_publishing_a_draft_is_refused_with_a_message(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    opportunity = make_opportunity()

    # Act
    response = client.post(
        CHANGELIST,
        {"action": "publish_selected", "_selected_action": [opportunity.pk]},
        follow=True,
    )

    # Assert
    assert "A draft opportunity cannot be published." in response.content.decode()
    assert _status(opportunity) == "draft"


def test_organiser_sees_only_the_opportunities_of_their_editions(client):
    # Arrange
    mine = _submitted(title="Mine to moderate")
    theirs = _submitted(title="Another forum's")
    organiser = UserFactory()
    grant_organiser_role(
        mine.series, user=organiser, edition=mine.edition, permissions=["matchmaking"]
    )
    client.force_login(organiser)

    # Act
    page = client.get(CHANGELIST)
    other = client.get(reverse("admin:matchmaking_opportunity_change", args=[theirs.pk]))

    # Assert
    assert page.status_code == 200
    assert "Mine to moderate" in page.content.decode()
    assert "Another forum&#x27;s" not in page.content.decode()
    assert other.status_code == 404


def test_organiser_correction_keeps_a_published_opportunity_published(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    opportunity = _submitted()
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [opportunity.pk]})
    url = reverse("admin:matchmaking_opportunity_change", args=[opportunity.pk])

    # Act
    response = client.post(url, changeform_data(client.get(url), title="Steel pipes, DN50"))

    # Assert
    assert response.status_code == 302
    stored = Opportunity.objects.get(pk=opportunity.pk)
    assert (stored.title, stored.status) == ("Steel pipes, DN50", "published")


def _rows(count: int, edition) -> None:
    for _ in range(count):
        profile = make_profile(OrganisationFactory())
        confirm_profile_for_edition(profile, edition=edition, attendees=[])
        make_opportunity(profile, edition=edition, sectors=("C", "J"))


@pytest.mark.parametrize("model", ["opportunity", "profile"])
def test_changelists_do_not_grow_queries_with_rows(
    client, staff_user, django_assert_max_num_queries, model
):
    # Arrange
    client.force_login(staff_user)
    edition = EditionFactory()
    url = reverse(f"admin:matchmaking_{model}_changelist")
    _rows(3, edition)
    with django_assert_max_num_queries(50) as few:
        client.get(url)
    _rows(3, edition)

    # Act / Assert
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


def test_an_opportunity_added_by_an_organiser_is_submitted_with_its_sectors(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    profile = make_profile()
    edition = EditionFactory()
    url = reverse("admin:matchmaking_opportunity_add")
    sector = Sector.objects.get(code="J")
    data = changeform_data(
        client.get(url),
        profile=str(profile.pk),
        series=str(edition.series_id),
        edition=str(edition.pk),
        kind="technology_offer",
        title="Sensor platform",
        language="en",
        sectors=[str(sector.pk)],
        partnerships='["licensing"]',
        target_countries='["HU", "RS"]',
        technology_readiness="6",
    )

    # Act
    response = client.post(url, data)

    # Assert
    assert response.status_code == 302
    stored = Opportunity.objects.get(title="Sensor platform")
    assert (stored.status, stored.partnerships, stored.technology_readiness) == (
        "submitted",
        ["licensing"],
        6,
    )
    assert list(stored.sectors.values_list("code", flat=True)) == ["J"]
    assert AuditEntry.objects.filter(
        action="matchmaking.opportunity.sectors_changed", actor=staff_user
    ).exists()


def test_a_profile_change_with_a_stale_token_is_refused(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    profile = make_profile()
    url = reverse("admin:matchmaking_profile_change", args=[profile.pk])
    page = client.get(url)
    token = re.search(r'name="_snapshot" value="([0-9a-f]+)"', page.content.decode()).group(1)
    profile.description_en = "Changed meanwhile"
    save_profile(profile, sectors=profile.sectors.all())

    # Act
    response = client.post(
        url, {**changeform_data(page, description_en="Mine"), "_snapshot": token}
    )

    # Assert
    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    assert Profile.objects.get(pk=profile.pk).description_en == "Changed meanwhile"
