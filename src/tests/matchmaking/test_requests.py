"""Meeting requests: sending, answering, the edition's limits and deadlines, mutual requests,
one live request per pair, and accepted requests becoming the scheduler's meetings."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from smeforum.audit.models import AuditEntry
from smeforum.matchmaking.domain import (
    accept_request,
    cancel_request,
    decline_request,
    meet_accepted_requests,
    send_request,
    set_request_policy,
    withdraw_request,
)
from smeforum.matchmaking.models import MeetingRequest, RequestPolicy
from smeforum.scheduling.models import Meeting
from tests.factories import EditionFactory, UserFactory, make_b2b
from tests.matchmaking.factories import make_confirmed

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def trio():
    edition = EditionFactory()
    return (
        edition,
        make_confirmed(edition, name="Cangzhou Valves", country="CN"),
        make_confirmed(edition, name="Gdansk Pumps", country="PL", people=2),
        make_confirmed(edition, name="Pecs Medical", country="HU"),
    )


def _policy(edition, **fields):
    return set_request_policy(RequestPolicy(edition=edition, **fields))


def _code(excinfo) -> str:
    return excinfo.value.error_list[0].code


def _mails() -> list[tuple[list[str], str]]:
    return [(m.to, m.subject) for m in mail.outbox]


def test_send_request_stores_it_open_with_an_audit_entry_and_an_email_task(
    trio, django_capture_on_commit_callbacks
):
    _, valves, pumps, _ = trio
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        request = send_request(valves, receiver=pumps, message="Let us talk valves", actor=user)
    request.refresh_from_db()
    assert (request.status, request.message, request.is_mutual, request.sent_by) == (
        "open",
        "Let us talk valves",
        False,
        user,
    )
    assert (request.pair_low, request.pair_high) == (valves.pk, pumps.pk)
    assert AuditEntry.objects.filter(action="matchmaking.request.sent").count() == 1
    people = sorted(r.person.email for r in pumps.attendees.all())
    assert sorted(_mails()) == [
        ([email], "[smeforum] Cangzhou Valves asks to meet you") for email in people
    ]


def test_a_sample_request_is_labelled_and_emails_nobody_whatever_happens_to_it(
    trio, django_capture_on_commit_callbacks
):
    _, valves, pumps, medical = trio
    with django_capture_on_commit_callbacks(execute=True):
        mutual = send_request(valves, receiver=pumps, is_sample=True)
        send_request(pumps, receiver=valves, is_sample=True)
        declined = send_request(medical, receiver=valves, is_sample=True)
        decline_request(declined, reason="Sample reason")
    mutual.refresh_from_db()
    assert (mutual.is_sample, mutual.status, mutual.is_mutual) == (True, "accepted", True)
    assert MeetingRequest.objects.filter(is_sample=False).count() == 0
    assert mail.outbox == []


def test_a_second_request_for_the_same_pair_is_refused_in_either_direction(trio):
    _, valves, pumps, _ = trio
    send_request(valves, receiver=pumps)
    with pytest.raises(ValidationError) as excinfo:
        send_request(valves, receiver=pumps)
    assert _code(excinfo) == "duplicate"
    assert excinfo.value.messages == ["You already asked Gdansk Pumps to meet."]
    assert MeetingRequest.objects.count() == 1


def test_asking_someone_who_asked_you_accepts_their_request_as_mutual(
    trio, django_capture_on_commit_callbacks
):
    _, valves, pumps, _ = trio
    first = send_request(valves, receiver=pumps, priority=MeetingRequest.Priority.LOW)
    with django_capture_on_commit_callbacks(execute=True):
        answer = send_request(pumps, receiver=valves, priority=MeetingRequest.Priority.HIGH)
    assert answer.pk == first.pk
    first.refresh_from_db()
    assert (first.status, first.is_mutual, first.priority, first.weight) == (
        "accepted",
        True,
        3,
        6,
    )
    assert MeetingRequest.objects.count() == 1
    pumps_people = sorted(r.person.email for r in pumps.attendees.all())
    assert sorted(_mails()) == sorted(
        [
            (
                [valves.attendees.get().person.email],
                "[smeforum] You and Gdansk Pumps both want to meet",
            )
        ]
        + [([e], "[smeforum] You and Cangzhou Valves both want to meet") for e in pumps_people]
    )


def test_accept_decline_withdraw_move_the_status_and_refuse_a_closed_request(trio):
    _, valves, pumps, medical = trio
    accepted = accept_request(send_request(valves, receiver=pumps))
    declined = decline_request(send_request(valves, receiver=medical), reason="  Not our field ")
    withdrawn = withdraw_request(send_request(pumps, receiver=medical))
    assert [accepted.status, declined.status, withdrawn.status] == [
        "accepted",
        "declined",
        "withdrawn",
    ]
    assert declined.decline_reason == "Not our field"
    assert accepted.answered_at is not None
    with pytest.raises(ValidationError) as excinfo:
        accept_request(declined)
    assert excinfo.value.messages == ["This request is declined already."]


def test_after_being_declined_the_sender_cannot_ask_again_but_may_be_asked(trio):
    _, valves, pumps, _ = trio
    decline_request(send_request(valves, receiver=pumps))
    with pytest.raises(ValidationError) as excinfo:
        send_request(valves, receiver=pumps)
    assert _code(excinfo) == "declined"
    assert send_request(pumps, receiver=valves).status == "open"


def test_a_withdrawn_request_frees_the_pair(trio):
    _, valves, pumps, _ = trio
    withdraw_request(send_request(valves, receiver=pumps))
    assert send_request(valves, receiver=pumps).status == "open"


def test_a_request_to_oneself_or_to_another_edition_is_refused(trio):
    _, valves, _, _ = trio
    stranger = make_confirmed(EditionFactory(), name="Elsewhere Ltd")
    with pytest.raises(ValidationError) as to_self:
        send_request(valves, receiver=valves)
    with pytest.raises(ValidationError) as elsewhere:
        send_request(valves, receiver=stranger)
    assert to_self.value.message_dict == {
        "receiver": ["An organisation cannot ask itself to meet."]
    }
    assert elsewhere.value.message_dict == {
        "receiver": ["Both organisations must take part in the same edition."]
    }


def test_open_request_limit_counts_only_open_requests_sent(trio):
    edition, valves, pumps, medical = trio
    _policy(edition, max_open_requests=1)
    first = send_request(valves, receiver=pumps)
    with pytest.raises(ValidationError) as excinfo:
        send_request(valves, receiver=medical)
    assert _code(excinfo) == "limit"
    assert excinfo.value.messages == [
        "You have 1 open requests, the most at this edition: wait for answers or withdraw one."
    ]
    accept_request(first)
    assert send_request(valves, receiver=medical).status == "open"


def test_meeting_limit_refuses_requests_and_acceptances_beyond_a_full_agenda(trio):
    edition, valves, pumps, medical = trio
    _policy(edition, max_meetings=1)
    waiting = send_request(medical, receiver=valves)
    accept_request(send_request(valves, receiver=pumps))
    with pytest.raises(ValidationError) as accepting:
        accept_request(waiting)
    with pytest.raises(ValidationError) as asking:
        send_request(medical, receiver=pumps)
    assert accepting.value.messages == [
        "Your agenda is full: 1 meetings is the most at this edition."
    ]
    assert asking.value.messages == [
        "Gdansk Pumps's agenda is full: 1 meetings is the most at this edition."
    ]
    waiting.refresh_from_db()
    assert waiting.status == "open"


def test_deadlines_close_requests_and_answers(trio):
    edition, valves, pumps, medical = trio
    open_request = send_request(valves, receiver=pumps)
    past = timezone.now() - dt.timedelta(hours=1)
    _policy(edition, requests_close_at=past, answers_close_at=past)
    with pytest.raises(ValidationError) as sending:
        send_request(valves, receiver=medical)
    with pytest.raises(ValidationError) as answering:
        accept_request(open_request)
    assert (_code(sending), _code(answering)) == ("closed", "closed")
    assert sending.value.messages[0].startswith("Meeting requests closed on ")


def test_policy_refuses_answers_closing_before_requests_and_a_b2b_of_another_edition(trio):
    edition = trio[0]
    b2b, _ = make_b2b()
    now = timezone.now()
    with pytest.raises(ValidationError) as excinfo:
        _policy(
            edition,
            b2b=b2b,
            requests_close_at=now,
            answers_close_at=now - dt.timedelta(days=1),
            max_meetings=0,
        )
    assert excinfo.value.message_dict == {
        "answers_close_at": ["Answers cannot close before requests do."],
        "b2b": ["The B2B session belongs to another edition."],
        "max_meetings": ["A limit must be at least 1; leave it empty for no limit."],
    }


def test_an_accepted_request_becomes_a_meeting_weighted_by_priority(trio):
    edition, valves, pumps, _ = trio
    b2b, _ = make_b2b(edition=edition, attendees=0)
    _policy(edition, b2b=b2b, max_meetings=8)
    request = accept_request(
        send_request(valves, receiver=pumps, priority=MeetingRequest.Priority.HIGH)
    )
    meeting = Meeting.objects.get(pk=request.meeting_id)
    parties = sorted(
        (a.registration.person.organisation.name, a.capacity, a.max_meetings)
        for a in meeting.attendees.all()
    )
    assert (meeting.b2b, meeting.weight, meeting.slot) == (b2b, 3, None)
    assert parties == [("Cangzhou Valves", 1, 8), ("Gdansk Pumps", 2, 8)]


def test_accepted_requests_wait_for_a_b2b_session_and_are_caught_up(trio):
    edition, valves, pumps, medical = trio
    first = accept_request(send_request(valves, receiver=pumps))
    second = accept_request(send_request(medical, receiver=valves))
    assert (first.meeting_id, second.meeting_id) == (None, None)
    make_b2b(edition=edition, attendees=0)  # the edition's only B2B session
    assert meet_accepted_requests(edition) == {"created": 2, "waiting": 0}
    assert meet_accepted_requests(edition) == {"created": 0, "waiting": 0}
    first.refresh_from_db()
    assert first.meeting.status == "accepted"
    shared = {a.pk for a in first.meeting.attendees.all()} & {
        a.pk for a in MeetingRequest.objects.get(pk=second.pk).meeting.attendees.all()
    }
    assert len(shared) == 1  # Cangzhou Valves keeps one seat for both meetings


def test_cancelling_an_accepted_request_cancels_its_meeting():
    edition = EditionFactory(start_date=dt.date(2099, 5, 1), end_date=dt.date(2099, 5, 2))
    valves = make_confirmed(edition, name="Cangzhou Valves")
    pumps = make_confirmed(edition, name="Gdansk Pumps", country="PL")
    make_b2b(edition=edition, attendees=0)
    request = accept_request(send_request(valves, receiver=pumps))
    cancelled = cancel_request(request)
    assert (cancelled.status, Meeting.objects.get(pk=request.meeting_id).status) == (
        "cancelled",
        "cancelled",
    )
    with pytest.raises(ValidationError):
        cancel_request(send_request(valves, receiver=pumps))


def test_a_stale_version_is_refused(trio):
    _, valves, pumps, _ = trio
    request = send_request(valves, receiver=pumps)
    with pytest.raises(ValidationError) as excinfo:
        accept_request(request, version=request.version + 1)
    assert _code(excinfo) == "conflict"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_two_acceptances_at_once_do_not_go_over_the_meeting_limit():
    edition = EditionFactory()
    hub = make_confirmed(edition, name="Hub")
    a = make_confirmed(edition, name="A")
    b = make_confirmed(edition, name="B")
    requests = [send_request(a, receiver=hub), send_request(b, receiver=hub)]
    _policy(edition, max_meetings=1)
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(request):
        barrier.wait()
        try:
            accept_request(request)
            outcomes.append("accepted")
        except ValidationError as exc:
            outcomes.append(exc.error_list[0].code)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(r,)) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted", "agenda_full"]
    assert MeetingRequest.objects.filter(status="accepted").count() == 1


def test_declining_is_refused_after_the_answer_deadline_too(trio):
    edition, valves, pumps, _ = trio
    request = send_request(valves, receiver=pumps)
    _policy(edition, answers_close_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError) as excinfo:
        decline_request(request)
    assert _code(excinfo) == "closed"
    request.refresh_from_db()
    assert request.status == "open"


def test_deadline_messages_give_the_time_in_the_editions_time_zone(trio):
    edition, valves, pumps, _ = trio
    closed = dt.datetime(2024, 11, 6, 10, 0, tzinfo=dt.UTC)  # 18:00 in Cangzhou
    _policy(edition, requests_close_at=closed)
    with pytest.raises(ValidationError) as excinfo:
        send_request(valves, receiver=pumps)
    assert excinfo.value.messages == [
        "Meeting requests closed on 2024-11-06 18:00 (Asia/Shanghai)."
    ]


def test_a_meeting_that_is_over_cannot_be_called_off(trio):
    edition, valves, pumps, _ = trio  # an edition of 2024: its meetings are over
    make_b2b(edition=edition, attendees=0)
    request = accept_request(send_request(valves, receiver=pumps))
    with pytest.raises(ValidationError) as excinfo:
        cancel_request(request)
    assert _code(excinfo) == "is_over"
    assert Meeting.objects.get(pk=request.meeting_id).status == "accepted"


def test_catching_up_skips_a_request_called_off_before_its_turn(trio):
    edition, valves, pumps, medical = trio
    kept = accept_request(send_request(valves, receiver=pumps))
    called_off = cancel_request(accept_request(send_request(medical, receiver=valves)))
    make_b2b(edition=edition, attendees=0)
    assert meet_accepted_requests(edition) == {"created": 1, "waiting": 0}
    kept.refresh_from_db()
    called_off.refresh_from_db()
    assert (kept.meeting is not None, called_off.meeting) == (True, None)
