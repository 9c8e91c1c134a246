"""The board's buttons for meeting requests and agendas: taking in accepted requests (with
how many were created and how many wait), publishing the agendas and sending the reminder,
each through its domain function, each a POST by someone who may change the B2B session."""

import pytest
from django.core import mail

from smeforum.matchmaking.domain import accept_request, send_request
from smeforum.matchmaking.models import MeetingRequest
from smeforum.scheduling.domain.meetings import place_meeting, request_meeting
from smeforum.scheduling.models import B2BSession
from tests.backoffice.schedule.conftest import board_url
from tests.factories import UserFactory, make_b2b
from tests.matchmaking.factories import make_confirmed

pytestmark = pytest.mark.integration


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_taking_in_accepted_requests_makes_meetings_and_says_how_many(client, organiser, edition):
    valves = make_confirmed(edition, name="Cangzhou Valves")
    pumps = make_confirmed(edition, name="Gdansk Pumps")
    nobody = make_confirmed(edition, name="Pecs Medical", people=0)
    accepted = accept_request(send_request(valves, receiver=pumps))
    accept_request(send_request(valves, receiver=nobody))  # nobody of it attends: waits
    b2b, _ = make_b2b(edition=edition, attendees=0)  # after the requests: none has a meeting
    client.force_login(organiser)
    board = client.get(board_url("board", b2b.pk))

    response = client.post(board_url("take_requests", b2b.pk), follow=True)

    assert "accepted requests without a meeting: 2" in board.content.decode()
    assert _messages(response) == [
        "Accepted requests taken in: new meetings: 1; still waiting (no B2B session for them, "
        "or nobody of one side attends): 1."
    ]
    assert MeetingRequest.objects.get(pk=accepted.pk).meeting.b2b == b2b
    assert "accepted requests without a meeting: 1" in response.content.decode()


def test_publishing_then_reminding_emails_the_participants(
    client, organiser, edition, django_capture_on_commit_callbacks
):
    b2b, (a, b, *_rest) = make_b2b(edition=edition, slots=1)
    meeting = request_meeting(b2b, attendees=[a, b])
    place_meeting(meeting, slot=b2b.slots.get(), table=b2b.tables.first())
    client.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        published = client.post(board_url("publish_agendas", b2b.pk), follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        reminded = client.post(board_url("remind_agendas", b2b.pk), follow=True)

    assert _messages(published) == ["Agendas published: 2 participants get theirs by email."]
    assert _messages(reminded) == ["Reminder sent to 2 participants."]
    assert B2BSession.objects.get(pk=b2b.pk).agendas_published_at is not None
    assert "agendas published: " in reminded.content.decode()
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "[smeforum] Your B2B meetings at " + str(edition),
        "[smeforum] Your B2B meetings at " + str(edition),
        "[smeforum] Reminder",
        "[smeforum] Reminder",
    ]


def test_a_refusal_is_shown_on_the_board(client, organiser, edition):
    b2b, _ = make_b2b(edition=edition)
    client.force_login(organiser)

    response = client.post(board_url("remind_agendas", b2b.pk), follow=True)

    assert _messages(response) == [
        "The agendas are not published yet: publish them before reminding anyone."
    ]
    assert mail.outbox == []


@pytest.mark.parametrize("page", ["take_requests", "publish_agendas", "remind_agendas"])
def test_the_buttons_are_posts_of_organisers_of_the_edition(client, organiser, edition, page):
    b2b, _ = make_b2b(edition=edition)
    theirs, _ = make_b2b()
    client.force_login(organiser)

    assert client.get(board_url(page, b2b.pk)).status_code == 405
    assert client.post(board_url(page, theirs.pk)).status_code == 404
    client.force_login(UserFactory())
    assert client.post(board_url(page, b2b.pk)).status_code == 302  # to the admin's login
