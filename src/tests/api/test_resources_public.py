"""Public read-only resources: exact JSON, filters, pagination, ordering, unpublished data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smeforum.audit.domain import snapshot_token
from smeforum.outcomes.models import OutcomeParty
from smeforum.reference.models import CooperationField, Sector
from tests.api.public_world import build_public_world
from tests.factories import (
    CityFactory,
    EditionFactory,
    OrganisationFactory,
    ReportedFigureFactory,
    SessionFactory,
    SessionRoleFactory,
    SessionTopicFactory,
)
from tests.reporting.factories import AmountFactory, OutcomeFactory

pytestmark = pytest.mark.integration

SOURCE = {
    "publisher": "Xinhua",
    "published_on": "2024-11-08",
    "url": "https://example.org/xinhua",
    "language": "zh",
}
ERROR_404 = {"detail": "Not found.", "field": None}


@pytest.fixture
def world(db):
    return build_public_world()


def _json(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def _items(client, url: str) -> list:
    return _json(client, url)["items"]


# countries


def test_countries_paginate_all_iso_countries(client, db):
    body = _json(client, "/api/v1/countries?page=2&page_size=2")

    assert body == {
        "items": [
            {"code": "AF", "alpha3": "AFG", "name_en": "Afghanistan", "name_zh": "阿富汗"},
            {
                "code": "AG",
                "alpha3": "ATG",
                "name_en": "Antigua and Barbuda",
                "name_zh": "安提瓜和巴布达",
            },
        ],
        "count": 249,
    }


def test_countries_default_page_has_fifty_and_page_size_is_capped(client, db):
    assert len(_items(client, "/api/v1/countries")) == 50
    assert len(_items(client, "/api/v1/countries?page_size=200")) == 200
    assert _json(client, "/api/v1/countries?page_size=201", 422)["field"] == "page_size"


def test_countries_by_role_count_only_published_editions(client, world):
    assert _json(client, "/api/v1/countries?role=member") == {
        "items": [{"code": "PL", "alpha3": "POL", "name_en": "Poland", "name_zh": "波兰"}],
        "count": 1,
    }
    # Hungary observes only the unpublished edition.
    assert _json(client, "/api/v1/countries?role=observer") == {"items": [], "count": 0}


def test_country_detail_lists_published_roles(client, world):
    assert _json(client, "/api/v1/countries/pl") == {
        "code": "PL",
        "alpha3": "POL",
        "name_en": "Poland",
        "name_zh": "波兰",
        "roles": [{"series": "sme", "edition": 6, "role": "member"}],
    }
    assert _json(client, "/api/v1/countries/HU")["roles"] == []
    assert _json(client, "/api/v1/countries/XX", 404) == ERROR_404


# cities


def test_cities_exact_json_filters_and_ordering(client, world):
    warsaw = {
        "id": world.warsaw.id,
        "name": "Warsaw",
        "name_zh": "华沙",
        "country": "PL",
        "region": "Masovia",
        "population": 1800000,
        "time_zone": "Europe/Warsaw",
    }
    cangzhou = {
        "id": world.cangzhou.id,
        "name": "Cangzhou",
        "name_zh": "沧州",
        "country": "CN",
        "region": "",
        "population": None,
        "time_zone": "Asia/Shanghai",
    }
    assert _json(client, "/api/v1/cities") == {"items": [cangzhou, warsaw], "count": 2}
    assert _items(client, "/api/v1/cities?ordering=-population") == [warsaw, cangzhou]
    assert _items(client, "/api/v1/cities?country=pl") == [warsaw]
    assert _items(client, "/api/v1/cities?q=angz") == [cangzhou]
    assert _json(client, f"/api/v1/cities/{world.warsaw.id}") == warsaw
    assert _json(client, "/api/v1/cities/999999", 404) == ERROR_404
    assert _json(client, "/api/v1/cities?ordering=id", 422)["field"] == "ordering"


# organisations


def test_organisations_exact_json_and_filters(client, world):
    alpha = {
        "id": world.alpha.id,
        "name": "Alpha Sp. z o.o.",
        "name_en": "Alpha Ltd",
        "kind": "enterprise",
        "country": "PL",
        "city": "Warsaw",
        "size_class": "",
        "sectors": ["26"],
        "website": "",
        "description": "",
        "is_sample": False,
    }
    beta = {
        "id": world.beta.id,
        "name": "Beta Co",
        "name_en": "Beta Co",
        "kind": "university",
        "country": "CN",
        "city": None,
        "size_class": "",
        "sectors": [],
        "website": "",
        "description": "",
        "is_sample": True,
    }
    assert _json(client, "/api/v1/organisations") == {"items": [alpha, beta], "count": 2}
    assert _items(client, "/api/v1/organisations?ordering=-name") == [beta, alpha]
    assert _items(client, "/api/v1/organisations?country=PL") == [alpha]
    assert _items(client, "/api/v1/organisations?kind=university") == [beta]
    assert _items(client, "/api/v1/organisations?sector=26") == [alpha]
    assert _items(client, "/api/v1/organisations?is_sample=true") == [beta]
    assert _items(client, "/api/v1/organisations?q=alpha ltd") == [alpha]
    assert _json(client, f"/api/v1/organisations/{world.alpha.id}") == alpha
    assert _json(client, "/api/v1/organisations/999999", 404) == ERROR_404


def test_organisation_never_shows_its_people(client, world):
    body = client.get(f"/api/v1/organisations/{world.alpha.id}").content.decode()

    assert "Kowalski" not in body
    assert "@example.org" not in body


# sessions


def test_sessions_of_a_published_edition(client, world):
    session = {
        "id": world.session.id,
        "series": "sme",
        "edition": 6,
        "kind": "opening",
        "title_en": "Opening ceremony",
        "title_zh": "开幕式",
        "day": "2024-11-07",
        "starts_at": None,
        "ends_at": None,
        "room": "Hall A",
        "description_en": "",
        "description_zh": "",
        "topics": ["Trade"],
        "speakers": [
            {
                "person": "Jan Kowalski",
                "organisation": "Alpha Ltd",
                "role": "speaker",
                "talk_title_en": "Welcome",
            }
        ],
        "is_sample": False,
        "version": snapshot_token(world.session),
    }
    assert _json(client, "/api/v1/editions/sme/6/sessions") == {"items": [session], "count": 1}
    assert _json(client, f"/api/v1/sessions/{world.session.id}") == session


def test_sessions_of_an_unpublished_edition_are_not_found(client, world):
    assert _json(client, "/api/v1/editions/sme/7/sessions", 404) == ERROR_404
    assert _json(client, "/api/v1/editions/nope/6/sessions", 404) == ERROR_404
    assert _json(client, f"/api/v1/sessions/{world.hidden_session.id}", 404) == ERROR_404


# figures


def test_figures_as_reported_with_scope_and_source(client, world):
    series_wide = {
        "id": world.series_figure.id,
        "series": "sme",
        "metric": "amount",
        "outcome_kind": None,
        "qualifier": "over",
        "value": "1000000.0000",
        "currency": "CNY",
        "first_edition": None,
        "last_edition": None,
        "session": None,
        "part_en": "contracts",
        "part_zh": "",
        "converted_from": "",
        "part_of": None,
        "conversion_of": None,
        "external_id": "",
        "note_en": "",
        "note_zh": "",
        "source": SOURCE,
    }
    edition_six = {
        "id": world.figure.id,
        "series": "sme",
        "metric": "participants",
        "outcome_kind": None,
        "qualifier": "nearly",
        "value": "400.0000",
        "currency": "",
        "first_edition": 6,
        "last_edition": 6,
        "session": None,
        "part_en": "",
        "part_zh": "",
        "converted_from": "",
        "part_of": None,
        "conversion_of": None,
        "external_id": "",
        "note_en": "",
        "note_zh": "",
        "source": SOURCE,
    }
    # The figure about the unpublished edition 7 is left out.
    assert _json(client, "/api/v1/series/sme/figures") == {
        "items": [series_wide, edition_six],
        "count": 2,
    }
    assert _items(client, "/api/v1/series/sme/figures?metric=amount") == [series_wide]
    assert _items(client, "/api/v1/series/sme/figures?edition_from=6&edition_to=6") == [edition_six]
    assert _items(client, "/api/v1/series/sme/figures?edition_from=7") == []
    assert _json(client, "/api/v1/series/nope/figures", 404) == ERROR_404
    assert _json(client, f"/api/v1/figures/{world.figure.id}") == edition_six
    assert _json(client, f"/api/v1/figures/{world.hidden_figure.id}", 404) == ERROR_404


# outcomes


def _outcome_a(world) -> dict:
    return {
        "id": world.outcome.id,
        "series": "sme",
        "edition": 6,
        "session": None,
        "kind": "cooperation_project",
        "title": "合作项目 A",
        "title_en": "Project A",
        "signed_on": "2024-11-07",
        "status": "signed",
        "fields": [world.field.slug],
        "amounts": [{"amount": "1500000.00", "currency": "CNY", "kind": "contractual"}],
        "parties": [
            {
                "name": "Alpha Ltd",
                "organisation_id": world.alpha.id,
                "city_id": None,
                "country": "PL",
                "role": "party",
            },
            {
                "name": "Cangzhou",
                "organisation_id": None,
                "city_id": world.cangzhou.id,
                "country": "CN",
                "role": "chinese_party",
            },
        ],
        "meetings": [],
        "is_sample": False,
        "version": snapshot_token(world.outcome),
    }


def _outcome_b(world) -> dict:
    return {
        "id": world.between.id,
        "series": "sme",
        "edition": None,
        "session": None,
        "kind": "memorandum",
        "title": "合作项目 B",
        "title_en": "Project B",
        "signed_on": "2023-05-01",
        "status": "completed",
        "fields": [],
        "amounts": [],
        "parties": [
            {
                "name": "Ministry of Economy",
                "organisation_id": None,
                "city_id": None,
                "country": "HU",
                "role": "party",
            }
        ],
        "meetings": [],
        "is_sample": False,
        "version": snapshot_token(world.between),
    }


def test_outcomes_exact_json_and_ordering(client, world):
    a, b = _outcome_a(world), _outcome_b(world)

    # The outcome of the unpublished edition 7 is left out.
    assert _json(client, "/api/v1/series/sme/outcomes") == {"items": [b, a], "count": 2}
    assert _items(client, "/api/v1/series/sme/outcomes?ordering=-signed_on") == [a, b]
    assert _json(client, f"/api/v1/outcomes/{world.outcome.id}") == a


def test_outcome_filters(client, world):
    a, b = _outcome_a(world), _outcome_b(world)
    url = "/api/v1/series/sme/outcomes"

    assert _items(client, f"{url}?edition=6") == [a]
    assert _items(client, f"{url}?edition=7") == []
    assert _items(client, f"{url}?kind=memorandum") == [b]
    assert _items(client, f"{url}?status=signed") == [a]
    assert _items(client, f"{url}?field={world.field.slug}") == [a]
    assert _items(client, f"{url}?country=hu") == [b]
    assert _items(client, f"{url}?country=CN") == [a]


def test_outcomes_of_unpublished_editions_are_not_found(client, world):
    assert _json(client, f"/api/v1/outcomes/{world.hidden_outcome.id}", 404) == ERROR_404
    assert _json(client, "/api/v1/series/nope/outcomes", 404) == ERROR_404


def test_outcomes_paginate(client, world):
    body = _json(client, "/api/v1/series/sme/outcomes?page=2&page_size=1")

    assert body == {"items": [_outcome_a(world)], "count": 2}


# N+1: the number of queries does not grow with the number of rows


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _same_queries_for_one_and_three(client, url: str, make_one) -> None:
    make_one()
    one = _queries(client, url)
    make_one()
    make_one()
    three = _queries(client, url)
    assert len(_items(client, url)) == 3
    assert three == one


_counter = iter(range(1000))


def org_count() -> int:
    return next(_counter)


def test_cities_are_n_plus_one_safe(client, db):
    names = iter(["Brno", "Gdansk", "Pecs"])
    _same_queries_for_one_and_three(client, "/api/v1/cities", lambda: CityFactory(name=next(names)))


def test_organisations_are_n_plus_one_safe(client, db):
    def make():
        org = OrganisationFactory(city=CityFactory(name=f"City {org_count()}"))
        org.sectors.set(Sector.objects.filter(code__in=["26", "28"]))

    _same_queries_for_one_and_three(client, "/api/v1/organisations", make)


def test_sessions_are_n_plus_one_safe(client, db):
    edition = EditionFactory(number=1, series__slug="n1")

    def make():
        session = SessionFactory(edition=edition)
        SessionTopicFactory(session=session)
        SessionRoleFactory(session=session)

    _same_queries_for_one_and_three(client, "/api/v1/editions/n1/1/sessions", make)


def test_figures_are_n_plus_one_safe(client, db):
    edition = EditionFactory(number=1, series__slug="n1")

    def make():
        ReportedFigureFactory(series=edition.series, first_edition=edition, last_edition=edition)

    _same_queries_for_one_and_three(client, "/api/v1/series/n1/figures", make)


def test_outcomes_are_n_plus_one_safe(client, db):
    edition = EditionFactory(number=1, series__slug="n1")
    field = CooperationField.objects.order_by("slug").first()

    def make():
        outcome = OutcomeFactory(series=edition.series, edition=edition)
        outcome.fields.set([field])
        AmountFactory(outcome=outcome)
        org = OrganisationFactory(city=CityFactory(name=f"City {org_count()}"))
        OutcomeParty.objects.create(outcome=outcome, organisation=org, country="PL")
        OutcomeParty.objects.create(outcome=outcome, city=org.city, country="CN")

    _same_queries_for_one_and_three(client, "/api/v1/series/n1/outcomes", make)
