"""Organisers through the API: the opportunities waiting for moderation, publishing and
rejecting them, and the parties' ratings of the edition's meetings (organisers only)."""

import pytest

from smeforum.matchmaking.domain import (
    accept_request,
    rate_meeting,
    send_request,
    submit_opportunity,
)
from smeforum.matchmaking.models import Opportunity
from tests.api.matchmaking_world import build_matchmaking_world, call
from tests.matchmaking.factories import make_opportunity

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db):
    world = build_matchmaking_world()
    world.waiting = submit_opportunity(
        make_opportunity(world.valves.profile, edition=world.edition, title="Valves to sell")
    )
    make_opportunity(world.pumps.profile, edition=world.edition, title="A draft")
    return world


def _edition_url(world, tail: str) -> str:
    return f"/api/v1/editions/{world.edition.series.slug}/{world.edition.number}/{tail}"


def test_an_organiser_lists_publishes_and_rejects(client, world):
    organiser = world.users["organiser"]

    listed = call(client, "GET", _edition_url(world, "opportunities/moderation"), organiser)
    published = call(client, "POST", f"/api/v1/opportunities/{world.waiting.pk}/publish", organiser)
    no_reason = call(
        client, "POST", f"/api/v1/opportunities/{world.waiting.pk}/reject", organiser, {}
    )
    rejected = call(
        client,
        "POST",
        f"/api/v1/opportunities/{world.waiting.pk}/reject",
        organiser,
        {"note": "Name the valve sizes."},
    )

    assert [row["title"] for row in listed.json()] == ["Valves to sell"]
    assert (published.status_code, published.json()["status"]) == (200, "published")
    assert (no_reason.status_code, no_reason.json()["field"]) == (422, "moderation_note")
    assert (rejected.status_code, rejected.json()["moderation_note"]) == (
        200,
        "Name the valve sizes.",
    )
    assert Opportunity.objects.get(pk=world.waiting.pk).status == "rejected"


@pytest.mark.parametrize("who", ["valves", "programmer", "nobody"])
def test_anyone_else_gets_404(client, world, who):
    user = world.users[who]
    assert (
        call(client, "GET", _edition_url(world, "opportunities/moderation"), user).status_code
        == 404
    )
    assert (
        call(client, "POST", f"/api/v1/opportunities/{world.waiting.pk}/publish", user).status_code
        == 404
    )
    assert call(client, "GET", _edition_url(world, "matchmaking/ratings"), user).status_code == 404
    assert Opportunity.objects.get(pk=world.waiting.pk).status == "submitted"


def test_the_organiser_reads_every_partys_rating(client, world):
    meeting = accept_request(send_request(world.valves, receiver=world.pumps)).meeting
    rate_meeting(meeting, rater=world.valves, value="cooperation", comment="Samples soon")
    rate_meeting(meeting, rater=world.pumps, value="informative")

    rows = call(client, "GET", _edition_url(world, "matchmaking/ratings"), world.users["organiser"])

    assert [
        (r["meeting_id"], r["organisation"], r["value"], r["value_label"], r["comment"])
        for r in rows.json()
    ] == [
        (
            meeting.pk,
            "Cangzhou Valves",
            "cooperation",
            "cooperation possible",
            "Samples soon",
        ),
        (meeting.pk, "Gdansk Pumps", "informative", "informative, no cooperation planned", ""),
    ]
