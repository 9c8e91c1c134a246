"""The participant's matchmaking through the API only: the profile, recommendations, a meeting
request accepted by the other side, and the scheduler's meeting it becomes; the OpenAPI
schema lists the new operations."""

import pytest

from smeforum.matchmaking.models import Profile
from smeforum.scheduling.models import Meeting
from tests.api.matchmaking_world import build_matchmaking_world, call
from tests.factories import EditionFactory

pytestmark = pytest.mark.integration

PROFILE = "/api/v1/me/matchmaking/profile"


@pytest.fixture
def world(db):
    return build_matchmaking_world()


def test_profile_to_recommendations_to_request_to_meeting(
    client, world, django_capture_on_commit_callbacks
):
    valves, pumps = world.users["valves"], world.users["pumps"]
    profile = call(client, "GET", PROFILE, valves).json()
    assert (profile["organisation"], profile["sectors"], profile["editions"][0]["edition_id"]) == (
        "Cangzhou Valves",
        ["C"],
        world.edition.pk,
    )
    body = {
        "description_original": "We make valves for pipelines.",
        "description_language": "en",
        "sectors": ["28"],
        "countries_of_interest": ["pl"],
        "languages": ["ZH", "en"],
        "version": profile["version"],
    }
    saved = call(client, "PUT", PROFILE, valves, body)
    assert saved.status_code == 200, saved.content
    assert (saved.json()["sectors"], saved.json()["countries_of_interest"]) == (["28"], ["PL"])
    assert saved.json()["languages"] == ["zh", "en"]
    assert saved.json()["version"] != profile["version"]

    found = call(client, "GET", f"/api/v1/me/recommendations?edition={world.edition.pk}", valves)
    assert found.status_code == 200
    names = [row["organisation"] for row in found.json()["organisations"]]
    assert "Gdansk Pumps" in names
    pumps_row = next(
        r for r in found.json()["organisations"] if r["organisation"] == "Gdansk Pumps"
    )
    assert pumps_row["reasons"]
    assert pumps_row["profile_edition_id"] == world.pumps.pk

    with django_capture_on_commit_callbacks(execute=True):
        sent = call(
            client,
            "POST",
            "/api/v1/me/requests",
            valves,
            {
                "edition": world.edition.pk,
                "receiver_organisation_id": pumps_row["organisation_id"],
                "message": "Valves for your pumps?",
                "priority": 3,
            },
        )
    assert sent.status_code == 201, sent.content
    request = sent.json()
    assert (request["direction"], request["status"], request["receiver"]["organisation"]) == (
        "out",
        "open",
        "Gdansk Pumps",
    )

    inbox = call(client, "GET", "/api/v1/me/requests?direction=in", pumps).json()
    assert [(r["id"], r["direction"], r["message"]) for r in inbox] == [
        (request["id"], "in", "Valves for your pumps?")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        accepted = call(
            client,
            "POST",
            f"/api/v1/me/requests/{request['id']}/accept",
            pumps,
            {"version": inbox[0]["version"]},
        )
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status"] == "accepted"
    meeting = Meeting.objects.get(pk=accepted.json()["meeting_id"])
    assert (meeting.b2b_id, meeting.weight, meeting.status) == (
        world.b2b.pk,
        3,
        Meeting.Status.ACCEPTED,
    )
    parties = sorted(
        p.attendee.registration.person.organisation.name for p in meeting.parties.all()
    )
    assert parties == ["Cangzhou Valves", "Gdansk Pumps"]
    mine = call(client, "GET", "/api/v1/me/requests", valves).json()
    assert [(r["status"], r["meeting_id"]) for r in mine] == [("accepted", meeting.pk)]


def test_a_stale_profile_version_is_refused_with_409(client, world):
    valves = world.users["valves"]
    old = call(client, "GET", PROFILE, valves).json()["version"]
    call(client, "PUT", PROFILE, valves, {"description_en": "First", "version": old})

    response = call(client, "PUT", PROFILE, valves, {"description_en": "Second", "version": old})

    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert Profile.objects.get(organisation__name="Cangzhou Valves").description_en == "First"


def test_the_profile_is_checked_by_the_domain(client, world):
    response = call(
        client,
        "PUT",
        PROFILE,
        world.users["valves"],
        {"description_original": "阀门", "sectors": ["C", "ZZ"]},
    )

    assert (response.status_code, response.json()) == (
        422,
        {"detail": "Unknown NACE code: ZZ.", "field": "sectors", "code": "invalid"},
    )


def test_the_first_put_makes_the_profile(client, world):
    organisation = world.valves.profile.organisation
    world.valves.profile.delete()

    missing = call(client, "GET", PROFILE, world.users["valves"])
    made = call(client, "PUT", PROFILE, world.users["valves"], {"sectors": ["C"]})

    assert (missing.status_code, made.status_code) == (404, 200)
    assert Profile.objects.filter(organisation=organisation).count() == 1


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", PROFILE),
        ("PUT", PROFILE),
        ("GET", "/api/v1/me/opportunities"),
        ("GET", "/api/v1/me/requests"),
        ("GET", "/api/v1/me/recommendations"),
    ],
)
def test_a_caller_linked_to_no_person_gets_404(client, world, method, url):
    response = call(client, method, url, world.users["nobody"], {} if method == "PUT" else None)

    assert (response.status_code, response.json()["detail"]) == (
        404,
        "No person is linked to this account.",
    )


@pytest.mark.parametrize("url", [PROFILE, "/api/v1/me/requests", "/api/v1/me/opportunities"])
def test_anonymous_callers_get_401(client, world, url):
    assert client.get(url).status_code == 401


def test_recommendations_for_an_edition_the_profile_is_not_confirmed_for(client, world):
    other = EditionFactory(series=world.edition.series)

    response = call(
        client, "GET", f"/api/v1/me/recommendations?edition={other.pk}", world.users["valves"]
    )

    assert response.status_code == 422
    assert response.json()["field"] == "edition"
    assert "has no matchmaking profile confirmed for" in response.json()["detail"]
    unknown = call(
        client, "GET", "/api/v1/me/recommendations?edition=999999", world.users["valves"]
    )
    assert unknown.status_code == 404


def test_recommendations_default_to_the_latest_confirmed_edition_and_speak_chinese(client, world):
    response = call(
        client,
        "GET",
        "/api/v1/me/recommendations?top=1",
        world.users["valves"],
        **{"Accept-Language": "zh-hans"},
    )

    body = response.json()
    assert (response.status_code, body["edition_id"], len(body["organisations"])) == (
        200,
        world.edition.pk,
        1,
    )
    reasons = " ".join(body["organisations"][0]["reasons"])
    assert "中国—中东欧合作" in reasons or "同一行业" in reasons


def test_the_openapi_schema_lists_the_matchmaking_operations(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    expected = {
        "/api/v1/me/matchmaking/profile": {"get", "put"},
        "/api/v1/me/opportunities": {"get", "post"},
        "/api/v1/me/opportunities/{opportunity_id}": {"get", "put"},
        "/api/v1/me/opportunities/{opportunity_id}/submit": {"post"},
        "/api/v1/me/opportunities/{opportunity_id}/withdraw": {"post"},
        "/api/v1/me/recommendations": {"get"},
        "/api/v1/me/requests": {"get", "post"},
        "/api/v1/me/requests/{request_id}/accept": {"post"},
        "/api/v1/me/requests/{request_id}/decline": {"post"},
        "/api/v1/me/requests/{request_id}/withdraw": {"post"},
        "/api/v1/me/requests/{request_id}/cancel": {"post"},
        "/api/v1/me/meetings/{meeting_id}/rating": {"put"},
        "/api/v1/editions/{series}/{number}/opportunities": {"get"},
        "/api/v1/editions/{series}/{number}/matchmaking/overview": {"get"},
    }
    assert {path: set(paths.get(path, {})) for path in expected} == expected
