"""Results dashboards, fact sheets and outcome downloads: charts, map and reconciliation in
English and Chinese, currencies, 404/400 answers, query counts, PDF."""

import datetime as dt
import html
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from smeforum.outcomes.domain.outcomes import add_amount, add_party, set_outcome_fields
from smeforum.outcomes.domain.sister_cities import record_sister_city_link
from smeforum.outcomes.models import OutcomeParty
from smeforum.reference.models import City, CooperationField
from tests.factories import (
    CityFactory,
    EditionFactory,
    OrganisationFactory,
    ReportedFigureFactory,
)
from tests.public.markup import Node, parse
from tests.reporting.factories import OutcomeFactory, kind

pytestmark = pytest.mark.integration

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
NOV_13 = dt.date(2023, 11, 13)  # edition 5's first day; ECB: 1 EUR = 1.067 USD


# --- data ---------------------------------------------------------------------------------------


def project(edition, *, amount, currency, field, country):
    """A cooperation project signed at ``edition`` with a Chinese and a foreign party."""
    outcome = OutcomeFactory(series=edition.series, edition=edition, signed_on=NOV_13)
    add_amount(outcome, amount=Decimal(amount), currency=currency)
    set_outcome_fields(outcome, fields=[CooperationField.objects.get(slug=field)])
    add_party(outcome, organisation=OrganisationFactory(country="CN"), country="CN",
              role=OutcomeParty.Role.CHINESE_PARTY)  # fmt: skip
    add_party(outcome, organisation=OrganisationFactory(country=country), country=country,
              role=OutcomeParty.Role.FOREIGN_PARTY)  # fmt: skip
    return outcome


@pytest.fixture
def outcomes(edition, hebei_release):
    """At edition 5: 12 million USD in foreign trade with Poland, 5 million EUR in high-end
    manufacturing with Hungary, and the sister-city agreement Cangzhou–Warsaw; a published
    count of the two projects."""
    ReportedFigureFactory(
        series=edition.series,
        first_edition=edition,
        last_edition=edition,
        metric="count",
        outcome_kind=kind("cooperation_project"),
        qualifier="exact",
        value=2,
        source=hebei_release,
    )
    project(edition, amount="12000000", currency="USD", field="foreign_trade", country="PL")
    project(edition, amount="5000000", currency="EUR", field="high_end_manufacturing",
            country="HU")  # fmt: skip
    City.objects.filter(name="Cangzhou").update(
        latitude=Decimal("38.311240"), longitude=Decimal("116.853340")
    )
    warsaw = CityFactory(
        name="Warsaw",
        name_zh="华沙",
        country="PL",
        latitude=Decimal("52.229770"),
        longitude=Decimal("21.011780"),
    )
    record_sister_city_link(
        edition.series,
        chinese_city=City.objects.get(name="Cangzhou"),
        foreign_city=warsaw,
        stage="signed",
        on=NOV_13,
        edition=edition,
    )
    return edition


# --- reading the page ---------------------------------------------------------------------------


def fetch(client, url: str) -> tuple[object, Node]:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response, parse(response.content)


def title_of(response) -> str:
    return html.unescape(TITLE.search(response.content.decode()).group(1)).strip()


def breadcrumbs(page: Node) -> list[str]:
    return [li.text() for li in page.find("ol", class_="breadcrumbs").find_all("li")]


def charts(page: Node) -> dict[str, list[tuple[str, str]]]:
    """Each bar chart's title with its bars: (label, value text)."""
    found = {}
    for svg in page.find_all("svg", class_="bar-chart"):
        title = svg.find("title").text()
        found[title] = [
            (row.find("text", class_="chart-label").text(), _value(row))
            for row in svg.find_all("g", class_="chart-row")
        ]
    return found


def _value(row: Node) -> str:
    """A bar's value and its note, as read: “12 m 1 outcome”."""
    value = row.find("text", class_="chart-value")
    parts = [c if isinstance(c, str) else c.text() for c in value.children]
    return " ".join(part.strip() for part in parts if part.strip())


def link_titles(page: Node) -> list[str]:
    svg = page.find("svg", class_="link-map")
    return [g.find("title").text() for g in svg.find("g", class_="map-links").find_all("g")]


def table_rows(table: Node) -> list[list[str]]:
    return [[td.text() for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]


def results_url(series, number=None, lang=""):
    prefix = f"/{lang}" if lang else ""
    middle = f"{number}/" if number else ""
    return f"{prefix}/forums/{series.slug}/{middle}results/"


# --- the series dashboard -----------------------------------------------------------------------


def test_series_dashboard_in_english(client, outcomes):
    series = outcomes.series
    response, page = fetch(client, results_url(series))
    assert title_of(response) == "Results of Cangzhou SME Forum · smeforum"
    assert breadcrumbs(page) == ["Home", "Cangzhou SME Forum", "Results"]
    cards = [card.text() for card in page.find_all("div", class_="figure-card")]
    assert cards == [
        "3 outcomes (all kinds) counted from 3 records",
        "17.34 million US dollars amounts signed, converted counted from 3 records",
        "2 cooperation projects counted from 2 records",
        "1 sister-city agreements signed counted from 1 record",
    ]
    assert charts(page) == {
        "Investment by edition (amount in US dollars)": [("Edition 5", "17.34 m 3 outcomes")],
        "Investment by field of cooperation (amount in US dollars)": [
            ("foreign trade", "12 m 1 outcome"),
            ("high-end manufacturing", "5.34 m 1 outcome"),
            ("no field recorded", "1 outcome, no amount"),
        ],
        "Investment by country of the foreign party (amount in US dollars)": [
            ("Poland", "12 m 2 outcomes"),
            ("Hungary", "5.34 m 1 outcome"),
        ],
    }
    svg = page.find("svg", class_="bar-chart")
    assert (svg.attrs["role"], svg.attrs["aria-labelledby"]) == (
        "img",
        "chart-edition-title chart-edition-desc",
    )
    assert svg.find("desc").text() == "Edition 5: 17.34 million US dollars, 3 outcomes"
    ticks = [t.text() for t in svg.find_all("text", class_="chart-tick")]
    assert ticks == ["0", "5 m", "10 m", "15 m", "20 m"]
    assert link_titles(page) == ["Cangzhou – Warsaw (Poland): agreement signed, 2023-11-13"]
    assert table_rows(page.find("table", class_="links-table")) == [
        ["Cangzhou", "Warsaw", "Poland", "agreement signed", "2023-11-13"]
    ]
    assert table_rows(page.find("table", class_="reconciliation")) == [
        [
            "editions 1–5",
            "Total amount",
            "difference",
            "124,930,088 CNY",
            "1,684,580,000,000 CNY",
            "13484.1816",
            "Registry: contractual amounts of outcomes, from the records. Other currencies "
            f"converted: EUR→CNY 7.864 of 2023-12-22 ({ECB}); USD→CNY 7.13417 of 2023-12-22 "
            f"({ECB}). Difference (found − expected): 1,684,455,069,912 CNY.",
        ],
        [
            "edition 5",
            "Cooperation projects signed",
            "consistent",
            "2",
            "2",
            "1.0000",
            "Registry: cooperation projects counted from the records.",
        ],
    ]
    badges = page.find("table", class_="reconciliation").find_all("span")
    assert [badge.attrs["class"] for badge in badges] == [
        "status status-difference",
        "status status-consistent",
    ]
    assert table_rows(page.find("table", class_="rates")) == [
        ["1 EUR = 7.864 CNY", "2023-12-22", ECB],
        ["1 EUR = 1.067 USD", "2023-11-13", ECB],
        ["1 USD = 7.13417 CNY", "2023-12-22", ECB],
    ]


ECB = "ECB euro foreign exchange reference rates"


def test_series_dashboard_in_chinese(client, outcomes):
    _response, page = fetch(client, results_url(outcomes.series, lang="zh-hans") + "?currency=CNY")
    assert charts(page)["各届投资额 (金额，元（人民币）)"] == [("第5届", "1.26亿 3项成果")]
    fields = charts(page)["按合作领域统计的投资额 (金额，元（人民币）)"]
    assert fields[:2] == [("对外贸易", "8749.09万 1项成果"), ("高端制造", "3889.7万 1项成果")]
    countries = charts(page)["按外方国家统计的投资额 (金额，元（人民币）)"]
    assert [label for label, _value in countries] == ["波兰", "匈牙利"]
    assert link_titles(page) == ["沧州 – 华沙 (波兰): 已签署协议, 2023-11-13"]
    labels = page.find("svg", class_="link-map").find_all("text", class_="map-label")
    assert [label.text() for label in labels] == ["华沙", "沧州"]
    assert page.find("div", class_="figure-card").text().startswith("3 ")
    assert "1.26亿元" in page.find_all("div", class_="figure-card")[1].text()


def test_series_dashboard_in_euros_and_lower_case_code(client, outcomes):
    _response, page = fetch(client, results_url(outcomes.series) + "?currency=eur")
    assert charts(page)["Investment by country of the foreign party (amount in euros)"] == [
        ("Poland", "11.25 m 2 outcomes"),
        ("Hungary", "5 m 1 outcome"),
    ]


def test_dashboard_markup_needs_no_inline_script_or_style(client, outcomes):
    content = client.get(results_url(outcomes.series)).content.decode()
    assert " style=" not in content
    assert "<style" not in content
    assert re.findall(r"<script(?![^>]*\bsrc=)", content) == []


def test_series_dashboard_links_to_fact_sheet_pdf_and_downloads(client, outcomes):
    series = outcomes.series
    _response, page = fetch(client, results_url(series))
    hrefs = [a.attrs["href"] for a in page.find("ul", class_="results-links").find_all("a")]
    assert hrefs == [
        f"/forums/{series.slug}/factsheet/?currency=USD",
        f"/forums/{series.slug}/factsheet.pdf?currency=USD",
        f"/zh-hans/forums/{series.slug}/factsheet.pdf?currency=USD",
        f"/forums/{series.slug}/outcomes.csv",
        f"/forums/{series.slug}/outcomes.xlsx",
        f"/forums/{series.slug}/outcomes.json",
    ]


def test_series_and_edition_pages_link_to_their_dashboards(client, edition):
    series = edition.series
    _response, page = fetch(client, f"/forums/{series.slug}/")
    links = [a.attrs["href"] for a in page.find("p", class_="results-entry").find_all("a")]
    assert links == [f"/forums/{series.slug}/results/", f"/forums/{series.slug}/factsheet/"]
    _response, page = fetch(client, f"/forums/{series.slug}/5/")
    links = [a.attrs["href"] for a in page.find("p", class_="results-entry").find_all("a")]
    assert links == [
        f"/forums/{series.slug}/5/results/",
        f"/forums/{series.slug}/5/factsheet/",
        f"/forums/{series.slug}/5/opportunities/",
    ]


def test_no_records_yet(client, edition):
    _response, page = fetch(client, results_url(edition.series))
    assert [p.text() for p in page.find_all("p", class_="chart-empty")] == [
        "No records yet.",
        "No records yet.",
        "No records yet.",
        "No sister-city links recorded for this scope.",
    ]
    assert page.find_all("svg") == []


# --- the edition dashboard ----------------------------------------------------------------------


def test_edition_dashboard(client, outcomes):
    series = outcomes.series
    response, page = fetch(client, results_url(series, 5))
    assert title_of(response) == "Results of Cangzhou SME Forum, edition 5 · smeforum"
    assert breadcrumbs(page) == ["Home", "Cangzhou SME Forum", "Edition 5", "Results"]
    assert list(charts(page)) == [
        "Investment by field of cooperation (amount in US dollars)",
        "Investment by country of the foreign party (amount in US dollars)",
    ]
    assert link_titles(page) == ["Cangzhou – Warsaw (Poland): agreement signed, 2023-11-13"]
    assert table_rows(page.find("table", class_="reconciliation")) == [
        [
            "edition 5",
            "Cooperation projects signed",
            "consistent",
            "2",
            "2",
            "1.0000",
            "Registry: cooperation projects counted from the records.",
        ],
    ]
    # The figure about editions 1–5 is shown apart, as a cumulative figure with its source.
    covering = page.find_all("table", class_="reported")[1]
    assert table_rows(covering)[0][:3] == ["Total amount", "1,684,580,000,000 CNY", "editions 1–5"]


def test_edition_1_has_no_records(client, outcomes, first_edition):
    _response, page = fetch(client, results_url(outcomes.series, 1))
    assert charts(page) == {}
    assert page.find("p", class_="chart-empty").text() == "No records yet."


@pytest.mark.parametrize(
    "path",
    [
        "/forums/cangzhou/7/results/",  # no such edition
        "/forums/cangzhou/6/results/",  # not published
        "/forums/nowhere/results/",
        "/forums/cangzhou/6/factsheet/",
        "/forums/cangzhou/6/factsheet.pdf",
        "/forums/nowhere/factsheet.pdf",
        "/forums/cangzhou/6/outcomes.csv",
        "/forums/cangzhou/outcomes.exe",
        "/zh-hans/forums/cangzhou/6/results/",
    ],
)
def test_not_found(client, edition, path):
    EditionFactory(series=edition.series, number=6, is_published=False)
    assert client.get(path).status_code == 404


def test_unpublished_editions_are_not_counted_in_the_series_dashboard(client, outcomes):
    EditionFactory(series=outcomes.series, number=6, is_published=False)
    _response, page = fetch(client, results_url(outcomes.series))
    assert "Only published editions are counted here" in page.find("main").text()
    assert client.get(f"/forums/{outcomes.series.slug}/outcomes.csv").status_code == 404


@pytest.mark.parametrize("url", ["results/", "5/results/", "factsheet/", "5/factsheet.pdf"])
def test_unknown_currency_is_a_bad_request(client, edition, url):
    response = client.get(f"/forums/cangzhou/{url}?currency=XYZ")
    assert response.status_code == 400
    message = parse(response.content).find("p", class_="error-message").text()
    assert message == "Unknown currency “XYZ”. Amounts can be shown in USD, CNY, EUR."


# --- query counts -------------------------------------------------------------------------------


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("number", [None, 5])
def test_query_count_does_not_grow_with_outcomes(client, edition, number):
    url = results_url(edition.series, number)
    project(edition, amount="1000000", currency="USD", field="foreign_trade", country="PL")
    one = queries(client, url)
    project(edition, amount="2000000", currency="EUR", field="new_materials", country="HU")
    project(edition, amount="3000000", currency="CNY", field="education", country="CZ")
    assert queries(client, url) == one


def test_fact_sheet_query_count_does_not_grow_with_outcomes(client, edition):
    url = "/forums/cangzhou/factsheet/"
    project(edition, amount="1000000", currency="USD", field="foreign_trade", country="PL")
    one = queries(client, url)
    OutcomeFactory(series=edition.series, edition=edition, kind=kind("memorandum"))
    project(edition, amount="3000000", currency="CNY", field="education", country="CZ")
    assert queries(client, url) == one


# --- fact sheets --------------------------------------------------------------------------------


def sentences(page: Node, css: str) -> list[str]:
    return [li.text() for li in page.find("ul", class_=f"sentences {css}").find_all("li")]


def test_fact_sheet_in_english(client, outcomes):
    _response, page = fetch(client, "/forums/cangzhou/5/factsheet/")
    assert breadcrumbs(page) == ["Home", "Cangzhou SME Forum", "Edition 5", "Results", "Fact sheet"]
    assert page.find("h1").text() == "Fact sheet: China-CEEC (Cangzhou) SME Cooperation Forum"
    assert sentences(page, "counted") == [
        "Counted in this registry: 3 outcomes in all, worth 17.34 million US dollars (counted "
        "from 3 records).",
        "Counted in this registry: 2 cooperation projects worth 17.34 million US dollars "
        "(counted from 2 records).",
        "Counted in this registry: 1 sister-city agreement signed, with 1 city in 1 country "
        "(counted from 1 record).",
    ]
    assert sentences(page, "reported") == [
        "Edition 5: 2 cooperation projects were signed (reported by PR Newswire (Hebei), "
        "2023-12-22). source",
        "Edition 5: nearly 400 participants took part (reported by PR Newswire (Hebei), "
        "2023-12-22). source",
    ]
    assert "1 EUR = 1.067 USD on 2023-11-13 (ECB euro foreign exchange reference rates)" in [
        li.text() for li in page.find("ul", class_="rate-lines").find_all("li")
    ]


def test_fact_sheet_in_chinese(client, outcomes):
    _response, page = fetch(client, "/zh-hans/forums/cangzhou/factsheet/?currency=CNY")
    assert page.find("h1").text() == "中国—中东欧国家（沧州）中小企业合作论坛成果简报"
    assert sentences(page, "counted")[1] == (
        "本平台登记：合作项目2项，金额1.26亿元（根据2条记录统计）。"
    )
    assert sentences(page, "reported") == [
        "第1至5届：签约成果金额16845.8亿元（来源：PR Newswire (Hebei)，2023-12-22）。 来源",
        "第5届：签约合作项目2个（来源：PR Newswire (Hebei)，2023-12-22）。 来源",
        "第5届：参会人数近400人（来源：PR Newswire (Hebei)，2023-12-22）。 来源",
    ]


def pdf_text(content: bytes) -> str:
    return "".join(
        "".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages
    )


def test_fact_sheet_pdf(client, outcomes):
    response = client.get("/zh-hans/forums/cangzhou/factsheet.pdf?currency=CNY")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="cangzhou-factsheet-zh-hans.pdf"'
    )
    text = pdf_text(response.content)
    assert "第1至5届：签约成果金额16845.8亿元" in text
    assert "本平台登记：合作项目2项，金额1.26亿元（根据2条记录统计）。" in text
    english = client.get("/forums/cangzhou/5/factsheet.pdf")
    assert english["Content-Disposition"] == (
        'attachment; filename="cangzhou-edition-5-factsheet-en.pdf"'
    )
    assert "Edition5:nearly400participantstookpart" in pdf_text(english.content)


# --- downloads ----------------------------------------------------------------------------------


def test_outcome_downloads(client, outcomes):
    response = client.get("/forums/cangzhou/5/outcomes.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="cangzhou-edition-5-outcomes.csv"'
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 4  # the header, two projects and the sister-city link
    json_response = client.get("/forums/cangzhou/outcomes.json")
    assert json_response["Content-Type"] == "application/json"
    assert client.get("/forums/cangzhou/outcomes.xlsx").content.startswith(b"PK")
