"""The organisation's opportunities through the API (write, submit, withdraw; another
organisation's are 404) and an edition's public marketplace (only published, unexpired
opportunities; filters; pages; a steady number of queries)."""

import datetime as dt

import pytest

from smeforum.matchmaking.models import Opportunity
from tests.api.matchmaking_world import build_matchmaking_world, call
from tests.factories import EditionFactory
from tests.matchmaking.factories import make_opportunity, make_published

pytestmark = pytest.mark.integration

MINE = "/api/v1/me/opportunities"


@pytest.fixture
def world(db):
    return build_matchmaking_world()


def _body(world, **fields) -> dict:
    body = {
        "kind": "technology_offer",
        "title": "Valve sealing technology",
        "language": "en",
        "edition_id": world.edition.pk,
        "sectors": ["28"],
        "partnerships": ["licensing"],
        "target_countries": ["pl"],
        "technology_readiness": 7,
    }
    return body | fields


def test_an_opportunity_is_written_submitted_and_withdrawn(client, world):
    valves = world.users["valves"]
    created = call(client, "POST", MINE, valves, _body(world))
    assert created.status_code == 201, created.content
    opportunity = created.json()
    assert (opportunity["status"], opportunity["edition"], opportunity["target_countries"]) == (
        "draft",
        world.edition.number,
        ["PL"],
    )
    url = f"{MINE}/{opportunity['id']}"

    changed = call(
        client, "PUT", url, valves, _body(world, title="Sealing", version=opportunity["version"])
    )
    submitted = call(
        client, "POST", f"{url}/submit", valves, {"version": changed.json()["version"]}
    )
    again = call(client, "POST", f"{url}/submit", valves)
    withdrawn = call(client, "POST", f"{url}/withdraw", valves)

    assert (changed.status_code, changed.json()["title"]) == (200, "Sealing")
    assert (submitted.status_code, submitted.json()["status"]) == (200, "submitted")
    assert (again.status_code, again.json()["code"]) == (409, "wrong_status")
    assert (withdrawn.status_code, withdrawn.json()["status"]) == (200, "withdrawn")
    listed = call(client, "GET", MINE, valves).json()
    assert [(o["id"], o["status"]) for o in listed] == [(opportunity["id"], "withdrawn")]


def test_changing_a_published_opportunity_sends_it_back_to_the_organisers(client, world):
    published = make_published(world.valves.profile, edition=world.edition)
    url = f"{MINE}/{published.pk}"
    read = call(client, "GET", url, world.users["valves"]).json()

    response = call(
        client, "PUT", url, world.users["valves"], _body(world, version=read["version"])
    )

    assert (response.status_code, response.json()["status"]) == (200, "submitted")


def test_a_stale_version_is_refused(client, world):
    opportunity = make_opportunity(world.valves.profile, edition=world.edition)
    url = f"{MINE}/{opportunity.pk}"
    version = call(client, "GET", url, world.users["valves"]).json()["version"]
    call(client, "PUT", url, world.users["valves"], _body(world, title="First"))

    response = call(client, "PUT", url, world.users["valves"], _body(world, version=version))

    assert (response.status_code, response.json()["code"]) == (409, "conflict")
    assert Opportunity.objects.get(pk=opportunity.pk).title == "First"


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "", False),
        ("PUT", "", True),
        ("POST", "/submit", False),
        ("POST", "/withdraw", False),
    ],
)
def test_another_organisations_opportunity_does_not_exist(client, world, method, suffix, body):
    theirs = make_opportunity(world.pumps.profile, edition=world.edition)

    response = call(
        client,
        method,
        f"{MINE}/{theirs.pk}{suffix}",
        world.users["valves"],
        _body(world) if body else None,
    )

    assert (response.status_code, response.json()) == (404, {"detail": "Not found.", "field": None})
    assert Opportunity.objects.get(pk=theirs.pk).status == "draft"


def test_an_evergreen_opportunity_names_its_series_and_an_unknown_edition_is_404(client, world):
    valves = world.users["valves"]

    evergreen = call(
        client,
        "POST",
        MINE,
        valves,
        _body(world, edition_id=None, series=world.edition.series.slug),
    )
    no_series = call(client, "POST", MINE, valves, _body(world, edition_id=None))
    unpublished = EditionFactory(is_published=False)
    hidden = call(client, "POST", MINE, valves, _body(world, edition_id=unpublished.pk))

    assert (evergreen.status_code, evergreen.json()["edition_id"]) == (201, None)
    assert (no_series.status_code, no_series.json()["field"]) == (422, "series")
    assert (hidden.status_code, hidden.json()["field"]) == (404, "edition_id")


def test_the_domain_checks_the_readiness_level_for_the_kind(client, world):
    response = call(
        client, "POST", MINE, world.users["valves"], _body(world, kind="business_offer")
    )

    assert (response.status_code, response.json()["field"]) == (422, "technology_readiness")


def test_kind_labels_come_in_the_requests_language(client, world):
    make_opportunity(world.valves.profile, edition=world.edition)

    response = call(client, "GET", MINE, world.users["valves"], **{"Accept-Language": "zh-hans"})

    assert [(o["kind_label"], o["status_label"]) for o in response.json()] == [
        ("商务合作供给", "草稿")
    ]


# --- the public marketplace ----------------------------------------------------------------


def _market(world, query: str = "") -> str:
    edition = world.edition
    return f"/api/v1/editions/{edition.series.slug}/{edition.number}/opportunities{query}"


def test_the_marketplace_shows_only_published_unexpired_opportunities(client, world):
    shown = make_published(world.valves.profile, edition=world.edition, title="Valves")
    make_opportunity(world.pumps.profile, edition=world.edition, title="Draft pumps")
    withdrawn = make_published(world.pumps.profile, edition=world.edition, title="Old pumps")
    withdrawn.status = Opportunity.Status.WITHDRAWN
    withdrawn.save(update_fields=["status"])
    make_published(
        world.medical.profile,
        edition=world.edition,
        title="Expired scanners",
        expires_on=dt.date(2020, 1, 1),
    )
    make_published(world.medical.profile, edition=EditionFactory(), title="Elsewhere")

    response = client.get(_market(world))

    assert response.status_code == 200
    assert response.json()["count"] == 1
    row = response.json()["items"][0]
    assert (row["id"], row["organisation"], row["country"], row["kind_label"]) == (
        shown.pk,
        "Cangzhou Valves",
        "CN",
        "business offer",
    )
    assert "moderation_note" not in row
    assert "status" not in row


def test_the_marketplace_filters(client, world):
    make_published(world.valves.profile, edition=world.edition, title="Valves", sectors=("28",))
    make_published(
        world.pumps.profile,
        edition=world.edition,
        title="Pumps wanted",
        kind=Opportunity.Kind.BUSINESS_REQUEST,
        sectors=("C",),
    )

    def titles(query: str) -> list[str]:
        return [row["title"] for row in client.get(_market(world, query)).json()["items"]]

    assert titles("?q=pumps") == ["Pumps wanted"]
    assert titles("?kind=business_request") == ["Pumps wanted"]
    assert titles("?country=cn") == ["Valves"]
    assert titles("?sector=28") == ["Valves"]
    assert titles("?q=nothing-like-it") == []


def test_an_unpublished_edition_has_no_marketplace(client, world):
    edition = EditionFactory(is_published=False)

    response = client.get(f"/api/v1/editions/{edition.series.slug}/{edition.number}/opportunities")

    assert response.status_code == 404


def test_the_marketplace_pages_with_a_steady_number_of_queries(
    client, world, django_assert_max_num_queries
):
    make_published(world.valves.profile, edition=world.edition)
    with django_assert_max_num_queries(6) as few:
        assert client.get(_market(world)).json()["count"] == 1
    for n in range(5):
        make_published(world.pumps.profile, edition=world.edition, title=f"Pumps {n}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(_market(world, "?page_size=4&page=2")).json()

    assert (page["count"], len(page["items"])) == (6, 2)


def test_my_opportunities_take_a_steady_number_of_queries(
    client, world, django_assert_max_num_queries
):
    make_opportunity(world.valves.profile, edition=world.edition)
    with django_assert_max_num_queries(16) as few:
        assert len(call(client, "GET", MINE, world.users["valves"]).json()) == 1
    for n in range(4):
        make_opportunity(world.valves.profile, edition=world.edition, title=f"More {n}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(call(client, "GET", MINE, world.users["valves"]).json()) == 5
