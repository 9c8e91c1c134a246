"""Rating a meeting after the event: parties only, once over, not when cancelled; a second
rating by the same party replaces the first."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from smeforum.audit.models import AuditEntry
from smeforum.matchmaking.domain import accept_request, rate_meeting, send_request
from smeforum.matchmaking.domain.ratings import is_over
from smeforum.matchmaking.models import MeetingRating
from smeforum.scheduling.domain.meetings import cancel_meeting, place_meeting
from tests.factories import EditionFactory, make_b2b
from tests.matchmaking.factories import make_confirmed

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _meeting(edition, suffix=""):
    b2b, _ = make_b2b(edition=edition, attendees=0)
    valves = make_confirmed(edition, name="Cangzhou Valves" + suffix)
    pumps = make_confirmed(edition, name="Gdansk Pumps" + suffix, country="PL")
    outsider = make_confirmed(edition, name="Pecs Medical" + suffix, country="HU")
    request = accept_request(send_request(valves, receiver=pumps))
    return b2b, request.meeting, valves, pumps, outsider


def test_each_party_rates_once_and_may_change_its_rating():
    _, meeting, valves, pumps, _ = _meeting(EditionFactory())  # an edition of 2024: over
    rate_meeting(meeting, rater=valves, value=MeetingRating.Value.INFORMATIVE)
    rate_meeting(meeting, rater=valves, value=MeetingRating.Value.COOPERATION, comment=" Yes ")
    rate_meeting(meeting, rater=pumps, value=MeetingRating.Value.NOT_HELD)
    assert sorted(
        (r.rater.profile.organisation.name, r.value, r.comment) for r in meeting.ratings.all()
    ) == [("Cangzhou Valves", "cooperation", "Yes"), ("Gdansk Pumps", "not_held", "")]
    assert AuditEntry.objects.filter(action="matchmaking.rating.saved").count() == 3


def test_a_sample_rating_is_labelled():
    _, meeting, valves, pumps, _ = _meeting(EditionFactory())
    rate_meeting(meeting, rater=valves, value=MeetingRating.Value.INFORMATIVE, is_sample=True)
    rate_meeting(meeting, rater=pumps, value=MeetingRating.Value.INFORMATIVE)
    assert sorted(
        (r.rater.profile.organisation.name, r.is_sample) for r in meeting.ratings.all()
    ) == [("Cangzhou Valves", True), ("Gdansk Pumps", False)]


def test_an_organisation_that_was_not_a_party_cannot_rate():
    _, meeting, _, _, outsider = _meeting(EditionFactory())
    with pytest.raises(ValidationError) as excinfo:
        rate_meeting(meeting, rater=outsider, value=MeetingRating.Value.COOPERATION)
    assert excinfo.value.messages == ["Pecs Medical did not take part in this meeting."]


def test_a_meeting_cannot_be_rated_before_it_is_over_or_when_cancelled():
    future = EditionFactory(start_date=dt.date(2099, 5, 1), end_date=dt.date(2099, 5, 2))
    _, meeting, valves, _, _ = _meeting(future)
    with pytest.raises(ValidationError) as early:
        rate_meeting(meeting, rater=valves, value=MeetingRating.Value.COOPERATION)
    _, past_meeting, past_valves, _, _ = _meeting(EditionFactory(), " 2")
    cancel_meeting(past_meeting)
    with pytest.raises(ValidationError) as cancelled:
        rate_meeting(past_meeting, rater=past_valves, value=MeetingRating.Value.COOPERATION)
    assert early.value.messages == ["A meeting can be rated once it is over."]
    assert cancelled.value.messages == ["A cancelled meeting cannot be rated."]
    assert MeetingRating.objects.count() == 0


def test_a_placed_meeting_is_over_when_its_slot_ends():
    b2b, meeting, _, _, _ = _meeting(EditionFactory())
    slot = b2b.slots.order_by("starts_at").first()
    place_meeting(meeting, slot=slot, table=b2b.tables.first())
    meeting.refresh_from_db()
    assert is_over(meeting, now=slot.ends_at - dt.timedelta(minutes=1)) is False
    assert is_over(meeting, now=slot.ends_at) is True
