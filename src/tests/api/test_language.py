"""The whole API answers in the request's language (``Accept-Language``: ``en`` or
``zh-hans``), refusals and errors included, not only the scheduling resources."""

import json

import pytest

from smeforum.accounts.domain.tokens import create_api_token
from tests.accounts.world import build_world

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db):
    return build_world()


def _record_outcome(client, world, user, *, scope="write", **headers):
    token = create_api_token(user, scope=scope)[1]
    return client.post(
        f"/api/v1/series/{world.edition.series.slug}/outcomes",
        data=json.dumps({"kind": "x", "title": "A project"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", **headers},
    )


@pytest.mark.parametrize(
    ("language", "detail"),
    [("zh-hans", "您无权在此记录成果。"), ("en", "You may not record outcomes here.")],
)
def test_an_older_route_refuses_in_the_requested_language(client, world, language, detail):
    response = _record_outcome(
        client, world, world.users["participant"], **{"Accept-Language": language}
    )

    assert (response.status_code, response.json()) == (403, {"detail": detail, "field": None})


def test_an_authentication_refusal_is_worded_in_the_requested_language_too(client, world):
    response = _record_outcome(
        client, world, world.users["participant"], scope="read", **{"Accept-Language": "zh-hans"}
    )

    assert (response.status_code, response.json()["detail"]) == (
        403,
        "此令牌仅可读取；写入需要具有写入范围的令牌。",
    )


def test_without_a_language_the_answer_is_in_english(client, world):
    response = _record_outcome(client, world, world.users["participant"])

    assert response.json()["detail"] == "You may not record outcomes here."
