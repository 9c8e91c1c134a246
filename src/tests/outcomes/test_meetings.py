"""Naming the B2B meetings an outcome came from: only meetings of the outcome's edition that
are not cancelled, refusals naming the meeting, audited as a list of meeting ids."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from smeforum.audit.models import AuditEntry
from smeforum.outcomes.domain.outcomes import record_outcome, save_outcome, set_outcome_meetings
from smeforum.outcomes.models import Outcome
from smeforum.reference.models import OutcomeKind
from smeforum.scheduling.domain.meetings import cancel_meeting
from tests.factories import EditionFactory
from tests.outcomes.factories import make_meeting

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _record(edition, **kwargs) -> Outcome:
    return record_outcome(
        edition.series if edition else EditionFactory().series,
        kind=OutcomeKind.objects.get(slug="cooperation_project"),
        title="沧州—格但斯克泵业合资",
        edition=edition,
        signed_on=dt.date(2024, 11, 7),
        **kwargs,
    )


def test_an_outcome_names_the_meetings_it_came_from_audited_by_id():
    edition = EditionFactory()
    first = make_meeting(edition, "Cangzhou Valves", "Gdansk Pumps", slot=0).meeting
    second = make_meeting(edition, "Hebei Steel", "Lodz Cables").meeting
    outcome = _record(edition, meetings=[first])

    set_outcome_meetings(outcome, meetings=[first, second])

    assert sorted(outcome.meetings.values_list("pk", flat=True)) == [first.pk, second.pk]
    entries = AuditEntry.objects.filter(action="outcomes.outcome.meetings_changed")
    assert [(e.before, e.after) for e in entries.order_by("id")] == [
        ({"meetings": []}, {"meetings": [first.pk]}),
        ({"meetings": [first.pk]}, {"meetings": [first.pk, second.pk]}),
    ]


def test_a_meeting_of_another_edition_is_refused_naming_it():
    edition = EditionFactory(number=1)
    other = EditionFactory(series=edition.series, number=2)
    theirs = make_meeting(other, "Cangzhou Valves", "Gdansk Pumps", slot=0).meeting
    outcome = _record(edition)

    with pytest.raises(ValidationError) as refused:
        set_outcome_meetings(outcome, meetings=[theirs])

    assert refused.value.message_dict == {
        "meetings": [
            f"Meeting {theirs.pk}: Cangzhou Valves – Gdansk Pumps, 2024-11-07 14:00 belongs to a "
            f"B2B session of another edition ({other}), not of the outcome's edition."
        ]
    }
    assert outcome.meetings.count() == 0


def test_a_cancelled_meeting_is_refused_and_nothing_is_recorded():
    edition = EditionFactory()
    met = make_meeting(edition, "Cangzhou Valves", "Gdansk Pumps")
    cancel_meeting(met.meeting)

    with pytest.raises(ValidationError) as refused:
        _record(edition, meetings=[met.meeting])

    assert refused.value.messages == [
        f"Meeting {met.meeting.pk}: Cangzhou Valves – Gdansk Pumps, not placed was cancelled: "
        "an outcome cannot come from it."
    ]
    assert Outcome.objects.count() == 0


def test_a_meeting_named_before_its_cancellation_stays_named():
    edition = EditionFactory()
    kept = make_meeting(edition, "Cangzhou Valves", "Gdansk Pumps").meeting
    added = make_meeting(edition, "Hebei Steel", "Lodz Cables").meeting
    outcome = _record(edition, meetings=[kept])
    cancel_meeting(kept)

    set_outcome_meetings(outcome, meetings=[kept, added])

    assert sorted(outcome.meetings.values_list("pk", flat=True)) == [kept.pk, added.pk]


def test_an_outcome_between_editions_names_no_meeting():
    edition = EditionFactory()
    meeting = make_meeting(edition, "Cangzhou Valves", "Gdansk Pumps").meeting
    outcome = record_outcome(
        edition.series, kind=OutcomeKind.objects.get(slug="memorandum"), title="MoU"
    )

    with pytest.raises(ValidationError) as refused:
        set_outcome_meetings(outcome, meetings=[meeting])

    assert refused.value.messages == [
        f"Meeting {meeting.pk}: Cangzhou Valves – Gdansk Pumps, not placed: an outcome signed "
        "between editions cannot name B2B meetings; choose its edition first."
    ]


def test_moving_an_outcome_that_names_meetings_to_another_edition_is_refused():
    edition = EditionFactory(number=1)
    other = EditionFactory(series=edition.series, number=2)
    meeting = make_meeting(edition, "Cangzhou Valves", "Gdansk Pumps").meeting
    outcome = _record(edition, meetings=[meeting])
    outcome.edition = other

    with pytest.raises(ValidationError) as refused:
        save_outcome(outcome)

    assert refused.value.message_dict == {
        "edition": [
            f"This outcome names B2B meetings of another edition (Meeting {meeting.pk}: "
            "Cangzhou Valves – Gdansk Pumps, not placed); remove them from the outcome before "
            "moving it."
        ]
    }
    assert Outcome.objects.get().edition == edition
