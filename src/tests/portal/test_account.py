"""Dashboard, profile (optimistic locking) and personal-data download."""

import json

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from smeforum.audit.domain import snapshot_token
from smeforum.audit.models import AuditEntry
from smeforum.orgs.domain.organisations import save_person

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    "name", ["portal:dashboard", "portal:profile", "portal:personal_data", "portal:tokens"]
)
def test_anonymous_callers_are_sent_to_the_login_page(client, world, name):
    url = reverse(name)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{resolve_url(settings.LOGIN_URL)}?next={url}"


def test_participant_dashboard_lists_their_registrations(client, world):
    client.force_login(world.users.participant)

    response = client.get(reverse("portal:dashboard"))

    assert response.status_code == 200
    registrations = list(response.context["registrations"])
    assert registrations == [world.petra]
    body = response.content.decode()
    assert "Petra Participant" in body
    assert str(world.edition) in body
    assert reverse("portal:profile") in body
    assert reverse("portal:personal_data") in body
    assert reverse("admin:index") not in body


def test_lead_dashboard_links_their_delegation_only(client, world):
    client.force_login(world.users.lead_a)

    response = client.get(reverse("portal:dashboard"))

    body = response.content.decode()
    assert [lead.delegation for lead in response.context["leads"]] == [world.delegation_a]
    assert reverse("portal:delegation", args=[world.delegation_a.pk]) in body
    assert reverse("portal:delegation", args=[world.delegation_b.pk]) not in body
    assert "not linked to a participant" in body


def test_organiser_dashboard_shows_roles_and_the_back_office(client, world):
    client.force_login(world.users.organiser)

    response = client.get(reverse("portal:dashboard"))

    body = response.content.decode()
    assert [role.series for role in response.context["organiser_roles"]] == [world.edition.series]
    assert "programme, participants, delegations, outcomes, matchmaking, publish" in body
    assert reverse("admin:index") in body


def test_header_links_my_account_or_sign_in(client, world):
    assert resolve_url(settings.LOGIN_URL) in client.get("/").content.decode()
    client.force_login(world.users.participant)
    assert reverse("portal:dashboard") in client.get("/").content.decode()


@pytest.mark.parametrize("caller", ["lead_a", "organiser"])
def test_profile_and_data_need_a_linked_person(client, world, caller):
    client.force_login(getattr(world.users, caller))

    assert client.get(reverse("portal:profile")).status_code == 404
    assert client.get(reverse("portal:personal_data")).status_code == 404


def test_participant_edits_contact_details(client, world):
    person = world.petra.person
    client.force_login(world.users.participant)
    form = client.get(reverse("portal:profile")).context["form"]

    response = client.post(
        reverse("portal:profile"),
        {
            "position": "Chief engineer",
            "email": "petra@example.rs",
            "phone": "+381 21 555",
            "language": "zh-hans",
            "snapshot": form.initial["snapshot"],
        },
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.position, person.email, person.phone, person.language, person.name) == (
        "Chief engineer",
        "petra@example.rs",
        "+381 21 555",
        "zh-hans",
        "Petra Participant",
    )
    entry = AuditEntry.objects.filter(action="orgs.person.changed").latest("pk")
    assert entry.actor == world.users.participant
    assert entry.object_id == str(person.pk)
    assert entry.after["position"] == "Chief engineer"


def test_profile_ignores_fields_that_are_not_self_editable(client, world):
    person = world.petra.person
    client.force_login(world.users.participant)

    client.post(
        reverse("portal:profile"),
        {
            "name": "Someone Else",
            "organisation": world.serbian.pk,
            "position": "",
            "email": "",
            "phone": "",
            "language": "en",
            "snapshot": snapshot_token(person),
        },
    )

    person.refresh_from_db()
    assert (person.name, person.organisation_id, person.position) == (
        "Petra Participant",
        world.petra.person.organisation_id,
        "",
    )


def test_profile_refuses_to_overwrite_a_change_made_meanwhile(client, world):
    person = world.petra.person
    client.force_login(world.users.participant)
    token = snapshot_token(person)
    person.position = "Changed by an organiser"
    save_person(person, actor=world.users.organiser)

    response = client.post(
        reverse("portal:profile"),
        {"position": "Mine", "email": "", "phone": "", "language": "en", "snapshot": token},
    )

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    assert "organiser" in errors[0]
    person.refresh_from_db()
    assert person.position == "Changed by an organiser"


def test_profile_shows_an_invalid_email_on_its_field(client, world):
    client.force_login(world.users.participant)

    response = client.post(
        reverse("portal:profile"),
        {"position": "", "email": "not-an-email", "phone": "", "language": "en", "snapshot": "x"},
    )

    assert list(response.context["form"].errors) == ["email"]


def test_profile_offers_the_site_languages_for_emails(client, world):
    client.force_login(world.users.participant)

    form = client.get(reverse("portal:profile")).context["form"]

    assert form.initial["language"] == "en"
    assert [value for value, _label in form.fields["language"].choices] == ["en", "zh-hans"]


def test_profile_refuses_a_language_the_site_does_not_speak(client, world):
    person = world.petra.person
    client.force_login(world.users.participant)

    response = client.post(
        reverse("portal:profile"),
        {"position": "", "email": "", "phone": "", "language": "fr", "snapshot": "x"},
    )

    assert list(response.context["form"].errors) == ["language"]
    person.refresh_from_db()
    assert person.language == "en"


def test_personal_data_downloads_as_json_attachment(client, world):
    client.force_login(world.users.participant)

    response = client.get(reverse("portal:personal_data"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="personal-data-{world.petra.person.pk}.json"'
    )
    data = json.loads(response.content)
    assert data["person"]["name"] == "Petra Participant"
    assert [r["edition"] for r in data["registrations"]] == [9]
