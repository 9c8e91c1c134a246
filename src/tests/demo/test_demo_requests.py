"""The demo's meeting requests at the 6th edition: sent between the sample organisations
(mostly to partners the engine recommends them), answered in a mix of ways under the edition's
rules; the accepted ones are the B2B session's meetings; a few meetings rated afterwards, one
outcome traced to a meeting both sides rated "cooperation possible"."""

import io
from collections import Counter

import pytest
from django.core import mail
from django.core.management import call_command

from smeforum.accounts.models import PersonAccount
from smeforum.demo.accounts import PARTICIPANT_EMAIL
from smeforum.demo.requests import recommended_profiles
from smeforum.matchmaking.models import MeetingRating, MeetingRequest, ProfileEdition
from smeforum.matchmaking.recommendations import recommend_for
from smeforum.outcomes.models import Outcome
from smeforum.scheduling.models import B2BSession, Meeting

pytestmark = pytest.mark.integration


@pytest.fixture
def demo(db, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.DATA_DIR = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    return B2BSession.objects.select_related("session__edition").get()


def test_requests_are_answered_in_a_mix_the_accepted_are_the_meetings_some_rated(demo):
    edition = demo.session.edition
    requests = MeetingRequest.objects.filter(edition=edition)
    policy = edition.request_policy

    assert Counter(requests.values_list("status", flat=True)) == {
        "accepted": 159,
        "declined": 21,
        "open": 16,
        "withdrawn": 8,
    }
    assert requests.filter(is_mutual=True).count() == 31
    assert requests.filter(is_mutual=True).exclude(status="accepted").count() == 0
    assert requests.filter(is_sample=False).count() == 0
    assert requests.filter(status="declined", decline_reason="").count() == 0
    assert mail.outbox == []  # sample requests email nobody
    # The edition's rules: limits kept, deadlines before the session.
    assert (policy.b2b, policy.max_meetings, policy.max_open_requests) == (demo, 8, 15)
    assert policy.requests_close_at < policy.answers_close_at
    assert policy.answers_close_at.astimezone(edition.tz).date() < demo.session.day
    per_organisation = Counter()
    for request in requests.filter(status="accepted"):
        per_organisation.update([request.sender_id, request.receiver_id])
    assert max(per_organisation.values()) == 8
    # Every accepted request is one meeting of the B2B session, and nothing else is.
    accepted = requests.filter(status="accepted")
    assert set(demo.meetings.values_list("pk", flat=True)) == set(
        accepted.values_list("meeting_id", flat=True)
    )
    assert {m.weight for m in demo.meetings.all()} <= {1, 2, 3, 4, 6}
    for request in accepted.select_related("meeting").prefetch_related(
        "meeting__parties__attendee__registration__person"
    )[:20]:
        organisations = {
            p.attendee.registration.person.organisation_id for p in request.meeting.parties.all()
        }
        assert organisations == set(request.organisation_ids())
    # One seat per organisation confirmed, as many at once as it sends people.
    assert demo.attendees.count() == ProfileEdition.objects.filter(edition=edition).count()
    # Mostly the engine's recommendations.
    lists = recommended_profiles(edition)
    recommended = sum(
        r.receiver.profile_id in lists[r.sender.profile_id]
        or r.sender.profile_id in lists[r.receiver.profile_id]
        for r in requests.select_related("sender", "receiver")
    )
    assert recommended / requests.count() >= 0.8

    # One load for the rest too: the demo load is the slow part of these tests.
    _the_participant_has_requests_both_ways(demo)
    _ratings_lead_to_an_outcome(demo)


def _the_participant_has_requests_both_ways(demo):
    edition = demo.session.edition
    person = PersonAccount.objects.get(user__username=PARTICIPANT_EMAIL).person
    mine = ProfileEdition.objects.get(edition=edition, profile__organisation=person.organisation)

    assert len(recommend_for(edition, person.organisation)) == 10
    assert mine.requests_received.filter(status="open").count() == 1
    assert mine.requests_sent.filter(status="open").count() == 1
    assert mine.requests_received.filter(status="accepted").count() >= 3
    assert Meeting.objects.filter(parties__attendee__registration__person=person).count() >= 3


def _ratings_lead_to_an_outcome(demo):
    edition = demo.session.edition
    ratings = MeetingRating.objects.filter(rater__edition=edition)
    assert Counter(ratings.values_list("value", flat=True)) == {
        "cooperation": 8,
        "informative": 10,
        "insufficient": 6,
        "not_held": 1,
    }
    assert ratings.filter(is_sample=False).count() == 0
    outcome = Outcome.objects.get(external_id="sample-e6-b2b")
    meeting = outcome.meetings.get()
    request = meeting.request
    assert (outcome.is_sample, outcome.edition, outcome.session) == (True, edition, demo.session)
    assert sorted(meeting.ratings.values_list("value", flat=True)) == ["cooperation"] * 2
    assert set(outcome.parties.values_list("organisation_id", flat=True)) == set(
        request.organisation_ids()
    )
    assert set(outcome.parties.values_list("role", flat=True)) == {
        "chinese_party",
        "foreign_party",
    }
