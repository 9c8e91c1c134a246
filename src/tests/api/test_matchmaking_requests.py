"""Meeting requests and ratings through the API: who may act on which request (403 for a
party that may not, 404 for anyone else), the edition's rules as 409 with their code, stale
versions, filters, the number of queries of the list, and rating meetings."""

import datetime as dt

import pytest

from smeforum.forums.models import Edition
from smeforum.matchmaking.domain import accept_request, send_request, set_request_policy
from smeforum.matchmaking.models import MeetingRating, MeetingRequest, RequestPolicy
from smeforum.scheduling.models import Meeting
from tests.api.matchmaking_world import build_matchmaking_world, call
from tests.factories import EditionFactory
from tests.matchmaking.factories import make_confirmed

pytestmark = pytest.mark.integration

REQUESTS = "/api/v1/me/requests"


@pytest.fixture
def world(db):
    return build_matchmaking_world()


def _in_the_future(edition) -> None:
    """Move the (test) edition to 2099: its meetings are not over, so they can be called off."""
    Edition.objects.filter(pk=edition.pk).update(
        start_date=dt.date(2099, 5, 1), end_date=dt.date(2099, 5, 2)
    )


def _send(client, world, user, receiver, **body):
    return call(
        client,
        "POST",
        REQUESTS,
        world.users[user],
        {"edition": world.edition.pk, "receiver_id": receiver.pk, **body},
    )


def _act(client, world, user, request_id: int, action: str, body=None):
    return call(client, "POST", f"{REQUESTS}/{request_id}/{action}", world.users[user], body)


def test_sending_by_the_receivers_confirmation_id(client, world):
    response = _send(client, world, "valves", world.pumps, message="Hello", priority=1)

    assert response.status_code == 201
    body = response.json()
    assert (body["sender"]["organisation"], body["priority"], body["version"]) == (
        "Cangzhou Valves",
        1,
        1,
    )
    assert body["priority_label"] == "nice to meet"


def test_a_second_request_to_the_same_organisation_is_a_conflict(client, world):
    _send(client, world, "valves", world.pumps)

    again = _send(client, world, "valves", world.pumps)

    assert (again.status_code, again.json()) == (
        409,
        {"detail": "You already asked Gdansk Pumps to meet.", "field": None, "code": "duplicate"},
    )
    assert MeetingRequest.objects.count() == 1


def test_the_editions_limit_is_a_conflict_with_its_code(client, world):
    set_request_policy(RequestPolicy(edition=world.edition, max_open_requests=1))
    _send(client, world, "valves", world.pumps)

    response = _send(client, world, "valves", world.medical)

    assert (response.status_code, response.json()["code"]) == (409, "limit")


def test_asking_back_makes_the_request_mutual(client, world):
    first = _send(client, world, "valves", world.pumps).json()

    back = _send(client, world, "pumps", world.valves)

    assert (back.status_code, back.json()["id"], back.json()["is_mutual"]) == (
        201,
        first["id"],
        True,
    )
    assert back.json()["direction"] == "in"


def test_a_receiver_outside_the_edition_is_not_found(client, world):
    elsewhere = make_confirmed(EditionFactory(), name="Elsewhere Ltd")

    response = _send(client, world, "valves", elsewhere)
    by_organisation = call(
        client,
        "POST",
        REQUESTS,
        world.users["valves"],
        {
            "edition": world.edition.pk,
            "receiver_organisation_id": elsewhere.profile.organisation_id,
        },
    )

    assert (response.status_code, response.json()["field"]) == (404, "receiver_id")
    assert (by_organisation.status_code, by_organisation.json()["field"]) == (
        404,
        "receiver_organisation_id",
    )


def test_asking_oneself_is_refused(client, world):
    response = _send(client, world, "valves", world.valves)

    assert (response.status_code, response.json()["field"]) == (422, "receiver_id")


def test_the_sender_may_not_answer_its_own_request(client, world):
    request = _send(client, world, "valves", world.pumps).json()

    accept = _act(client, world, "valves", request["id"], "accept")
    decline = _act(client, world, "valves", request["id"], "decline")

    assert (accept.status_code, decline.status_code) == (403, 403)
    assert accept.json()["detail"] == "Only the organisation asked may answer this request."
    assert MeetingRequest.objects.get(pk=request["id"]).status == "open"


def test_the_receiver_may_not_withdraw_the_request(client, world):
    request = _send(client, world, "valves", world.pumps).json()

    response = _act(client, world, "pumps", request["id"], "withdraw")

    assert response.status_code == 403


@pytest.mark.parametrize("action", ["accept", "decline", "withdraw", "cancel"])
def test_a_third_organisation_is_told_the_request_does_not_exist(client, world, action):
    request = _send(client, world, "valves", world.pumps).json()

    response = _act(client, world, "medical", request["id"], action)

    assert (response.status_code, response.json()) == (404, {"detail": "Not found.", "field": None})
    assert MeetingRequest.objects.get(pk=request["id"]).status == "open"


def test_a_third_organisation_does_not_see_the_request_in_its_list(client, world):
    _send(client, world, "valves", world.pumps)

    response = call(client, "GET", REQUESTS, world.users["medical"])

    assert (response.status_code, response.json()) == (200, [])


def test_a_stale_version_is_refused_and_nothing_changes(client, world):
    request = _send(client, world, "valves", world.pumps).json()
    _act(client, world, "valves", request["id"], "withdraw")
    _send(client, world, "valves", world.medical)

    response = _act(client, world, "pumps", request["id"], "decline", {"version": 1})

    assert (response.status_code, response.json()["code"]) == (409, "conflict")
    assert MeetingRequest.objects.get(pk=request["id"]).status == "withdrawn"


def test_declining_with_a_reason_then_withdrawing_is_refused(client, world):
    request = _send(client, world, "valves", world.pumps).json()

    declined = _act(
        client, world, "pumps", request["id"], "decline", {"version": 1, "reason": " Not now "}
    )
    withdrawn = _act(client, world, "valves", request["id"], "withdraw")

    assert (declined.status_code, declined.json()["decline_reason"]) == (200, "Not now")
    assert (withdrawn.status_code, withdrawn.json()["code"]) == (409, "not_open")


def test_either_side_calls_off_an_accepted_meeting(client, world):
    _in_the_future(world.edition)
    request = _send(client, world, "valves", world.pumps).json()
    accepted = _act(client, world, "pumps", request["id"], "accept").json()

    cancelled = _act(client, world, "valves", request["id"], "cancel", {"version": 2})

    assert cancelled.status_code == 200, cancelled.content
    assert cancelled.json()["status"] == "cancelled"
    assert Meeting.objects.get(pk=accepted["meeting_id"]).status == Meeting.Status.CANCELLED


def test_the_list_filters_by_status_direction_and_edition(client, world):
    out = _send(client, world, "valves", world.pumps).json()
    received = _send(client, world, "medical", world.valves).json()
    _act(client, world, "pumps", out["id"], "accept")
    user = world.users["valves"]

    def ids(query: str) -> list[int]:
        return [row["id"] for row in call(client, "GET", f"{REQUESTS}?{query}", user).json()]

    assert ids("") == [received["id"], out["id"]]
    assert ids("direction=in") == [received["id"]]
    assert ids("status=accepted") == [out["id"]]
    assert ids(f"edition={world.edition.pk}&direction=out") == [out["id"]]
    assert ids("edition=999999") == []
    assert call(client, "GET", f"{REQUESTS}?status=lost", user).status_code == 422


def test_the_list_takes_as_many_queries_for_many_requests_as_for_one(
    client, world, django_assert_max_num_queries
):
    user = world.users["valves"]
    send_request(world.valves, receiver=world.pumps)
    with django_assert_max_num_queries(16) as few:
        assert len(call(client, "GET", REQUESTS, user).json()) == 1
    for n in range(5):
        other = make_confirmed(world.edition, name=f"Partner {n}")
        accept_request(send_request(other, receiver=world.valves))

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(call(client, "GET", REQUESTS, user).json()) == 6


def test_labels_come_in_the_requests_language(client, world):
    _send(client, world, "valves", world.pumps)

    response = call(
        client, "GET", REQUESTS, world.users["valves"], **{"Accept-Language": "zh-hans"}
    )

    assert response.json()[0]["status_label"] == "待接受"


# --- ratings -----------------------------------------------------------------------------------


def _met(world):
    """Valves and pumps met (the B2B session's slots are in 2024: the meeting is over)."""
    request = send_request(world.valves, receiver=world.pumps)
    return accept_request(request).meeting


def _rate(client, world, user, meeting_id: int, body):
    url = f"/api/v1/me/meetings/{meeting_id}/rating"
    return call(client, "PUT", url, world.users[user], body)


def test_a_party_rates_a_meeting_and_may_change_its_rating(client, world):
    meeting = _met(world)

    first = _rate(client, world, "valves", meeting.pk, {"value": "informative"})
    second = _rate(client, world, "valves", meeting.pk, {"value": "cooperation", "comment": " ok "})

    assert (first.status_code, second.status_code) == (200, 200)
    assert (second.json()["value"], second.json()["comment"]) == ("cooperation", "ok")
    assert second.json()["value_label"] == "cooperation possible"
    rating = MeetingRating.objects.get()
    assert (rating.rater, rating.value) == (world.valves, "cooperation")


def test_another_organisations_meeting_cannot_be_rated(client, world):
    meeting = _met(world)

    response = _rate(client, world, "medical", meeting.pk, {"value": "informative"})
    unknown = _rate(client, world, "medical", 999999, {"value": "informative"})

    assert (response.status_code, unknown.status_code) == (404, 404)
    assert not MeetingRating.objects.exists()


def test_a_called_off_meeting_that_is_over_cannot_be_called_off_again_nor_rated(client, world):
    request = send_request(world.valves, receiver=world.pumps)
    accept_request(request)

    response = _act(client, world, "valves", request.pk, "cancel")

    assert (response.status_code, response.json()["code"]) == (409, "is_over")


def test_a_cancelled_meeting_cannot_be_rated(client, world):
    _in_the_future(world.edition)
    request = send_request(world.valves, receiver=world.pumps)
    meeting = accept_request(request).meeting
    _act(client, world, "pumps", request.pk, "cancel")

    response = _rate(client, world, "valves", meeting.pk, {"value": "not_held"})

    assert (response.status_code, response.json()["code"]) == (409, "cancelled")


def test_an_unknown_rating_value_is_refused(client, world):
    meeting = _met(world)

    response = _rate(client, world, "valves", meeting.pk, {"value": "great"})

    assert (response.status_code, response.json()["field"]) == (422, "value")
