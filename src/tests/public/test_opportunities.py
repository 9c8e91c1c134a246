"""The public marketplace of an edition's cooperation opportunities: what it lists (published,
unexpired, of the edition or evergreen of a profile confirmed for it), its filters, one
opportunity's page and its 404s, query counts and escaping."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from smeforum.matchmaking.domain import (
    confirm_profile_for_edition,
    publish_opportunity,
    reject_opportunity,
    save_opportunity,
    submit_opportunity,
    withdraw_opportunity,
)
from smeforum.matchmaking.models import Opportunity
from smeforum.reference.models import Sector
from tests.factories import EditionFactory, OrganisationFactory, SeriesFactory
from tests.matchmaking.factories import make_opportunity, make_profile, make_published

pytestmark = pytest.mark.integration

FUTURE = dt.date(2099, 1, 1)
PAST = dt.date(2000, 1, 1)
PAYLOAD = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
ALL = ["Bread", "Grid consulting", "Power cables wanted", "高压电力电缆"]


def evergreen(profile, *, series, sectors=("C",), **fields):
    """A published opportunity of ``profile`` tied to no edition."""
    values = {"kind": Opportunity.Kind.TECHNOLOGY_OFFER, "title": "Evergreen", "language": "en"}
    values.update(fields)
    opportunity = save_opportunity(
        Opportunity(profile=profile, series=series, edition=None, **values),
        sectors=Sector.objects.filter(code__in=sectors),
    )
    return publish_opportunity(submit_opportunity(opportunity))


@pytest.fixture
def market(db):
    """A published edition with a Chinese cable maker, a Hungarian grid company and a Polish
    bakery confirmed for it, and opportunities that must and must not be listed."""
    series = SeriesFactory(slug="market-forum")
    edition = EditionFactory(series=series, number=3)
    other_edition = EditionFactory(series=series, number=4)
    cn = make_profile(
        OrganisationFactory(name="宁波电缆有限公司", name_en="Ningbo Cable Co.", country="CN"),
        sectors=("27",),
    )
    hu = make_profile(OrganisationFactory(name="Budapest Grid Kft.", country="HU"), sectors=("35",))
    pl = make_profile(OrganisationFactory(name="Warsaw Bakery", country="PL"), sectors=("10",))
    outsider = make_profile(OrganisationFactory(name="Vienna Tools", country="AT"))
    for profile in (cn, hu, pl):
        confirm_profile_for_edition(profile, edition=edition, attendees=[])
    shown = {
        "cables": make_published(
            cn,
            edition=edition,
            sectors=("27",),
            kind=Opportunity.Kind.BUSINESS_OFFER,
            title="高压电力电缆",
            summary="Power cables for the grid",
            partnerships=["distribution"],
            target_countries=["HU"],
            expires_on=FUTURE,
        ),
        "wanted": make_published(
            hu,
            edition=edition,
            sectors=("35",),
            kind=Opportunity.Kind.BUSINESS_REQUEST,
            title="Power cables wanted",
            keywords="电缆, grid",
        ),
        "bread": make_published(
            pl, edition=edition, sectors=("10",), title="Bread", summary="Fresh rye bread"
        ),
        "consulting": evergreen(hu, series=series, sectors=("35",), title="Grid consulting"),
    }
    hidden = {
        "expired": make_published(cn, edition=edition, title="Old cables", expires_on=PAST),
        "draft": make_opportunity(cn, edition=edition, title="Draft cables"),
        "submitted": submit_opportunity(make_opportunity(cn, edition=edition, title="Sub")),
        "rejected": reject_opportunity(
            submit_opportunity(make_opportunity(cn, edition=edition, title="Rejected cables")),
            note="Spam",
        ),
        "withdrawn": withdraw_opportunity(make_published(cn, edition=edition, title="Withdrawn")),
        "other edition": make_published(cn, edition=other_edition, title="Other edition"),
        "evergreen, not confirmed": evergreen(outsider, series=series, title="Tools"),
    }
    return edition, shown, hidden


def list_url(edition, **params):
    url = reverse("public:opportunities", args=[edition.series.slug, edition.number])
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{url}?{query}" if query else url


def detail_url(edition, opportunity):
    return reverse("public:opportunity", args=[edition.series.slug, edition.number, opportunity.pk])


def titles(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return sorted(o.title for o in response.context["page"].object_list)


def test_lists_published_unexpired_and_confirmed_evergreen_only(client, market):
    edition, _, _ = market

    assert titles(client, list_url(edition)) == ALL


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "电缆"}, ["Power cables wanted", "高压电力电缆"]),  # title and keywords
        ({"q": "宁波"}, ["高压电力电缆"]),  # the organisation's name
        ({"q": "POWER cables"}, ["Power cables wanted", "高压电力电缆"]),  # title and summary
        ({"q": "rye"}, ["Bread"]),
        ({"q": "ningbo"}, ["高压电力电缆"]),  # the organisation's English name
        ({"kind": "business_request"}, ["Power cables wanted"]),
        ({"kind": "technology_offer"}, ["Grid consulting"]),
        ({"kind": "no-such-kind"}, ALL),  # an unknown kind is ignored
        ({"sector": "35"}, ["Grid consulting", "Power cables wanted"]),
        ({"sector": "2"}, ["高压电力电缆"]),  # a code prefix
        ({"country": "hu"}, ["Grid consulting", "Power cables wanted"]),
        ({"country": "CN"}, ["高压电力电缆"]),
        ({"country": "AT"}, []),
        ({"q": "cables", "country": "HU"}, ["Power cables wanted"]),
    ],
)
def test_filters(client, market, params, expected):
    edition, _, _ = market

    assert titles(client, list_url(edition, **params)) == expected


def test_item_shows_kind_organisation_country_sectors_partnerships_targets_expiry(client, market):
    edition, shown, _ = market

    text = client.get(list_url(edition, q="电力")).content.decode()

    assert "business offer" in text
    assert "Ningbo Cable Co." in text
    assert "China" in text
    assert "27 Manufacture of electrical equipment" in text
    assert "distribution" in text
    assert "Hungary" in text
    assert "Open until" in text
    assert detail_url(edition, shown["cables"]) in text


def test_chinese_page_names_the_country_in_chinese(client, market):
    edition, _, _ = market

    text = client.get("/zh-hans" + list_url(edition, q="电力")).content.decode()

    assert "中国" in text
    assert "匈牙利" in text
    assert "宁波电缆有限公司" in text


def test_detail_of_each_listed_opportunity(client, market):
    edition, shown, _ = market

    for opportunity in shown.values():
        response = client.get(detail_url(edition, opportunity))
        assert response.status_code == 200
        assert response.context["opportunity"].pk == opportunity.pk


@pytest.mark.parametrize(
    "name",
    [
        "expired",
        "draft",
        "submitted",
        "rejected",
        "withdrawn",
        "other edition",
        "evergreen, not confirmed",
    ],
)
def test_detail_404_for_what_is_not_listed(client, market, name):
    edition, _, hidden = market

    assert client.get(detail_url(edition, hidden[name])).status_code == 404


def test_unpublished_edition_404s(client, market):
    edition, shown, _ = market
    edition.is_published = False
    edition.save()

    assert client.get(list_url(edition)).status_code == 404
    assert client.get(detail_url(edition, shown["cables"])).status_code == 404


def test_edition_page_links_the_marketplace(client, market):
    edition, _, _ = market

    text = client.get(
        reverse("public:edition", args=[edition.series.slug, edition.number])
    ).content.decode()

    assert list_url(edition) in text


def test_pagination_keeps_the_filters(client, market, settings):
    settings.SMEFORUM_PAGE_SIZE = 1
    edition, _, _ = market

    response = client.get(list_url(edition, country="HU"))

    assert response.context["page"].paginator.num_pages == 2
    assert "?country=HU&amp;page=2" in response.content.decode()


def add_opportunities(edition, count: int) -> None:
    for n in range(count):
        profile = make_profile(OrganisationFactory(country="RS"), sectors=("27",))
        make_published(
            profile,
            edition=edition,
            sectors=("27", "35"),
            title=f"Extra {n}",
            partnerships=["distribution", "licensing"],
            target_countries=["CN", "HU"],
        )


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_query_count_does_not_grow_with_rows(client, market, django_assert_max_num_queries):
    edition, _, _ = market
    add_opportunities(edition, 3)
    with_n = count_queries(client, list_url(edition))
    add_opportunities(edition, 3)

    with django_assert_max_num_queries(with_n):
        response = client.get(list_url(edition))

    assert len(response.context["page"].object_list) == 10


def test_stored_text_is_escaped(client, market):
    edition, _, _ = market
    profile = make_profile(OrganisationFactory(name=PAYLOAD, country="RS"))
    opportunity = make_published(
        profile, edition=edition, title=PAYLOAD, summary=PAYLOAD, keywords=PAYLOAD
    )

    for url in (list_url(edition), detail_url(edition, opportunity)):
        text = client.get(url).content.decode()
        assert PAYLOAD not in text
        assert ESCAPED in text
