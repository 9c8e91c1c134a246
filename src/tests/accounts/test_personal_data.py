"""Personal data: a person's export (domain, API, admin) and their erasure (domain, admin,
command), which scrubs the audit log and leaves counts and report figures unchanged."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from smeforum.accounts.domain.personal_data import erase_person, export_person_data
from smeforum.accounts.domain.roles import link_person_account
from smeforum.accounts.domain.tokens import authenticate_api_token, create_api_token
from smeforum.accounts.models import ApiToken
from smeforum.audit.domain import save_record
from smeforum.audit.models import AuditEntry
from smeforum.forums.models import SessionRole
from smeforum.orgs.models import Person
from smeforum.participants.models import Delegation, Registration
from smeforum.participants.queries import counts_by_category
from smeforum.reporting.report import build_report
from tests.factories import (
    EditionFactory,
    OrganisationFactory,
    SessionFactory,
    UserFactory,
)


@dataclass
class Fixture:
    edition: object
    delegation: Delegation
    session: object
    anna: Person
    boris: Person
    anna_registration: Registration
    anna_role: SessionRole
    user: object
    token_raw: str
    organiser: object


def _person(name: str, *, email: str, phone: str, position: str, organisation, actor) -> Person:
    return save_record(
        Person(
            name=name,
            name_latin=name,
            email=email,
            phone=phone,
            position=position,
            organisation=organisation,
        ),
        actor=actor,
    )


@pytest.fixture
def fx(db) -> Fixture:
    organiser = UserFactory(username="organiser", is_staff=True, is_superuser=True)
    edition = EditionFactory(number=6, series__slug="sme-forum")
    session = SessionFactory(edition=edition, title_en="Opening keynote")
    anna = _person(
        "Anna Nowak",
        email="anna.nowak@example.pl",
        phone="+48 22 123 4567",
        position="Export manager",
        organisation=OrganisationFactory(name="Nowak Foods", country="PL"),
        actor=organiser,
    )
    boris = _person(
        "Boris Kowal",
        email="boris.kowal@example.hu",
        phone="+36 1 765 4321",
        position="Chief engineer",
        organisation=OrganisationFactory(name="Kowal Steel", country="HU"),
        actor=organiser,
    )
    delegation = save_record(
        Delegation(
            edition=edition, kind="country", name_en="Polish delegation", country="PL", head=anna
        ),
        actor=organiser,
    )
    anna_registration = save_record(
        Registration(
            edition=edition,
            person=anna,
            category="enterprise",
            status="confirmed",
            delegation=delegation,
        ),
        actor=organiser,
    )
    save_record(
        Registration(
            edition=edition,
            person=boris,
            category="media",
            status="confirmed",
            delegation=delegation,
        ),
        actor=organiser,
    )
    anna_role = save_record(
        SessionRole(
            session=session, person=anna, role="speaker", talk_title_en="Dumplings for export"
        ),
        actor=organiser,
    )
    save_record(
        SessionRole(session=session, person=boris, role="panellist", talk_title_en="Steel"),
        actor=organiser,
    )
    user = UserFactory(username="anna", email="anna.nowak@example.pl")
    link_person_account(anna, user=user, actor=organiser)
    other_user = UserFactory(username="boris", email="boris.kowal@example.hu")
    link_person_account(boris, user=other_user, actor=organiser)
    _, raw = create_api_token(user, scope="read")
    return Fixture(
        edition,
        delegation,
        session,
        anna,
        boris,
        anna_registration,
        anna_role,
        user,
        raw,
        organiser,
    )


BORIS_VALUES = ("Boris Kowal", "boris.kowal@example.hu", "+36 1 765 4321", "Chief engineer")


def _all_audit_text() -> list[str]:
    return [
        json.dumps([e.before, e.after, e.object_repr, e.actor_label], ensure_ascii=False)
        for e in AuditEntry.objects.all()
    ]


@pytest.mark.unit
def test_export_holds_the_persons_data(fx):
    data = export_person_data(fx.anna)
    token = ApiToken.objects.get(user=fx.user)

    audit = data.pop("audit")
    assert data == {
        "person": {
            "id": fx.anna.pk,
            "name": "Anna Nowak",
            "name_latin": "Anna Nowak",
            "position": "Export manager",
            "email": "anna.nowak@example.pl",
            "phone": "+48 22 123 4567",
            "is_sample": False,
        },
        "organisation": {"name": "Nowak Foods", "country": "PL"},
        "registrations": [
            {
                "series": "sme-forum",
                "edition": 6,
                "category": "enterprise",
                "status": "confirmed",
                "delegation": "Polish delegation",
                "registered_at": fx.anna_registration.registered_at.isoformat(),
            }
        ],
        "delegations_headed": [
            {
                "series": "sme-forum",
                "edition": 6,
                "name": "Polish delegation",
                "kind": "country",
                "country": "PL",
            }
        ],
        "session_roles": [
            {
                "series": "sme-forum",
                "edition": 6,
                "session": "Opening keynote",
                "role": "speaker",
                "talk_title_en": "Dumplings for export",
                "talk_title_zh": "",
            }
        ],
        "account": {
            "email": "anna.nowak@example.pl",
            "date_joined": fx.user.date_joined.isoformat(),
            "is_active": True,
            "roles": [{"role": "participant"}],
            "api_tokens": [
                {
                    "prefix": token.prefix,
                    "scope": "read",
                    "created_at": token.created_at.isoformat(),
                    "revoked_at": None,
                }
            ],
        },
    }
    assert [(a["action"], a["who"]) for a in audit] == [
        ("orgs.person.created", "organiser@example.org"),
        ("participants.registration.created", "organiser@example.org"),
        ("forums.sessionrole.created", "organiser@example.org"),
        ("accounts.personaccount.linked", "organiser@example.org"),
    ]
    assert audit[0]["before"] is None
    assert (audit[0]["after"]["name"], audit[0]["after"]["email"]) == (
        "Anna Nowak",
        "anna.nowak@example.pl",
    )
    assert audit[1]["after"]["person_id"] == fx.anna.pk


@pytest.mark.unit
def test_export_is_json_and_holds_nothing_about_another_person(fx):
    text = json.dumps(export_person_data(fx.anna), ensure_ascii=False)

    assert [value for value in BORIS_VALUES if value in text] == []
    assert token_hashes_in(text) == []


def token_hashes_in(text: str) -> list[str]:
    return [h for h in ApiToken.objects.values_list("token_hash", flat=True) if h in text]


@pytest.mark.unit
def test_erase_replaces_the_person_and_closes_the_login(fx):
    erase_person(fx.anna, actor=fx.organiser)

    anna = Person.objects.get(pk=fx.anna.pk)
    name = f"Erased person #{anna.pk}"
    assert (anna.name, anna.name_latin, anna.position, anna.email, anna.phone) == (
        name,
        name,
        "",
        "",
        "",
    )
    user = type(fx.user).objects.get(pk=fx.user.pk)
    address = f"erased-{anna.pk}@invalid"
    assert (user.is_active, user.email, user.username, user.has_usable_password()) == (
        False,
        address,
        address,
        False,
    )
    assert ApiToken.objects.get(user=user).revoked_at is not None
    assert authenticate_api_token(fx.token_raw) is None
    entry = AuditEntry.objects.get(action="orgs.person.erased")
    assert (entry.object_id, entry.object_repr, entry.before, entry.after, entry.actor) == (
        str(anna.pk),
        name,
        {"id": anna.pk},
        {"id": anna.pk},
        fx.organiser,
    )
    # The registration, the delegation's head and the session role stay.
    assert Registration.objects.get(pk=fx.anna_registration.pk).person_id == anna.pk
    assert Delegation.objects.get(pk=fx.delegation.pk).head_id == anna.pk
    assert SessionRole.objects.get(pk=fx.anna_role.pk).person_id == anna.pk


@pytest.mark.unit
def test_erase_scrubs_every_audit_entry(fx):
    old = ("Anna Nowak", "anna.nowak@example.pl", "+48 22 123 4567")
    assert any(value in text for text in _all_audit_text() for value in old)

    erase_person(fx.anna, actor=fx.organiser)

    found = [(text, value) for text in _all_audit_text() for value in old if value in text]
    assert found == []
    created = AuditEntry.objects.get(action="orgs.person.created", object_id=str(fx.anna.pk))
    name = f"Erased person #{fx.anna.pk}"
    assert created.object_repr == name
    assert {k: created.after[k] for k in ("name", "name_latin", "position", "email", "phone")} == {
        "name": "[erased]",
        "name_latin": "[erased]",
        "position": "[erased]",
        "email": "[erased]",
        "phone": "[erased]",
    }
    registration = AuditEntry.objects.get(
        action="participants.registration.created", object_id=str(fx.anna_registration.pk)
    )
    assert registration.object_repr.startswith(f"{name} @ ")
    # The other person's entries are untouched.
    boris = AuditEntry.objects.get(action="orgs.person.created", object_id=str(fx.boris.pk))
    assert (boris.object_repr, boris.after["email"]) == ("Boris Kowal", "boris.kowal@example.hu")


@pytest.mark.unit
def test_erasing_twice_is_refused(fx):
    erase_person(fx.anna, actor=fx.organiser)

    with pytest.raises(ValidationError) as refused:
        erase_person(fx.anna, actor=fx.organiser)

    assert refused.value.messages == ["This person is already erased."]
    assert AuditEntry.objects.filter(action="orgs.person.erased").count() == 1


@pytest.mark.integration
def test_erase_leaves_report_and_counts_unchanged(fx):
    before = (build_report(fx.edition.series).as_dict(), counts_by_category(fx.edition))

    erase_person(fx.boris, actor=fx.organiser)

    after = (build_report(fx.edition.series).as_dict(), counts_by_category(fx.edition))
    assert after == before
    assert Registration.objects.filter(edition=fx.edition).count() == 2


# The API ---------------------------------------------------------------------------------


@pytest.mark.integration
def test_me_data_with_a_token_returns_the_callers_data(client, fx):
    response = client.get("/api/v1/me/data", headers={"Authorization": f"Bearer {fx.token_raw}"})

    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(export_person_data(fx.anna)))
    assert [value for value in BORIS_VALUES if value in response.content.decode()] == []


@pytest.mark.integration
def test_me_data_with_the_session(client, fx):
    client.force_login(fx.user)

    response = client.get("/api/v1/me/data")

    assert (response.status_code, response.json()["person"]["name"]) == (200, "Anna Nowak")


@pytest.mark.integration
def test_me_data_without_a_linked_person_is_404(client, fx):
    client.force_login(fx.organiser)

    response = client.get("/api/v1/me/data")

    assert response.status_code == 404
    assert response.json() == {"detail": "No person is linked to this account.", "field": None}


@pytest.mark.integration
def test_me_data_needs_authentication(client, fx):
    response = client.get("/api/v1/me/data")

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Authentication required: a session or a bearer token.",
        "field": None,
    }


# The back office and the command ---------------------------------------------------------


@pytest.mark.integration
def test_admin_downloads_one_persons_data(client, fx):
    client.force_login(fx.organiser)

    response = client.post(
        reverse("admin:orgs_person_changelist"),
        {"action": "download_personal_data", "_selected_action": [fx.anna.pk]},
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="person-{fx.anna.pk}-personal-data.json"'
    )
    assert json.loads(response.content) == json.loads(json.dumps(export_person_data(fx.anna)))


@pytest.mark.integration
def test_admin_download_needs_exactly_one_person(client, fx):
    client.force_login(fx.organiser)

    response = client.post(
        reverse("admin:orgs_person_changelist"),
        {"action": "download_personal_data", "_selected_action": [fx.anna.pk, fx.boris.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Select exactly one person." in response.content.decode()


@pytest.mark.integration
def test_admin_erase_first_asks_for_confirmation_listing_the_people(client, fx):
    client.force_login(fx.organiser)
    names_before = sorted(Person.objects.values_list("name", flat=True))

    response = client.post(
        reverse("admin:orgs_person_changelist"),
        {"action": "erase_personal_data", "_selected_action": [fx.anna.pk, fx.boris.pk]},
    )

    assert response.status_code == 200
    assert [p.pk for p in response.context["people"]] == [fx.anna.pk, fx.boris.pk]
    assert 'name="confirm" value="yes"' in response.content.decode()
    assert sorted(Person.objects.values_list("name", flat=True)) == names_before
    assert not AuditEntry.objects.filter(action="orgs.person.erased").exists()


@pytest.mark.integration
def test_admin_erases_the_selected_people(client, fx):
    client.force_login(fx.organiser)

    response = client.post(
        reverse("admin:orgs_person_changelist"),
        {
            "action": "erase_personal_data",
            "_selected_action": [fx.anna.pk, fx.boris.pk],
            "confirm": "yes",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "2 people erased." in response.content.decode()
    assert sorted(Person.objects.values_list("name", flat=True)) == [
        f"Erased person #{fx.anna.pk}",
        f"Erased person #{fx.boris.pk}",
    ]
    entries = AuditEntry.objects.filter(action="orgs.person.erased")
    assert [e.actor for e in entries] == [fx.organiser, fx.organiser]


@pytest.mark.integration
def test_erase_command(fx, capsys):
    # call_command, not ``smeforum manage``: the latter closes every database connection when
    # it ends, the test's own included (PostgreSQL).
    call_command("erase_person", str(fx.anna.pk))

    assert capsys.readouterr().out == f"Person {fx.anna.pk} erased.\n"
    assert Person.objects.get(pk=fx.anna.pk).name == f"Erased person #{fx.anna.pk}"


@pytest.mark.integration
@pytest.mark.parametrize(
    ("which", "message"),
    [("unknown", "no person with the id 999999"), ("erased", "This person is already erased.")],
)
def test_erase_command_exits_2(fx, capsys, which, message):
    person_id = 999999
    if which == "erased":
        erase_person(fx.anna, actor=None)
        person_id = fx.anna.pk

    with pytest.raises(CommandError) as done:
        call_command("erase_person", str(person_id))

    assert (done.value.returncode, str(done.value)) == (2, message)
