"""The organisers' overview of an edition's meeting requests: ``request_overview`` (the
numbers the back office shows too) and its API resource, for organisers with the matchmaking
permission only."""

from decimal import Decimal

import pytest

from smeforum.matchmaking.domain import (
    accept_request,
    decline_request,
    send_request,
    set_request_policy,
)
from smeforum.matchmaking.models import RequestPolicy
from smeforum.matchmaking.overview import acceptance_rate, request_overview
from tests.api.matchmaking_world import build_matchmaking_world, call
from tests.factories import EditionFactory
from tests.matchmaking.factories import make_confirmed

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db):
    world = build_matchmaking_world()
    set_request_policy(RequestPolicy(edition=world.edition, max_meetings=2))
    # valves asks everyone: pumps accepts, medical declines; pumps asks medical (open).
    accept_request(send_request(world.valves, receiver=world.pumps))
    decline_request(send_request(world.valves, receiver=world.medical))
    send_request(world.pumps, receiver=world.medical)
    return world


def _row(name: str, **values) -> dict:
    keys = ("sent", "received", "accepted", "declined", "open", "meetings")
    return (
        {"organisation": name}
        | dict(zip(keys, values["n"], strict=True))
        | {
            "acceptance_rate": values["rate"],
            "max_meetings": 2,
            "agenda_full": values.get("full", False),
        }
    )


def _strip(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in {"organisation_id", "country"}}


def test_request_overview_counts_per_organisation(world):
    rows = request_overview(world.edition)

    assert [_strip(r) for r in rows] == [
        _row("Cangzhou Valves", n=(2, 0, 0, 0, 0, 1), rate=None),
        _row("Gdansk Pumps", n=(1, 1, 1, 0, 0, 1), rate=Decimal("1.00")),
        _row("Pecs Medical", n=(0, 2, 0, 1, 1, 0), rate=Decimal("0.00")),
    ]
    assert (rows[0]["organisation_id"], rows[0]["country"]) == (
        world.valves.profile.organisation_id,
        "CN",
    )


def test_a_full_agenda_is_flagged(world):
    other = make_confirmed(world.edition, name="Zagreb Optics", country="HR")
    accept_request(send_request(other, receiver=world.pumps))

    rows = {r["organisation"]: r for r in request_overview(world.edition)}

    assert (rows["Gdansk Pumps"]["meetings"], rows["Gdansk Pumps"]["agenda_full"]) == (2, True)
    assert rows["Cangzhou Valves"]["agenda_full"] is False


def test_without_rules_there_is_no_limit_and_no_full_agenda(db):
    edition = EditionFactory()
    first = make_confirmed(edition, name="A")
    accept_request(send_request(first, receiver=make_confirmed(edition, name="B")))

    rows = request_overview(edition)

    assert [(r["meetings"], r["max_meetings"], r["agenda_full"]) for r in rows] == [
        (1, None, False),
        (1, None, False),
    ]


def test_acceptance_rate_rounds_to_two_places():
    assert (acceptance_rate(2, 1), acceptance_rate(0, 0), acceptance_rate(1, 0)) == (
        Decimal("0.67"),
        None,
        Decimal("1.00"),
    )


def _url(world) -> str:
    return (
        f"/api/v1/editions/{world.edition.series.slug}/{world.edition.number}/matchmaking/overview"
    )


def test_an_organiser_with_matchmaking_reads_the_overview(client, world):
    response = call(client, "GET", _url(world), world.users["organiser"])

    assert response.status_code == 200
    body = response.json()
    assert (body["edition_id"], len(body["organisations"])) == (world.edition.pk, 3)
    assert body["organisations"][2] | {"organisation_id": 0} == {
        "organisation_id": 0,
        "organisation": "Pecs Medical",
        "country": "HU",
        "sent": 0,
        "received": 2,
        "accepted": 0,
        "declined": 1,
        "open": 1,
        "acceptance_rate": "0.00",
        "meetings": 0,
        "max_meetings": 2,
        "agenda_full": False,
    }


@pytest.mark.parametrize("user", ["programmer", "valves", "nobody"])
def test_others_are_told_it_does_not_exist(client, world, user):
    response = call(client, "GET", _url(world), world.users[user])

    assert response.status_code == 404


def test_anonymous_callers_get_401(client, world):
    assert client.get(_url(world)).status_code == 401


def test_the_overview_takes_as_many_queries_for_many_organisations(
    client, world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16) as few:
        call(client, "GET", _url(world), world.users["organiser"])
    for n in range(4):
        other = make_confirmed(world.edition, name=f"Partner {n}")
        send_request(other, receiver=world.valves)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = call(client, "GET", _url(world), world.users["organiser"])

    assert len(response.json()["organisations"]) == 7
