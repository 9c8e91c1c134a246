"""The delegation page: members, adding a member, statuses, the head; scoped to its lead."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smeforum.accounts.domain.roles import grant_organiser_role
from smeforum.audit.models import AuditEntry
from smeforum.orgs.models import Person
from smeforum.participants.models import Registration
from tests.factories import PersonFactory, RegistrationFactory

pytestmark = pytest.mark.integration


def _page(delegation):
    return reverse("portal:delegation", args=[delegation.pk])


def _status_url(delegation, registration):
    return reverse("portal:member_status", args=[delegation.pk, registration.pk])


def _head_url(delegation):
    return reverse("portal:delegation_head", args=[delegation.pk])


def _member(**overrides):
    data = {
        "name": "Марко Марковић",
        "name_latin": "Marko Marković",
        "position": "Director",
        "organisation": "",
        "email": "marko@example.rs",
        "phone": "+381 11 222",
        "category": "enterprise",
    }
    return {**data, **overrides}


@pytest.mark.parametrize(
    ("caller", "expected"),
    [
        ("participant", 404),
        ("lead_a", 200),
        ("lead_b", 404),
        ("organiser", 200),
        ("organiser_without", 404),
    ],
)
def test_who_opens_delegation_a(client, world, caller, expected):
    client.force_login(getattr(world.users, caller))

    assert client.get(_page(world.delegation_a)).status_code == expected


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(_page(world.delegation_a))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_lead_sees_members_with_contacts_and_no_other_delegation(client, world):
    client.force_login(world.users.lead_a)

    response = client.get(_page(world.delegation_a))

    body = response.content.decode()
    assert [row["registration"] for row in response.context["rows"]] == [world.ana]
    assert "Ana Alpha" in body
    assert world.ana.person.email in body
    assert "+381 11 1" in body
    assert "Boris Beta" not in body


def test_member_form_offers_organisations_of_the_delegation_country(client, world):
    client.force_login(world.users.lead_a)

    form = client.get(_page(world.delegation_a)).context["member_form"]

    assert list(form.fields["organisation"].queryset) == [world.serbian]


def test_lead_adds_a_member(client, world):
    client.force_login(world.users.lead_a)

    response = client.post(_page(world.delegation_a), _member(organisation=str(world.serbian.pk)))

    assert response.status_code == 302
    person = Person.objects.get(name_latin="Marko Marković")
    assert (person.name, person.position, person.organisation, person.email, person.phone) == (
        "Марко Марковић",
        "Director",
        world.serbian,
        "marko@example.rs",
        "+381 11 222",
    )
    registration = Registration.objects.get(person=person)
    assert (
        registration.edition,
        registration.delegation,
        registration.category,
        registration.status,
    ) == (world.edition, world.delegation_a, "enterprise", "registered")
    entries = AuditEntry.objects.filter(actor=world.users.lead_a).order_by("pk")
    assert [(e.action, e.object_id) for e in entries] == [
        ("orgs.person.created", str(person.pk)),
        ("participants.registration.created", str(registration.pk)),
    ]
    assert entries[1].after["delegation_id"] == world.delegation_a.pk


def test_an_organisation_of_another_country_is_refused_on_its_field(client, world):
    client.force_login(world.users.lead_a)

    response = client.post(_page(world.delegation_a), _member(organisation=str(world.hungarian.pk)))

    assert response.status_code == 400
    assert list(response.context["member_form"].errors) == ["organisation"]
    assert not Person.objects.filter(name_latin="Marko Marković").exists()


def test_missing_name_and_bad_email_are_shown_on_their_fields(client, world):
    client.force_login(world.users.lead_a)

    response = client.post(_page(world.delegation_a), _member(name="", email="nope"))

    form = response.context["member_form"]
    assert sorted(form.errors) == ["email", "name"]
    assert 'id="id_name_error"' in response.content.decode()


def test_domain_error_from_the_person_lands_on_its_field(client, world):
    client.force_login(world.users.lead_a)

    response = client.post(_page(world.delegation_a), _member(phone="9" * 41))

    assert list(response.context["member_form"].errors) == ["phone"]


def test_lead_b_cannot_add_to_delegation_a(client, world):
    client.force_login(world.users.lead_b)

    response = client.post(_page(world.delegation_a), _member())

    assert response.status_code == 404
    assert not Person.objects.filter(name_latin="Marko Marković").exists()


def test_lead_withdraws_a_member(client, world):
    client.force_login(world.users.lead_a)
    prefix = f"m{world.ana.pk}"

    response = client.post(
        _status_url(world.delegation_a, world.ana), {f"{prefix}-status": "cancelled"}
    )

    assert response.status_code == 302
    world.ana.refresh_from_db()
    assert world.ana.status == "cancelled"
    entry = AuditEntry.objects.get(action="participants.registration.status_changed")
    assert (entry.actor, entry.object_id, entry.before["status"], entry.after["status"]) == (
        world.users.lead_a,
        str(world.ana.pk),
        "confirmed",
        "cancelled",
    )


def test_lead_may_not_mark_attendance_but_an_organiser_may(client, world):
    url = _status_url(world.delegation_a, world.ana)
    data = {f"m{world.ana.pk}-status": "attended"}
    client.force_login(world.users.lead_a)

    refused = client.post(url, data)

    assert refused.status_code == 400
    row = refused.context["rows"][0]
    assert list(row["status_form"].errors) == ["status"]
    world.ana.refresh_from_db()
    assert world.ana.status == "confirmed"
    client.force_login(world.users.organiser)
    assert client.post(url, data).status_code == 302
    world.ana.refresh_from_db()
    assert world.ana.status == "attended"


@pytest.mark.parametrize(
    "url",
    [
        # B's own ids under A's delegation, A's ids, and A's member under B's delegation.
        lambda w: _status_url(w.delegation_a, w.ana),
        lambda w: _status_url(w.delegation_b, w.ana),
        lambda w: _head_url(w.delegation_a),
        lambda w: _page(w.delegation_a),
    ],
)
def test_lead_b_gets_404_on_delegation_a(client, world, url):
    client.force_login(world.users.lead_b)

    response = client.post(url(world), {f"m{world.ana.pk}-status": "cancelled"})

    assert response.status_code == 404
    world.ana.refresh_from_db()
    assert world.ana.status == "confirmed"


def test_lead_a_cannot_reach_b_member_through_own_delegation(client, world):
    client.force_login(world.users.lead_a)

    response = client.post(
        _status_url(world.delegation_a, world.boris), {f"m{world.boris.pk}-status": "cancelled"}
    )

    assert response.status_code == 404
    world.boris.refresh_from_db()
    assert world.boris.status == "confirmed"


def test_lead_sets_the_head(client, world):
    client.force_login(world.users.lead_a)

    response = client.post(_head_url(world.delegation_a), {"registration": world.ana.pk})

    assert response.status_code == 302
    world.delegation_a.refresh_from_db()
    assert world.delegation_a.head == world.ana.person
    entry = AuditEntry.objects.get(action="participants.delegation.head_set")
    assert (entry.actor, entry.after["head_id"]) == (world.users.lead_a, world.ana.person.pk)


def test_head_must_be_a_member(client, world):
    client.force_login(world.users.lead_a)

    response = client.post(_head_url(world.delegation_a), {"registration": world.boris.pk})

    assert response.status_code == 400
    assert list(response.context["head_form"].errors) == ["registration"]
    world.delegation_a.refresh_from_db()
    assert world.delegation_a.head is None


def _queries_for_page(client, delegation) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_page(delegation)).status_code == 200
    return len(queries)


def test_members_list_makes_a_fixed_number_of_queries(client, world):
    client.force_login(world.users.lead_a)
    client.get(_page(world.delegation_a))  # warm the session and content-type caches
    with_one = _queries_for_page(client, world.delegation_a)
    for n in range(5):
        RegistrationFactory(
            edition=world.edition,
            person=PersonFactory(name=f"Extra {n}"),
            delegation=world.delegation_a,
        )

    with_six = _queries_for_page(client, world.delegation_a)

    assert with_six == with_one


def test_organiser_with_participants_only_changes_statuses_but_not_the_delegation(client, world):
    grant_organiser_role(
        world.edition.series, user=world.users.organiser_without, permissions=["participants"]
    )
    client.force_login(world.users.organiser_without)

    page = client.get(_page(world.delegation_a))
    status = client.post(
        _status_url(world.delegation_a, world.ana), {f"m{world.ana.pk}-status": "attended"}
    )
    head = client.post(_head_url(world.delegation_a), {"registration": world.ana.pk})

    assert (page.context["can_change"], page.context["can_change_members"]) == (False, True)
    assert (status.status_code, head.status_code) == (302, 404)
    world.ana.refresh_from_db()
    assert world.ana.status == "attended"
