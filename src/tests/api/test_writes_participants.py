"""Writing registrations and delegations through the API: exact answers, audit entries with
their actor, the domain's validation naming the field, leads kept to their delegation, and
optimistic locking (a stale ``version`` is a 409)."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType

from smeforum.accounts.domain.tokens import create_api_token
from smeforum.audit.domain import snapshot_token
from smeforum.audit.models import AuditEntry
from smeforum.orgs.models import Person
from smeforum.participants.models import Delegation, Registration
from tests.accounts.world import build_world
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db):
    return build_world()


def _call(client, method: str, url: str, user, body=None, **headers):
    token = create_api_token(user, scope="write")[1]
    return client.generic(
        method,
        url,
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", **headers},
    )


def _registrations_url(world) -> str:
    return f"/api/v1/editions/{world.edition.series.slug}/{world.edition.number}/registrations"


def _last_entry(obj) -> AuditEntry:
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        .order_by("-id")
        .first()
    )


# --- registrations: create ---------------------------------------------------------------------


def test_organiser_registers_a_new_person_into_a_delegation(client, world):
    organiser = world.users["organiser"]
    body = {
        "person": {"name": "Nina Novak", "email": "nina@example.org", "phone": "+386 1 000"},
        "category": "government",
        "delegation_id": world.delegation_b.pk,
    }

    response = _call(client, "POST", _registrations_url(world), organiser, body)

    assert response.status_code == 201, response.content
    registration = Registration.objects.get(person__name="Nina Novak")
    assert response.json() == {
        "id": registration.pk,
        "person": "Nina Novak",
        "person_id": registration.person_id,
        "category": "government",
        "status": "registered",
        "delegation": "Delegation Beta",
        "delegation_id": world.delegation_b.pk,
        "email": "nina@example.org",
        "phone": "+386 1 000",
        "version": snapshot_token(registration),
    }
    assert (registration.edition, registration.delegation) == (world.edition, world.delegation_b)
    entry = _last_entry(registration)
    assert (entry.action, entry.actor, entry.actor_label) == (
        "participants.registration.created",
        organiser,
        "organiser@example.org",
    )
    person_entry = _last_entry(registration.person)
    assert (person_entry.action, person_entry.actor) == ("orgs.person.created", organiser)


def test_a_lead_registers_into_their_own_delegation(client, world):
    response = _call(
        client,
        "POST",
        _registrations_url(world),
        world.users["lead_a"],
        {"person": {"name": "Luka Lead"}, "category": "enterprise", "status": "invited"},
    )

    assert response.status_code == 201, response.content
    registration = Registration.objects.get(person__name="Luka Lead")
    assert (registration.delegation, registration.status) == (world.delegation_a, "invited")
    assert "email" not in response.json()  # contacts only for organisers
    assert _last_entry(registration).actor == world.users["lead_a"]


def test_a_lead_registers_an_existing_member_of_theirs_to_another_edition(client, world):
    other = f"/api/v1/editions/{world.edition.series.slug}/{world.other_edition.number}"
    response = _call(
        client,
        "POST",
        f"{other}/registrations",
        world.users["lead_a"],
        {"person_id": world.reg_a1.person_id, "category": "enterprise"},
    )

    # Delegation A belongs to edition 6: in edition 7 the lead leads nothing.
    assert response.status_code == 403


def test_a_new_persons_invalid_email_names_the_field(client, world):
    response = _call(
        client,
        "POST",
        _registrations_url(world),
        world.users["organiser"],
        {"person": {"name": "Bad Mail", "email": "not-an-email"}, "category": "media"},
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Enter a valid email address.",
        "field": "person.email",
        "code": "invalid",
    }
    assert not Person.objects.filter(name="Bad Mail").exists()


def test_a_person_registered_twice_is_refused_and_nothing_changes(client, world):
    count = Registration.objects.count()

    response = _call(
        client,
        "POST",
        _registrations_url(world),
        world.users["organiser"],
        {"person_id": world.reg_a1.person_id, "category": "media"},
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": "This person is already registered to this edition.",
        "field": None,
    }
    assert Registration.objects.count() == count


def test_person_id_and_person_together_are_refused(client, world):
    response = _call(
        client,
        "POST",
        _registrations_url(world),
        world.users["organiser"],
        {"person_id": world.reg_a1.person_id, "person": {"name": "X"}, "category": "media"},
    )

    assert (response.status_code, response.json()["field"]) == (422, "person_id")


def test_an_unknown_category_names_the_field(client, world):
    response = _call(
        client,
        "POST",
        _registrations_url(world),
        world.users["organiser"],
        {"person": {"name": "X"}, "category": "spy"},
    )

    assert (response.status_code, response.json()["field"]) == (422, "category")


# --- registrations: change, withdraw ----------------------------------------------------------


def test_a_lead_changes_the_status_of_their_member(client, world):
    url = f"/api/v1/registrations/{world.reg_a1.pk}"

    response = _call(client, "PATCH", url, world.users["lead_a"], {"status": "attended"})

    assert response.status_code == 200, response.content
    world.reg_a1.refresh_from_db()
    assert world.reg_a1.status == "attended"
    assert response.json()["status"] == "attended"
    assert response.json()["version"] == snapshot_token(world.reg_a1)
    entry = _last_entry(world.reg_a1)
    assert (entry.action, entry.actor, entry.before["status"], entry.after["status"]) == (
        "participants.registration.status_changed",
        world.users["lead_a"],
        "confirmed",
        "attended",
    )


def test_a_lead_cannot_take_a_member_out_of_the_delegation(client, world):
    url = f"/api/v1/registrations/{world.reg_a1.pk}"

    response = _call(client, "PATCH", url, world.users["lead_a"], {"delegation_id": None})

    assert response.status_code == 403
    assert response.json() == {
        "detail": "A delegation lead cannot take a member out of the delegation; withdraw it.",
        "field": None,
    }
    world.reg_a1.refresh_from_db()
    assert world.reg_a1.delegation == world.delegation_a


def test_an_organiser_moves_a_registration_to_another_delegation(client, world):
    url = f"/api/v1/registrations/{world.reg_a1.pk}"

    response = _call(
        client, "PATCH", url, world.users["organiser"], {"delegation_id": world.delegation_b.pk}
    )

    assert response.status_code == 200
    assert (response.json()["delegation"], response.json()["delegation_id"]) == (
        "Delegation Beta",
        world.delegation_b.pk,
    )
    entry = _last_entry(world.reg_a1)
    assert (entry.action, entry.actor) == (
        "participants.registration.delegation_set",
        world.users["organiser"],
    )


def test_the_current_version_is_accepted_and_a_stale_one_is_a_conflict(client, world):
    url = f"/api/v1/registrations/{world.reg_a1.pk}"
    lead = world.users["lead_a"]
    read = client.get(
        url, headers={"Authorization": f"Bearer {create_api_token(lead, scope='read')[1]}"}
    )
    version = read.json()["version"]
    assert version == snapshot_token(world.reg_a1)

    first = _call(client, "PATCH", url, lead, {"status": "attended", "version": version})
    second = _call(client, "PATCH", url, lead, {"category": "media", "version": version})
    by_header = _call(client, "PATCH", url, lead, {"category": "media"}, **{"If-Match": version})

    assert first.status_code == 200
    assert (second.status_code, by_header.status_code) == (409, 409)
    assert second.json()["field"] is None
    assert second.json()["detail"].startswith("lead-a@example.org changed this record at ")
    world.reg_a1.refresh_from_db()
    assert (world.reg_a1.status, world.reg_a1.category) == ("attended", "enterprise")


def test_withdrawing_keeps_the_registration_cancelled(client, world):
    url = f"/api/v1/registrations/{world.reg_a2.pk}"

    response = _call(client, "DELETE", url, world.users["lead_a"])

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    world.reg_a2.refresh_from_db()
    assert world.reg_a2.status == "cancelled"
    entry = _last_entry(world.reg_a2)
    assert (entry.action, entry.actor) == (
        "participants.registration.withdrawn",
        world.users["lead_a"],
    )


def test_a_participant_sees_but_cannot_change_their_registration(client, world):
    url = f"/api/v1/registrations/{world.reg_own.pk}"

    response = _call(client, "PATCH", url, world.users["participant"], {"status": "cancelled"})

    assert response.status_code == 403
    world.reg_own.refresh_from_db()
    assert world.reg_own.status == "confirmed"


def test_registrations_list_queries_do_not_grow_with_rows(
    client, world, django_assert_max_num_queries
):
    token = create_api_token(world.users["organiser"], scope="read")[1]
    headers = {"Authorization": f"Bearer {token}"}
    with django_assert_max_num_queries(8) as few:
        client.get(_registrations_url(world), headers=headers)
    for _ in range(5):
        RegistrationFactory(edition=world.edition, delegation=world.delegation_a)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        rows = client.get(_registrations_url(world), headers=headers).json()
    assert len(rows) == 9
    assert len(many.captured_queries) == len(few.captured_queries)


# --- delegations ----------------------------------------------------------------------------


def _delegations_url(world) -> str:
    return f"/api/v1/editions/{world.edition.series.slug}/{world.edition.number}/delegations"


def test_an_organiser_creates_a_delegation(client, world):
    body = {"kind": "country", "name_en": "Delegation Gamma", "name_zh": "伽马", "country": "sk"}

    response = _call(client, "POST", _delegations_url(world), world.users["organiser"], body)

    assert response.status_code == 201, response.content
    delegation = Delegation.objects.get(name_en="Delegation Gamma")
    assert response.json() == {
        "id": delegation.pk,
        "name": "Delegation Gamma",
        "name_en": "Delegation Gamma",
        "name_zh": "伽马",
        "kind": "country",
        "country": "SK",
        "version": snapshot_token(delegation),
    }
    entry = _last_entry(delegation)
    assert (entry.action, entry.actor) == (
        "participants.delegation.created",
        world.users["organiser"],
    )


def test_a_city_delegation_without_its_city_names_the_field(client, world):
    body = {"kind": "city", "name_en": "Delegation of Nowhere", "country": "PL"}

    response = _call(client, "POST", _delegations_url(world), world.users["organiser"], body)

    assert response.status_code == 422
    assert response.json() == {"detail": "A city delegation needs its city.", "field": "city_id"}
    assert not Delegation.objects.filter(name_en="Delegation of Nowhere").exists()


def test_a_lead_creates_no_delegation(client, world):
    body = {"kind": "country", "name_en": "Mine", "country": "RS"}

    response = _call(client, "POST", _delegations_url(world), world.users["lead_a"], body)

    assert response.status_code == 403


def test_a_lead_sets_the_head_among_members(client, world):
    url = f"/api/v1/delegations/{world.delegation_a.pk}"

    response = _call(
        client, "PATCH", url, world.users["lead_a"], {"head_id": world.reg_a2.person_id}
    )

    assert response.status_code == 200, response.content
    assert (response.json()["head"], response.json()["head_id"]) == (
        "Adam Alpha",
        world.reg_a2.person_id,
    )
    entry = _last_entry(world.delegation_a)
    assert (entry.action, entry.actor) == (
        "participants.delegation.head_set",
        world.users["lead_a"],
    )


def test_the_head_must_be_a_member(client, world):
    url = f"/api/v1/delegations/{world.delegation_a.pk}"

    response = _call(
        client, "PATCH", url, world.users["lead_a"], {"head_id": world.reg_own.person_id}
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": "The head must be a member of the delegation.",
        "field": "head_id",
    }


def test_a_lead_may_not_rename_their_delegation(client, world):
    url = f"/api/v1/delegations/{world.delegation_a.pk}"

    response = _call(client, "PATCH", url, world.users["lead_a"], {"name_en": "Renamed"})

    assert response.status_code == 403
    assert response.json()["detail"] == (
        "A delegation lead may change only the head of the delegation."
    )
    world.delegation_a.refresh_from_db()
    assert world.delegation_a.name_en == "Delegation Alpha"


def test_an_organiser_renames_with_a_version_and_a_stale_one_conflicts(client, world):
    url = f"/api/v1/delegations/{world.delegation_a.pk}"
    version = snapshot_token(world.delegation_a)
    organiser = world.users["organiser"]

    renamed = _call(client, "PATCH", url, organiser, {"name_en": "Alpha", "version": version})
    stale = _call(client, "PATCH", url, organiser, {"name_en": "Beta?", "version": version})

    assert (renamed.status_code, renamed.json()["name_en"]) == (200, "Alpha")
    assert stale.status_code == 409
    world.delegation_a.refresh_from_db()
    assert world.delegation_a.name_en == "Alpha"
    assert _last_entry(world.delegation_a).actor == organiser
