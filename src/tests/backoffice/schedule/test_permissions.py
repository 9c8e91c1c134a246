"""Who opens the schedule pages: anonymous callers and participants are sent to sign in, an
organiser without ``matchmaking`` is refused (403), one with it on another series does not see
the B2B session (404), one with it works. Writes are POST only and refused likewise."""

import pytest
from django.urls import reverse

from smeforum.accounts.domain.roles import grant_organiser_role, link_person_account
from smeforum.audit.models import AuditEntry
from smeforum.scheduling.domain.meetings import place_meeting, request_meeting
from smeforum.scheduling.models import Meeting, ScheduleRun
from tests.backoffice.schedule.conftest import board_url
from tests.factories import EditionFactory, PersonFactory, UserFactory, make_b2b

pytestmark = pytest.mark.integration

PAGES = ("board", "setup", "progress", "attendees", "add_meeting", "meeting")
WRITES = ("solve", "setup", "attendees", "add_meeting", "move", "unplace", "fix", "cancel")
ON_A_MEETING = {"meeting", "move", "unplace", "fix", "cancel"}


@pytest.fixture
def world(edition):
    b2b, (a, b, *_rest) = make_b2b(edition=edition)
    meeting = request_meeting(b2b, attendees=[a, b])
    meeting = place_meeting(meeting, slot=b2b.slots.first(), table=b2b.tables.first())
    return b2b, meeting


def _url(name, world):
    b2b, meeting = world
    return board_url(name, b2b.pk, meeting.pk) if name in ON_A_MEETING else board_url(name, b2b.pk)


def _user(kind, edition):
    if kind == "participant":
        user = UserFactory(username="participant")
        link_person_account(PersonFactory(), user=user)
        return user
    user = UserFactory(username=kind)
    if kind == "without":
        grant_organiser_role(edition.series, user=user, permissions=["programme", "participants"])
    elif kind == "elsewhere":
        grant_organiser_role(EditionFactory().series, user=user, permissions=["matchmaking"])
    elif kind == "edition_only":
        grant_organiser_role(
            edition.series, user=user, edition=edition, permissions=["matchmaking"]
        )
    return user


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("anonymous", 302),
        ("participant", 302),
        ("without", 403),
        ("elsewhere", 404),
        ("with", 200),
        ("edition_only", 200),
    ],
)
def test_pages(client, edition, organiser, world, name, kind, expected):
    user = organiser if kind == "with" else None if kind == "anonymous" else _user(kind, edition)
    if user is not None:
        client.force_login(user)

    response = client.get(_url(name, world))

    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(("kind", "expected"), [("without", 403), ("elsewhere", 200)])
def test_the_add_view_needs_matchmaking_somewhere(client, edition, kind, expected):
    client.force_login(_user(kind, edition))

    response = client.get(reverse("admin:scheduling_b2bsession_add"))

    assert response.status_code == expected


def test_the_add_view_offers_no_session_of_another_series(client, edition, world):
    client.force_login(_user("elsewhere", edition))

    response = client.get(reverse("admin:scheduling_b2bsession_add"))

    assert list(response.context["form"].fields["session"].queryset) == []


@pytest.mark.parametrize("name", WRITES)
@pytest.mark.parametrize(("kind", "expected"), [("without", 403), ("elsewhere", 404)])
def test_writes_are_refused(client, edition, world, name, kind, expected):
    _b2b, meeting = world
    client.force_login(_user(kind, edition))
    entries = AuditEntry.objects.count()

    response = client.post(_url(name, world), {"version": meeting.version, "table_count": 1})

    assert response.status_code == expected
    assert AuditEntry.objects.count() == entries
    assert not ScheduleRun.objects.exists()
    assert Meeting.objects.get(pk=meeting.pk).status == "accepted"


@pytest.mark.parametrize("name", ["solve", "move", "unplace", "fix", "cancel"])
def test_writes_are_post_only(client, organiser, world, name):
    client.force_login(organiser)

    response = client.get(_url(name, world))

    assert response.status_code == 405


def test_a_meeting_of_another_b2b_session_is_not_found(client, organiser, edition, world):
    _b2b, meeting = world
    other, _ = make_b2b(edition=edition)
    client.force_login(organiser)

    response = client.get(board_url("meeting", other.pk, meeting.pk))

    assert response.status_code == 404
