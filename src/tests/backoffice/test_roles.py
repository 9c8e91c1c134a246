"""The back office for organisers who are not superusers: each named permission opens exactly
its models, only the rows of the editions it covers, and writes stay audited."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smeforum.accounts.domain.roles import (
    appoint_delegation_lead,
    grant_organiser_role,
    link_person_account,
)
from smeforum.accounts.queries import editions_with_permission, series_with_permission
from smeforum.audit.models import AuditEntry
from smeforum.forums.models import Session
from smeforum.orgs.models import Person
from tests.backoffice.forms import changeform_data
from tests.factories import (
    DelegationFactory,
    EditionFactory,
    RegistrationFactory,
    SessionFactory,
    UserFactory,
    verified_user,
)

pytestmark = pytest.mark.integration

CHANGELISTS = {
    "session": "admin:forums_session_changelist",
    "figure": "admin:forums_reportedfigure_changelist",
    "registration": "admin:participants_registration_changelist",
    "delegation": "admin:participants_delegation_changelist",
    "person": "admin:orgs_person_changelist",
    "outcome": "admin:outcomes_outcome_changelist",
    "rate": "admin:money_manualrate_changelist",
    "role": "admin:accounts_organiserrole_changelist",
    "audit": "admin:audit_auditentry_changelist",
    "user": "admin:auth_user_changelist",
    "profile": "admin:matchmaking_profile_changelist",
    "opportunity": "admin:matchmaking_opportunity_changelist",
}

#: permission -> the changelists it opens (every other one in CHANGELISTS is 403)
OPENS = {
    "programme": {"session", "person"},
    "participants": {"registration", "delegation", "person"},
    "delegations": {"delegation", "person"},
    "outcomes": {"outcome", "session", "rate"},
    "publish": {"figure", "session"},
    "matchmaking": {"profile", "opportunity"},
}


@pytest.fixture
def editions(db):
    first = EditionFactory(number=1)
    second = EditionFactory(series=first.series, number=2)
    return first, second


def _organiser(editions, *permissions, edition_scoped=True):
    first, _ = editions
    user = UserFactory(username=f"organiser-{'-'.join(permissions) or 'none'}")
    grant_organiser_role(
        first.series,
        user=user,
        edition=first if edition_scoped else None,
        permissions=list(permissions),
    )
    return user


@pytest.mark.parametrize("permission", list(OPENS))
def test_each_permission_opens_exactly_its_lists(client, editions, permission):
    client.force_login(_organiser(editions, permission))

    statuses = {name: client.get(reverse(url)).status_code for name, url in CHANGELISTS.items()}

    assert statuses == {name: 200 if name in OPENS[permission] else 403 for name in CHANGELISTS}


@pytest.mark.parametrize("who", ["lead", "participant", "no role"])
def test_leads_participants_and_others_are_sent_to_the_login(client, editions, who):
    user = UserFactory(username="someone")
    if who == "lead":
        appoint_delegation_lead(DelegationFactory(edition=editions[0]), user=user)
    elif who == "participant":
        link_person_account(RegistrationFactory(edition=editions[0]).person, user=user)
    client.force_login(user)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_programme_organiser_sees_only_their_editions_sessions(client, editions):
    first, second = editions
    mine = SessionFactory(edition=first, title_en="Cangzhou keynote")
    SessionFactory(edition=second, title_en="Other edition keynote")
    client.force_login(_organiser(editions, "programme"))

    listed = client.get(reverse("admin:forums_session_changelist"))
    searched = client.get(reverse("admin:forums_session_changelist"), {"q": "keynote"})

    assert list(listed.context["cl"].result_list) == [mine]
    assert list(searched.context["cl"].result_list) == [mine]


def test_another_editions_session_is_not_found(client, editions):
    other = SessionFactory(edition=editions[1])
    client.force_login(_organiser(editions, "programme"))

    response = client.get(reverse("admin:forums_session_change", args=[other.pk]))

    assert response.status_code == 404


def test_add_form_offers_only_their_editions(client, editions):
    client.force_login(_organiser(editions, "programme"))

    response = client.get(reverse("admin:forums_session_add"))

    choices = response.context["adminform"].form.fields["edition"].queryset
    assert list(choices) == [editions[0]]


def test_a_session_posted_into_another_edition_is_refused(client, editions):
    second = editions[1]
    client.force_login(_organiser(editions, "programme"))
    url = reverse("admin:forums_session_add")
    data = changeform_data(
        client.get(url), edition=second.pk, kind="keynote", title_en="Smuggled", day="2024-11-07"
    )

    response = client.post(url, data)

    assert response.status_code == 200
    assert "edition" in response.context["adminform"].form.errors
    assert not Session.objects.filter(title_en="Smuggled").exists()


def test_programme_organiser_adds_a_session_audited_as_them(client, editions):
    organiser = _organiser(editions, "programme")
    client.force_login(organiser)
    url = reverse("admin:forums_session_add")
    data = changeform_data(
        client.get(url),
        edition=editions[0].pk,
        kind="keynote",
        title_en="Opening keynote",
        day="2024-11-07",
    )

    response = client.post(url, data)

    assert response.status_code == 302
    session = Session.objects.get(title_en="Opening keynote")
    assert session.edition == editions[0]
    entry = AuditEntry.objects.get(action="forums.session.created")
    assert (entry.actor, entry.object_id) == (organiser, str(session.pk))


def test_programme_organiser_changes_their_session(client, editions):
    session = SessionFactory(edition=editions[0], title_en="Keynote")
    organiser = _organiser(editions, "programme")
    client.force_login(organiser)
    url = reverse("admin:forums_session_change", args=[session.pk])

    response = client.post(url, changeform_data(client.get(url), title_en="Opening keynote"))

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title_en == "Opening keynote"
    assert AuditEntry.objects.get(action="forums.session.changed").actor == organiser


ROW_BUILDERS = {
    "admin:forums_session_changelist": lambda edition: SessionFactory(edition=edition),
    "admin:participants_registration_changelist": lambda edition: RegistrationFactory(
        edition=edition, delegation=DelegationFactory(edition=edition)
    ),
    "admin:participants_delegation_changelist": lambda edition: DelegationFactory(edition=edition),
    "admin:orgs_person_changelist": lambda edition: RegistrationFactory(edition=edition),
}


@pytest.mark.parametrize("url_name", list(ROW_BUILDERS))
def test_list_query_count_does_not_grow_for_an_organiser(client, editions, url_name):
    client.force_login(_organiser(editions, "programme", "participants", "delegations"))
    url = reverse(url_name)
    client.get(url)
    counts = []
    for _ in range(2):
        for _ in range(2):
            ROW_BUILDERS[url_name](editions[0])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append((len(response.context["cl"].result_list), len(queries)))

    assert [rows for rows, _ in counts] == [2, 4]
    assert counts[0][1] == counts[1][1]


# Personal data -------------------------------------------------------------------------------


def _post_action(client, action, people, **extra):
    return client.post(
        reverse("admin:orgs_person_changelist"),
        {"action": action, "_selected_action": [p.pk for p in people], **extra},
        follow=True,
    )


def test_participants_organiser_downloads_the_data_of_their_registrant(client, editions):
    person = RegistrationFactory(edition=editions[0]).person
    client.force_login(_organiser(editions, "participants"))

    response = _post_action(client, "download_personal_data", [person])

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="person-{person.pk}-personal-data.json"'
    )


def test_organiser_of_another_edition_may_not_erase(client, editions):
    person = RegistrationFactory(edition=editions[0], person__name="Jan Kowalski").person
    other = UserFactory(username="other-edition")
    grant_organiser_role(
        editions[0].series, user=other, edition=editions[1], permissions=["participants"]
    )
    client.force_login(other)

    response = _post_action(client, "erase_personal_data", [person], confirm="yes")

    # Jan is not in their list, so the action never sees him.
    assert response.status_code == 200
    assert Person.objects.get(pk=person.pk).name == "Jan Kowalski"
    assert not AuditEntry.objects.filter(action="orgs.person.erased").exists()


def test_programme_organiser_has_no_personal_data_actions(client, editions):
    person = (
        SessionFactory(edition=editions[0]).edition
        and RegistrationFactory(edition=editions[0]).person
    )
    client.force_login(_organiser(editions, "programme"))

    response = client.get(reverse("admin:orgs_person_changelist"))
    erase = _post_action(client, "erase_personal_data", [person], confirm="yes")

    assert response.status_code == 200
    assert response.context["action_form"] is None  # the list offers no action at all
    assert erase.status_code == 200
    assert not AuditEntry.objects.filter(action="orgs.person.erased").exists()


def test_participants_organiser_erases_after_confirming(client, editions):
    person = RegistrationFactory(edition=editions[0]).person
    organiser = _organiser(editions, "participants")
    client.force_login(organiser)

    asked = _post_action(client, "erase_personal_data", [person])
    done = _post_action(client, "erase_personal_data", [person], confirm="yes")

    assert [p.pk for p in asked.context["people"]] == [person.pk]
    assert "1 person erased." in done.content.decode()
    assert AuditEntry.objects.get(action="orgs.person.erased").actor == organiser


# Entry, other editions, autocomplete ---------------------------------------------------------


@pytest.mark.parametrize(("role", "enters"), [("organiser", True), ("lead", False)])
def test_signing_in_lets_organisers_only_into_the_back_office(client, editions, role, enters):
    user = verified_user("someone@example.org")
    if role == "organiser":
        grant_organiser_role(editions[0].series, user=user, permissions=["programme"])
    else:
        appoint_delegation_lead(DelegationFactory(edition=editions[0]), user=user)

    client.post(
        reverse("account_login"),
        {"login": "someone@example.org", "password": "correct horse battery staple"},
    )

    assert (client.get(reverse("admin:index")).status_code == 200) is enters


def test_editions_with_permission_follows_scope_and_flag(editions):
    first = editions[0]
    scoped = _organiser(editions, "programme")
    wide = UserFactory(username="wide")
    grant_organiser_role(first.series, user=wide, permissions=["publish"])

    assert list(editions_with_permission(scoped, "programme")) == [first]
    assert list(editions_with_permission(scoped, "publish")) == []
    assert sorted(e.number for e in editions_with_permission(wide, "publish")) == [1, 2]
    assert list(series_with_permission(scoped)) == []
    assert list(series_with_permission(wide, "publish")) == [first.series]


def test_session_autocomplete_offers_only_their_editions(client, editions):
    mine = SessionFactory(edition=editions[0], title_en="Keynote one")
    SessionFactory(edition=editions[1], title_en="Keynote two")
    client.force_login(_organiser(editions, "outcomes"))

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "outcomes",
            "model_name": "outcome",
            "field_name": "session",
            "term": "Keynote",
        },
    )

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(mine.pk)]


def test_edition_scoped_organiser_cannot_open_another_edition(client, editions):
    client.force_login(_organiser(editions, "publish"))

    mine = client.get(reverse("admin:forums_edition_change", args=[editions[0].pk]))
    other = client.get(reverse("admin:forums_edition_change", args=[editions[1].pk]))

    assert (mine.status_code, other.status_code) == (200, 404)
