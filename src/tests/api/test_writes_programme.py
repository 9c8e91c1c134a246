"""Writing the programme and the outcome registry through the API: sessions (create, change,
delete) for organisers with the programme permission; outcomes (record, change status) for
organisers with the outcomes permission."""

import datetime as dt
import json

import pytest
from django.contrib.contenttypes.models import ContentType

from smeforum.accounts.domain.roles import grant_organiser_role
from smeforum.accounts.domain.tokens import create_api_token
from smeforum.audit.domain import snapshot_token
from smeforum.audit.models import AuditEntry
from smeforum.forums.models import Session
from smeforum.outcomes.models import Outcome
from tests.accounts.world import build_world
from tests.factories import EditionFactory, ReportedFigureFactory, SessionFactory, UserFactory
from tests.reporting.factories import OutcomeFactory, kind

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


def _entries(obj) -> list[tuple[str, object]]:
    found = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )
    return [(e.action, e.actor) for e in found.order_by("id")]


def _sessions_url(world) -> str:
    return f"/api/v1/editions/{world.edition.series.slug}/{world.edition.number}/sessions"


# --- sessions -------------------------------------------------------------------------------


def test_a_programme_organiser_adds_a_session_with_local_times(client, world):
    programmer = world.users["organiser_programme"]
    body = {
        "kind": "roundtable",
        "title_en": "Green industry roundtable",
        "title_zh": "绿色产业圆桌",
        "day": "2024-11-08",
        "starts_at": "2024-11-08T14:00:00",  # no offset: the edition's time zone
        "ends_at": "2024-11-08T15:30:00+08:00",
        "room": "Hall C",
    }

    response = _call(client, "POST", _sessions_url(world), programmer, body)

    assert response.status_code == 201, response.content
    session = Session.objects.get(title_en="Green industry roundtable")
    assert response.json() == {
        "id": session.pk,
        "series": world.edition.series.slug,
        "edition": 6,
        "kind": "roundtable",
        "title_en": "Green industry roundtable",
        "title_zh": "绿色产业圆桌",
        "day": "2024-11-08",
        "starts_at": "2024-11-08T06:00:00Z",
        "ends_at": "2024-11-08T07:30:00Z",
        "room": "Hall C",
        "description_en": "",
        "description_zh": "",
        "topics": [],
        "speakers": [],
        "is_sample": False,
        "version": snapshot_token(session),
    }
    assert _entries(session) == [("forums.session.created", programmer)]


def test_a_session_outside_the_editions_dates_names_the_day(client, world):
    body = {"kind": "keynote", "title_en": "Too late", "day": "2024-12-01"}

    response = _call(client, "POST", _sessions_url(world), world.users["organiser_programme"], body)

    assert response.status_code == 422
    assert response.json() == {
        "detail": "2024-12-01 is outside the edition's dates (2024-11-07 to 2024-11-08).",
        "field": "day",
    }
    assert not Session.objects.filter(title_en="Too late").exists()


def test_an_organiser_without_the_programme_permission_is_refused(client, world):
    body = {"kind": "keynote", "title_en": "Nope", "day": "2024-11-07"}

    response = _call(client, "POST", _sessions_url(world), world.users["organiser"], body)

    assert response.status_code == 403
    assert response.json() == {
        "detail": "You may not change the programme of this edition.",
        "field": None,
    }


def test_sessions_of_an_unpublished_edition_are_hidden_from_others(client, world):
    hidden = EditionFactory(series=world.edition.series, number=9, is_published=False)
    session = SessionFactory(edition=hidden)
    url = f"/api/v1/sessions/{session.pk}"

    as_lead = _call(client, "PATCH", url, world.users["lead_a"], {"room": "X"})
    as_programmer = _call(client, "PATCH", url, world.users["organiser_programme"], {"room": "X"})

    assert (as_lead.status_code, as_lead.json()["detail"]) == (404, "Not found.")
    assert (as_programmer.status_code, as_programmer.json()["room"]) == (200, "X")


def test_changing_a_session_checks_its_version(client, world):
    session = SessionFactory(edition=world.edition, room="Hall A")
    url = f"/api/v1/sessions/{session.pk}"
    programmer = world.users["organiser_programme"]
    version = snapshot_token(session)

    changed = _call(client, "PATCH", url, programmer, {"room": "Hall B", "version": version})
    stale = _call(client, "PATCH", url, programmer, {"room": "Hall Z"}, **{"If-Match": version})

    assert (changed.status_code, changed.json()["room"]) == (200, "Hall B")
    assert changed.json()["version"] == snapshot_token(session)
    assert stale.status_code == 409
    session.refresh_from_db()
    assert session.room == "Hall B"
    assert _entries(session)[-1] == ("forums.session.changed", programmer)


def test_deleting_a_session(client, world):
    session = SessionFactory(edition=world.edition)
    programmer = world.users["organiser_programme"]

    response = _call(client, "DELETE", f"/api/v1/sessions/{session.pk}", programmer)

    assert (response.status_code, response.content) == (204, b"")
    assert not Session.objects.filter(pk=session.pk).exists()
    assert _entries(session) == [("forums.session.deleted", programmer)]


def test_a_session_a_figure_is_scoped_to_cannot_be_deleted(client, world):
    session = SessionFactory(edition=world.edition)
    ReportedFigureFactory(
        series=world.edition.series,
        first_edition=world.edition,
        last_edition=world.edition,
        session=session,
    )

    response = _call(
        client, "DELETE", f"/api/v1/sessions/{session.pk}", world.users["organiser_programme"]
    )

    assert response.status_code == 409
    assert response.json() == {
        "detail": "Reported figures are scoped to this session; change them before deleting it.",
        "field": None,
        "code": "protected",
    }
    assert Session.objects.filter(pk=session.pk).exists()
    assert _entries(session) == []


# --- outcomes -------------------------------------------------------------------------------


@pytest.fixture
def recorder(world):
    user = UserFactory(username="recorder")
    grant_organiser_role(world.edition.series, user=user, permissions=["outcomes"])
    return user


def test_recording_an_outcome(client, world, recorder):
    body = {
        "kind": "memorandum",
        "title": "合作备忘录",
        "title_en": "Memorandum of cooperation",
        "edition": 6,
        "signed_on": "2024-11-07",
        "external_id": "MOU-1",
    }

    response = _call(
        client, "POST", f"/api/v1/series/{world.edition.series.slug}/outcomes", recorder, body
    )

    assert response.status_code == 201, response.content
    outcome = Outcome.objects.get(external_id="MOU-1")
    assert response.json() == {
        "id": outcome.pk,
        "series": world.edition.series.slug,
        "edition": 6,
        "session": None,
        "kind": "memorandum",
        "title": "合作备忘录",
        "title_en": "Memorandum of cooperation",
        "signed_on": "2024-11-07",
        "status": "signed",
        "fields": [],
        "amounts": [],
        "parties": [],
        "meetings": [],
        "is_sample": False,
        "version": snapshot_token(outcome),
    }
    assert list(outcome.status_history.values_list("status", "on")) == [
        ("signed", dt.date(2024, 11, 7))
    ]
    assert _entries(outcome) == [("outcomes.outcome.created", recorder)]


def test_an_unknown_kind_is_not_found_naming_the_field(client, world, recorder):
    body = {"kind": "treaty", "title": "X"}

    response = _call(
        client, "POST", f"/api/v1/series/{world.edition.series.slug}/outcomes", recorder, body
    )

    assert (response.status_code, response.json()) == (
        404,
        {"detail": "Not found.", "field": "kind"},
    )


def test_a_session_of_another_edition_names_the_field(client, world, recorder):
    other_session = SessionFactory(edition=world.other_edition)
    body = {"kind": "memorandum", "title": "X", "edition": 6, "session": other_session.pk}

    response = _call(
        client, "POST", f"/api/v1/series/{world.edition.series.slug}/outcomes", recorder, body
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": "The session belongs to another edition.",
        "field": "session",
    }


def test_an_edition_role_cannot_record_between_editions(client, world):
    user = UserFactory(username="edition-recorder")
    grant_organiser_role(
        world.edition.series, user=user, edition=world.edition, permissions=["outcomes"]
    )
    url = f"/api/v1/series/{world.edition.series.slug}/outcomes"

    between = _call(client, "POST", url, user, {"kind": "memorandum", "title": "Between"})
    in_edition = _call(
        client, "POST", url, user, {"kind": "memorandum", "title": "In", "edition": 6}
    )

    assert (between.status_code, in_edition.status_code) == (403, 201)


def test_changing_an_outcomes_status_keeps_the_history(client, world, recorder):
    outcome = OutcomeFactory(
        series=world.edition.series, edition=world.edition, kind=kind("memorandum")
    )
    url = f"/api/v1/outcomes/{outcome.pk}"
    version = snapshot_token(outcome)

    changed = _call(
        client,
        "PATCH",
        url,
        recorder,
        {"status": "under_way", "on": "2025-03-01", "note": "Works began", "version": version},
    )
    stale = _call(client, "PATCH", url, recorder, {"status": "cancelled", "version": version})

    assert (changed.status_code, changed.json()["status"]) == (200, "under_way")
    assert stale.status_code == 409
    outcome.refresh_from_db()
    assert outcome.status == "under_way"
    assert list(outcome.status_history.values_list("status", "on", "note")) == [
        ("under_way", dt.date(2025, 3, 1), "Works began")
    ]
    assert _entries(outcome) == [("outcomes.outcome.status_changed", recorder)]


def test_a_series_wide_role_changes_an_outcome_between_editions(client, world, recorder):
    between = OutcomeFactory(series=world.edition.series, edition=None, kind=kind("memorandum"))

    response = _call(
        client, "PATCH", f"/api/v1/outcomes/{between.pk}", recorder, {"status": "completed"}
    )

    assert (response.status_code, response.json()["status"]) == (200, "completed")


def test_an_outcome_status_outside_the_choices_names_the_field(client, world, recorder):
    outcome = OutcomeFactory(series=world.edition.series, edition=world.edition)

    response = _call(client, "PATCH", f"/api/v1/outcomes/{outcome.pk}", recorder, {"status": "won"})

    assert (response.status_code, response.json()["field"]) == (422, "status")
