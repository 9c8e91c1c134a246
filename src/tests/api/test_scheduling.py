"""The B2B API: a B2B session's schedule for its organisers, and the caller's own agenda."""

from types import SimpleNamespace

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from smeforum.accounts.domain.roles import grant_organiser_role, link_person_account
from smeforum.accounts.domain.tokens import create_api_token
from smeforum.forums.domain.programme import save_session
from smeforum.scheduling.domain.meetings import (
    add_attendee,
    cancel_meeting,
    place_meeting,
    request_meeting,
    unplace_meeting,
)
from smeforum.scheduling.domain.runs import start_schedule_run
from smeforum.scheduling.domain.setup import set_table_availability, update_attendee
from smeforum.scheduling.models import Meeting
from tests.factories import (
    EditionFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    UserFactory,
    make_b2b,
)

pytestmark = pytest.mark.integration

NOT_FOUND = {"detail": "Not found.", "field": None}


def _attendee(b2b, name: str, organisation=None, name_latin: str = ""):
    person = PersonFactory(name=name, name_latin=name_latin, organisation=organisation)
    registration = RegistrationFactory(edition=b2b.session.edition, person=person)
    return add_attendee(b2b, registration=registration)


def _place(b2b, attendees, slot: int, table: int, *, fixed: bool = False):
    meeting = request_meeting(b2b, attendees=attendees)
    slots = list(b2b.slots.order_by("starts_at"))
    tables = list(b2b.tables.order_by("number"))
    return place_meeting(meeting, slot=slots[slot], table=tables[table], fixed=fixed)


def _token(user) -> str:
    return create_api_token(user, scope="read")[1]


def _get(client, url: str, user=None, **headers):
    if user is not None:
        headers["Authorization"] = f"Bearer {_token(user)}"
    return client.get(url, headers=headers)


@pytest.fixture
def world(db, django_capture_on_commit_callbacks):
    """An edition in Belgrade's time zone whose B2B session (made from 14:00 Shanghai time: 07:00
    in Belgrade on 7 November 2024, four 20-minute slots, two tables, the second closed in the
    last slot) holds every kind of meeting: two fixed ones, one the solver could not place (Boris
    is never free), one taken out by hand, one requested after the run, one cancelled."""
    edition = EditionFactory(time_zone="Europe/Belgrade")
    b2b, _ = make_b2b(edition=edition, slots=4, tables=2, attendees=0, time_limit=2)
    session = b2b.session
    session.title_zh = "企业对接会"
    save_session(session)
    slots = list(b2b.slots.order_by("starts_at"))
    tables = list(b2b.tables.order_by("number"))
    set_table_availability(tables[1], unavailable_slots=[slots[3]])
    petra = _attendee(b2b, "Petra Participant")
    ana = _attendee(
        b2b, "Ana Alpha", OrganisationFactory(name="Srbija Export d.o.o.", country="RS")
    )
    boris = _attendee(b2b, "Boris Beta", OrganisationFactory(name="Magyar Kft.", country="HU"))
    wang = _attendee(
        b2b,
        "王芳",
        OrganisationFactory(
            name="沧州机械有限公司", name_en="Cangzhou Machinery Co.", country="CN"
        ),
        name_latin="Wang Fang",
    )
    update_attendee(boris, capacity=1, max_meetings=None, unavailable_slots=slots)
    never_free = request_meeting(b2b, attendees=[boris, wang], weight=3)
    with django_capture_on_commit_callbacks(execute=True):
        run = start_schedule_run(b2b)  # the tests' task backend solves it once committed
    meetings = SimpleNamespace(
        first=_place(b2b, [petra, ana], slot=0, table=0, fixed=True),
        group=_place(b2b, [petra, ana, wang], slot=2, table=1, fixed=True),
        never_free=never_free,
    )
    meetings.by_hand = unplace_meeting(_place(b2b, [ana, wang], slot=1, table=0))
    meetings.new = request_meeting(b2b, attendees=[petra, wang], weight=5)
    meetings.cancelled = cancel_meeting(request_meeting(b2b, attendees=[ana, boris]))
    organiser = UserFactory(username="matchmaker")
    grant_organiser_role(edition.series, user=organiser, permissions=["matchmaking"])
    user = UserFactory(username="petra")
    link_person_account(petra.registration.person, user=user)
    run.refresh_from_db()
    return SimpleNamespace(
        edition=edition,
        b2b=b2b,
        session=session,
        slots=slots,
        tables=tables,
        petra=petra,
        ana=ana,
        boris=boris,
        wang=wang,
        meetings=meetings,
        run=run,
        organiser=organiser,
        participant=user,
    )


def _url(b2b) -> str:
    return f"/api/v1/b2b-sessions/{b2b.pk}/schedule"


def _party(attendee, organisation, country) -> dict:
    person = attendee.registration.person
    return {
        "attendee_id": attendee.pk,
        "person_id": person.pk,
        "person": person.display_name,
        "organisation": organisation,
        "country": country,
    }


def _parties(w) -> dict:
    return {
        "petra": _party(w.petra, None, None),
        "ana": _party(w.ana, "Srbija Export d.o.o.", "RS"),
        "boris": _party(w.boris, "Magyar Kft.", "HU"),
        "wang": _party(w.wang, "Cangzhou Machinery Co.", "CN"),
    }


def _json_time(value, tz) -> str:
    """``value`` in ``tz`` as the API writes it (ISO 8601, to the millisecond)."""
    return DjangoJSONEncoder().default(timezone.localtime(value, tz))


def _key(attendee) -> str:
    """The engine's name for an attendee, as reasons carry it."""
    return f"a{attendee.pk}"


def _slot(slot, start: str, end: str) -> dict:
    """A slot of 7 November 2024, in Belgrade's time (CET, UTC+1)."""
    return {
        "id": slot.pk,
        "starts_at": f"2024-11-07T{start}:00+01:00",
        "ends_at": f"2024-11-07T{end}:00+01:00",
    }


def _meeting(meeting, parties, slot=None, table=None, *, fixed=False, status="accepted", reason):
    return {
        "id": meeting.pk,
        "status": status,
        "weight": meeting.weight,
        "slot_id": slot.pk if slot else None,
        "table_id": table.pk if table else None,
        "is_fixed": fixed,
        "parties": parties,
        "unscheduled_reason": reason,
    }


def test_organiser_reads_the_schedule_in_the_editions_time_zone(client, world):
    w = world
    p = _parties(w)
    s, t, m = w.slots, w.tables, w.meetings

    response = _get(client, _url(w.b2b), w.organiser)

    assert response.status_code == 200
    body = response.json()
    stats = body["latest_run"].pop("stats")
    assert body == {
        "id": w.b2b.pk,
        "session_id": w.session.pk,
        "session_title": "B2B matchmaking meeting",
        "series": w.edition.series.slug,
        "edition": w.edition.number,
        "time_zone": "Europe/Belgrade",
        "slot_minutes": 20,
        "slots": [
            _slot(s[0], "07:00", "07:20"),
            _slot(s[1], "07:20", "07:40"),
            _slot(s[2], "07:40", "08:00"),
            _slot(s[3], "08:00", "08:20"),
        ],
        "tables": [
            {"id": t[0].pk, "number": 1, "label": "", "unavailable_slot_ids": []},
            {"id": t[1].pk, "number": 2, "label": "", "unavailable_slot_ids": [s[3].pk]},
        ],
        "meetings": [
            _meeting(
                m.never_free,
                [p["boris"], p["wang"]],
                reason={
                    "code": "never_free",
                    "params": {"people": [_key(w.boris), _key(w.wang)], "p": _key(w.boris)},
                    "text": "Boris Beta is unavailable in every slot.",
                },
            ),
            _meeting(m.first, [p["petra"], p["ana"]], s[0], t[0], fixed=True, reason=None),
            _meeting(
                m.group, [p["petra"], p["ana"], p["wang"]], s[2], t[1], fixed=True, reason=None
            ),
            _meeting(
                m.by_hand,
                [p["ana"], p["wang"]],
                reason={
                    "code": "by_hand",
                    "params": {},
                    "text": "Taken out of the schedule by hand.",
                },
            ),
            _meeting(
                m.new,
                [p["petra"], p["wang"]],
                reason={"code": "", "params": {}, "text": "Not scheduled yet."},
            ),
            _meeting(m.cancelled, [p["ana"], p["boris"]], status="cancelled", reason=None),
        ],
        "latest_run": {
            "id": w.run.pk,
            "status": "done",
            "progress": 100,
            "phase": w.run.phase,
            "created_at": _json_time(w.run.created_at, w.edition.tz),
            "finished_at": _json_time(w.run.finished_at, w.edition.tz),
        },
    }
    assert body["latest_run"]["created_at"].endswith("+01:00")
    assert stats == w.run.stats
    assert {k: stats[k] for k in ("meetings", "scheduled")} == {"meetings": 1, "scheduled": 0}


def test_reasons_and_titles_are_worded_in_the_requests_language(client, world):
    w = world

    response = _get(client, _url(w.b2b), w.organiser, **{"Accept-Language": "zh-hans"})

    body = response.json()
    reasons = {m["id"]: m["unscheduled_reason"] for m in body["meetings"]}
    assert body["session_title"] == "企业对接会"
    assert [(r["code"], r["text"]) for r in reasons.values() if r] == [
        ("never_free", "Boris Beta 在所有时段均无法参加。"),
        ("by_hand", "已手动移出排程。"),
        ("", "尚未排定。"),
    ]
    group = next(m for m in body["meetings"] if m["id"] == w.meetings.group.pk)
    wang = next(p for p in group["parties"] if p["attendee_id"] == w.wang.pk)
    assert (wang["person"], wang["organisation"]) == ("王芳", "沧州机械有限公司")


def test_a_reason_names_people_in_the_requests_language(client, world):
    """Wang is named as the reader reads her name: in Latin letters in English, in Chinese in
    Chinese."""
    w = world
    meeting = unplace_meeting(w.meetings.group)
    reason = {"code": "no_common_slot", "params": {"a": _key(w.wang), "b": _key(w.ana)}}
    Meeting.objects.filter(pk=meeting.pk).update(unscheduled_reason=reason)  # as a run writes it

    texts = []
    for language in ("en", "zh-hans"):
        body = _get(client, _url(w.b2b), w.organiser, **{"Accept-Language": language}).json()
        texts += [
            m["unscheduled_reason"]["text"] for m in body["meetings"] if m["id"] == meeting.pk
        ]

    assert texts == [
        "Wang Fang is unavailable in every slot where Ana Alpha is free.",
        "在 Ana Alpha 有空的所有时段，王芳 均无法参加。",
    ]


def test_a_b2b_session_never_solved_has_no_run(client, db):
    b2b, _ = make_b2b(slots=1, tables=1, attendees=2)
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)

    body = _get(client, _url(b2b), admin).json()

    assert (body["latest_run"], body["meetings"], len(body["slots"])) == (None, [], 1)
    assert body["slots"][0]["starts_at"] == "2024-11-07T14:00:00+08:00"


def test_the_session_works_as_well_as_a_token(client, world):
    client.force_login(world.organiser)

    response = client.get(_url(world.b2b))

    assert response.status_code == 200
    assert response.json()["id"] == world.b2b.pk


def test_anonymous_callers_are_refused(client, world):
    response = client.get(_url(world.b2b))

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Authentication required: a session or a bearer token.",
        "field": None,
    }


def test_who_does_not_run_the_matchmaking_is_told_it_does_not_exist(client, world):
    other_edition = EditionFactory(series=world.edition.series)
    callers = {
        "participant": world.participant,
        "organiser without matchmaking": UserFactory(username="registrar"),
        "matchmaker of another edition": UserFactory(username="elsewhere"),
        "matchmaker of another series": UserFactory(username="other-series"),
    }
    grant_organiser_role(
        world.edition.series,
        user=callers["organiser without matchmaking"],
        permissions=["participants", "programme"],
    )
    grant_organiser_role(
        world.edition.series,
        edition=other_edition,
        user=callers["matchmaker of another edition"],
        permissions=["matchmaking"],
    )
    grant_organiser_role(
        EditionFactory().series,
        user=callers["matchmaker of another series"],
        permissions=["matchmaking"],
    )

    answers = {name: _get(client, _url(world.b2b), user) for name, user in callers.items()}

    expected = dict.fromkeys(callers, (404, NOT_FOUND))
    assert {name: (r.status_code, r.json()) for name, r in answers.items()} == expected


def test_a_matchmaker_of_the_edition_alone_reads_it(client, world):
    edition_only = UserFactory(username="edition-matchmaker")
    grant_organiser_role(
        world.edition.series,
        edition=world.edition,
        user=edition_only,
        permissions=["matchmaking"],
    )

    response = _get(client, _url(world.b2b), edition_only)

    assert response.status_code == 200


def test_an_unknown_b2b_session_is_not_found(client, world):
    response = _get(client, "/api/v1/b2b-sessions/999999/schedule", world.organiser)

    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def _count(client, url: str, headers: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, headers=headers).status_code == 200
    return len(captured)


def test_the_schedule_makes_a_fixed_number_of_queries(client, db):
    """N meetings (each with attendees of their own organisations, some placed, some closed
    tables), then 2N: the same count."""
    b2b, _ = make_b2b(slots=12, tables=2, attendees=0)
    slots = list(b2b.slots.order_by("starts_at"))
    organiser = UserFactory(username="matchmaker")
    grant_organiser_role(b2b.session.edition.series, user=organiser, permissions=["matchmaking"])
    headers = {"Authorization": f"Bearer {_token(organiser)}"}

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            pair = [_attendee(b2b, f"Guest {i}{x}", OrganisationFactory()) for x in "ab"]
            if i % 2:
                request_meeting(b2b, attendees=pair)
            else:
                _place(b2b, pair, slot=i, table=0)
                set_table_availability(b2b.tables.get(number=2), unavailable_slots=slots[: i + 1])

    add(3, 0)
    _count(client, _url(b2b), headers)  # the token's first use stamps it
    with_three = _count(client, _url(b2b), headers)
    add(3, 3)

    with_six = _count(client, _url(b2b), headers)

    assert with_six == with_three
    assert len(client.get(_url(b2b), headers=headers).json()["meetings"]) == 6


# --- /me/agenda ----------------------------------------------------------------------------

AGENDA = "/api/v1/me/agenda"


def test_participant_reads_their_placed_meetings_in_time_order(client, world):
    """Across B2B sessions, each in its edition's time zone: 14:20 in Shanghai comes between
    07:00 and 07:40 in Belgrade."""
    w = world
    second_edition = EditionFactory(time_zone="Asia/Shanghai")
    other, _ = make_b2b(edition=second_edition, slots=2, tables=1, attendees=0)
    registration = RegistrationFactory(edition=second_edition, person=w.petra.registration.person)
    petra_there = add_attendee(other, registration=registration)
    guest = _attendee(other, "Guo Jing")
    later = _place(other, [guest, petra_there], slot=1, table=0)

    response = _get(client, AGENDA, w.participant)

    assert response.status_code == 200
    ana = {"name": "Ana Alpha", "organisation": "Srbija Export d.o.o.", "country": "RS"}
    wang = {"name": "Wang Fang", "organisation": "Cangzhou Machinery Co.", "country": "CN"}
    here = {
        "b2b_id": w.b2b.pk,
        "session_title": "B2B matchmaking meeting",
        "series": w.edition.series.slug,
        "edition": w.edition.number,
        "time_zone": "Europe/Belgrade",
    }
    assert response.json() == [
        {
            "id": w.meetings.first.pk,
            **here,
            "starts_at": "2024-11-07T07:00:00+01:00",
            "ends_at": "2024-11-07T07:20:00+01:00",
            "table_number": 1,
            "table_label": "",
            "table": "Table 1",
            "counterparts": [ana],
        },
        {
            "id": later.pk,
            "b2b_id": other.pk,
            "session_title": "B2B matchmaking meeting",
            "series": second_edition.series.slug,
            "edition": second_edition.number,
            "time_zone": "Asia/Shanghai",
            "starts_at": "2024-11-07T14:20:00+08:00",
            "ends_at": "2024-11-07T14:40:00+08:00",
            "table_number": 1,
            "table_label": "",
            "table": "Table 1",
            "counterparts": [{"name": "Guo Jing", "organisation": None, "country": None}],
        },
        {
            "id": w.meetings.group.pk,
            **here,
            "starts_at": "2024-11-07T07:40:00+01:00",
            "ends_at": "2024-11-07T08:00:00+01:00",
            "table_number": 2,
            "table_label": "",
            "table": "Table 2",
            "counterparts": [ana, wang],
        },
    ]


def test_the_agenda_in_chinese(client, world):
    response = _get(client, AGENDA, world.participant, **{"Accept-Language": "zh-hans"})

    group = response.json()[-1]
    assert (group["session_title"], group["table"]) == ("企业对接会", "2 号桌")
    assert [c["name"] for c in group["counterparts"]] == ["Ana Alpha", "王芳"]


def test_the_agenda_with_the_session(client, world):
    client.force_login(world.participant)

    response = client.get(AGENDA)

    assert [m["id"] for m in response.json()] == [world.meetings.first.pk, world.meetings.group.pk]


def test_a_caller_without_a_person_has_no_agenda(client, world):
    response = _get(client, AGENDA, world.organiser)

    assert (response.status_code, response.json()) == (
        404,
        {"detail": "No person is linked to this account.", "field": None},
    )


def test_a_participant_without_meetings_has_an_empty_agenda(client, world):
    user = UserFactory(username="boris")
    link_person_account(world.boris.registration.person, user=user)

    response = _get(client, AGENDA, user)

    assert (response.status_code, response.json()) == (200, [])


def test_the_agenda_makes_a_fixed_number_of_queries(client, db):
    """N meetings over two B2B sessions, then 2N over three: the same count."""
    person = PersonFactory(name="Petra Participant")
    user = UserFactory(username="petra")
    link_person_account(person, user=user)
    headers = {"Authorization": f"Bearer {_token(user)}"}

    def b2b_with_meetings(n: int) -> None:
        b2b, _ = make_b2b(slots=n, tables=1, attendees=0)
        registration = RegistrationFactory(edition=b2b.session.edition, person=person)
        petra = add_attendee(b2b, registration=registration)
        for i in range(n):
            _place(b2b, [petra, _attendee(b2b, f"Guest {i}", OrganisationFactory())], i, 0)

    b2b_with_meetings(1)
    b2b_with_meetings(2)
    _count(client, AGENDA, headers)  # the token's first use stamps it
    with_three = _count(client, AGENDA, headers)
    b2b_with_meetings(3)

    with_six = _count(client, AGENDA, headers)

    assert with_six == with_three
    assert len(client.get(AGENDA, headers=headers).json()) == 6
