"""The organisers' overview of an edition's requests: per organisation sent, received, its
answers, acceptance rate, meetings against the edition's limit; the ratings' counts."""

import pytest

from smeforum.matchmaking.domain import (
    accept_request,
    decline_request,
    rate_meeting,
    send_request,
    set_request_policy,
    withdraw_request,
)
from smeforum.matchmaking.models import MeetingRating, RequestPolicy
from smeforum.matchmaking.overview import rating_counts, request_overview
from tests.factories import EditionFactory, make_b2b
from tests.matchmaking.factories import make_confirmed

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def edition():
    """Valves asked Pumps (accepted), Medical (declined) and Zagreb Steel (open); Pumps asked
    Medical (accepted); Medical asked Valves and withdrew. Another edition has a request too."""
    edition = EditionFactory()
    set_request_policy(RequestPolicy(edition=edition, max_meetings=2))
    valves = make_confirmed(edition, name="Cangzhou Valves", country="CN")
    pumps = make_confirmed(edition, name="Gdansk Pumps", country="PL")
    medical = make_confirmed(edition, name="Pecs Medical", country="HU")
    steel = make_confirmed(edition, name="Zagreb Steel", country="HR")
    make_confirmed(edition, name="Athens Olive Oil", country="GR")
    accept_request(send_request(valves, receiver=pumps))
    decline_request(send_request(valves, receiver=medical), reason="Not our field")
    send_request(valves, receiver=steel)
    accept_request(send_request(pumps, receiver=medical))
    withdraw_request(send_request(medical, receiver=valves))
    other = EditionFactory()
    send_request(
        make_confirmed(other, name="Other One"), receiver=make_confirmed(other, name="Other Two")
    )
    return edition


def _rows(edition) -> list[tuple]:
    keys = ("sent", "received", "accepted", "declined", "open", "acceptance_rate", "meetings")
    return [
        (row["organisation"], row["country"], *(row[k] for k in keys), row["agenda_full"])
        for row in request_overview(edition)
    ]


def test_each_organisation_of_the_edition_has_its_counts_by_name(edition):
    assert _rows(edition) == [
        ("Athens Olive Oil", "GR", 0, 0, 0, 0, 0, None, 0, False),
        ("Cangzhou Valves", "CN", 3, 0, 0, 0, 0, None, 1, False),
        ("Gdansk Pumps", "PL", 1, 1, 1, 0, 0, 1.0, 2, True),
        ("Pecs Medical", "HU", 0, 2, 1, 1, 0, 0.5, 1, False),
        ("Zagreb Steel", "HR", 0, 1, 0, 0, 1, None, 0, False),
    ]


def test_each_row_names_the_organisation_and_the_edition_limit(edition):
    row = request_overview(edition)[2]

    assert set(row) == {
        "organisation_id",
        "organisation",
        "country",
        "sent",
        "received",
        "accepted",
        "declined",
        "open",
        "acceptance_rate",
        "meetings",
        "max_meetings",
        "agenda_full",
    }
    assert (row["organisation"], row["max_meetings"]) == ("Gdansk Pumps", 2)
    assert row["organisation_id"] == (
        RequestPolicy.objects.get(edition=edition)
        .edition.matchmaking_profiles.get(profile__organisation__name="Gdansk Pumps")
        .profile.organisation_id
    )


def test_without_rules_there_is_no_limit_and_no_full_agenda():
    edition = EditionFactory()
    valves = make_confirmed(edition, name="Cangzhou Valves")
    accept_request(send_request(valves, receiver=make_confirmed(edition, name="Gdansk Pumps")))

    rows = request_overview(edition)

    assert [(r["meetings"], r["max_meetings"], r["agenda_full"]) for r in rows] == [
        (1, None, False),
        (1, None, False),
    ]


def test_the_overview_is_one_query_however_many_organisations(edition, django_assert_num_queries):
    with django_assert_num_queries(1):
        request_overview(edition)


def test_rating_counts_give_every_value_for_the_edition_only():
    edition = EditionFactory()  # of 2024: its meetings are over and may be rated
    make_b2b(edition=edition, attendees=0)
    valves = make_confirmed(edition, name="Cangzhou Valves")
    pumps = make_confirmed(edition, name="Gdansk Pumps")
    medical = make_confirmed(edition, name="Pecs Medical")
    first = accept_request(send_request(valves, receiver=pumps)).meeting
    second = accept_request(send_request(medical, receiver=valves)).meeting
    rate_meeting(first, rater=valves, value=MeetingRating.Value.COOPERATION)
    rate_meeting(first, rater=pumps, value=MeetingRating.Value.COOPERATION)
    rate_meeting(second, rater=medical, value=MeetingRating.Value.NOT_HELD)

    assert rating_counts(edition) == {
        "not_held": 1,
        "insufficient": 0,
        "informative": 0,
        "cooperation": 2,
    }
    assert rating_counts(EditionFactory()) == {
        "not_held": 0,
        "insufficient": 0,
        "informative": 0,
        "cooperation": 0,
    }
