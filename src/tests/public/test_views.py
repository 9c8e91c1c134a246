"""The public pages in English and Chinese, their 404s, pagination, query counts, the language
switcher, escaping of stored text and the read-only API."""

import datetime as dt
import html
import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from smeforum.participants.models import Registration
from tests.factories import (
    CityFactory,
    DelegationFactory,
    EditionCountryFactory,
    EditionFactory,
    EditionOrganiserFactory,
    MechanismFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    ReportedFigureFactory,
    SeriesFactory,
    SessionFactory,
    SessionRoleFactory,
    SessionTopicFactory,
    SourceFactory,
    ThemeFactory,
)
from tests.public.markup import Node, parse

pytestmark = pytest.mark.integration

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
PAYLOAD = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


# --- helpers: read what a visitor sees -------------------------------------------------------


def fetch(client: Client, url: str) -> tuple[object, Node]:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response, parse(response.content)


def title_of(response) -> str:
    match = TITLE.search(response.content.decode())
    assert match is not None, "the page has no <title>"
    return html.unescape(match.group(1)).strip()


def breadcrumbs(page: Node) -> list[str]:
    return [li.text() for li in page.find("ol", class_="breadcrumbs").find_all("li")]


def table_rows(table: Node) -> list[list[str]]:
    return [[td.text() for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]


def after_heading(page: Node, heading: str, tag: str) -> Node:
    """The first ``tag`` element after the heading whose text is ``heading`` (same parent)."""
    main = page.find("main")
    seen = False
    for element in main.elements():
        if element.tag in {"h2", "h3"} and element.text() == heading:
            seen = True
        elif seen and element.tag == tag:
            return element
    msg = f"no <{tag}> after heading {heading!r}"
    raise AssertionError(msg)


def programme(page: Node) -> list[tuple[str, list[str]]]:
    """Each day heading of the programme with the text of its sessions."""
    days, day = [], None
    for element in page.find("main").elements():
        if element.tag == "h3":
            day = element.text()
        elif element.tag == "ul" and "session-list" in element.attrs.get("class", ""):
            days.append((day, [li.text() for li in element.elements()]))
    return days


def countries_by_role(page: Node) -> list[tuple[str, list[str]]]:
    """The edition page's country paragraphs: (role, [country names])."""
    result = []
    for paragraph in page.find("main").find_all("p"):
        links = paragraph.find_all("a")
        if (
            paragraph.find_all("strong")
            and links
            and all("/countries/" in a.attrs["href"] for a in links)
        ):
            result.append((paragraph.find("strong").text(), [a.text() for a in links]))
    return result


def sample_badges(node: Node) -> int:
    return len(node.find_all("span", class_="badge sample"))


def edition_url(edition, lang: str = "") -> str:
    prefix = f"/{lang}" if lang else ""
    return f"{prefix}/forums/{edition.series.slug}/{edition.number}/"


def session_url(session, lang: str = "") -> str:
    return f"{edition_url(session.edition, lang)}sessions/{session.pk}/"


# --- home ------------------------------------------------------------------------------------


def test_home_shows_title_series_and_published_editions_newest_first(client, edition):
    EditionFactory(series=edition.series, number=9, is_published=False)

    response, page = fetch(client, "/")

    assert title_of(response) == "SME cooperation forums · smeforum"
    assert breadcrumbs(page) == ["Home"]
    card = page.find("div", class_="card")
    assert card.find("h2").text() == "China-CEEC (Cangzhou) SME Cooperation Forum"
    assert card.find("h2").find("a").attrs["href"] == "/forums/cangzhou/"
    assert [p.text() for p in card.find_all("p")] == [
        "Host city: Cangzhou",
        "Held yearly in Cangzhou since 2018.",
    ]
    editions = [
        [article.find("h3").text()] + [p.text() for p in article.find_all("p")]
        for article in page.find_all("article", class_="card")
    ]
    assert editions == [
        [
            "Edition 5",
            "Cangzhou SME Forum · Nov. 13, 2023 – Nov. 14, 2023 · in person",
            "Expanding Openness and Cooperation for Mutual Development",
        ],
        ["Edition 1", "Cangzhou SME Forum · 2018 · in person"],
    ]


def test_home_in_chinese_shows_chinese_values(client, edition):
    response, page = fetch(client, "/zh-hans/")

    assert page.find("html").attrs["lang"] == "zh-hans"
    assert title_of(response).endswith(" · smeforum")
    card = page.find("div", class_="card")
    assert card.find("h2").text() == "中国—中东欧国家（沧州）中小企业合作论坛"
    assert card.find("h2").find("a").attrs["href"] == "/zh-hans/forums/cangzhou/"
    assert "沧州" in card.find("p", class_="meta").text()
    assert card.find_all("p")[1].text() == "自2018年起每年在沧州举办。"
    first = page.find("article", class_="card")
    assert first.find("a").attrs["href"] == "/zh-hans/forums/cangzhou/5/"
    assert first.find_all("p")[0].text().startswith("沧州中小企业论坛 · ")
    assert first.find_all("p")[1].text() == "扩大开放合作 实现互利共赢"


# --- series ----------------------------------------------------------------------------------


def test_series_shows_editions_figures_and_mechanism(client, edition, hebei_release):
    ReportedFigureFactory(
        series=edition.series,
        metric="sister_cities",
        qualifier="over",
        value=12,
        source=hebei_release,
    )

    response, page = fetch(client, "/forums/cangzhou/")

    assert title_of(response) == "China-CEEC (Cangzhou) SME Cooperation Forum · smeforum"
    assert breadcrumbs(page) == ["Home", "Cangzhou SME Forum"]
    facts = page.find("dl", class_="facts")
    assert [dd.text() for dd in facts.find_all("dd")] == ["Cangzhou", "China–CEEC Cooperation"]
    editions_table = page.find("div", class_="table-wrap").find("table")
    assert table_rows(editions_table) == [
        [
            "5",
            "Nov. 13, 2023 – Nov. 14, 2023",
            "Expanding Openness and Cooperation for Mutual Development",
            "in person",
        ],
        ["1", "2018", "not reported", "in person"],
    ]
    figures = page.find("table", class_="reported")
    # Single-edition figures stay on their edition's page; ranges and the whole series show here.
    # (Sorted: where a whole-series figure, with no first edition, sorts depends on the database.)
    assert sorted(table_rows(figures)) == [
        [
            "Sister-city relationships",
            "over 12",
            "all editions",
            "PR Newswire (Hebei) (2023-12-22)",
        ],
        [
            "Total amount",
            "1,684,580,000,000 CNY",
            "editions 1–5",
            "PR Newswire (Hebei) (2023-12-22)",
        ],
    ]


def test_series_in_chinese_shows_chinese_values(client, edition):
    response, page = fetch(client, "/zh-hans/forums/cangzhou/")

    assert title_of(response) == "中国—中东欧国家（沧州）中小企业合作论坛 · smeforum"
    assert breadcrumbs(page)[1:] == ["沧州中小企业论坛"]
    assert page.find("h1").text() == "中国—中东欧国家（沧州）中小企业合作论坛"
    assert [dd.text() for dd in page.find("dl", class_="facts").find_all("dd")] == [
        "沧州",
        "中国—中东欧国家合作",
    ]
    editions_table = page.find("div", class_="table-wrap").find("table")
    assert table_rows(editions_table)[0][2] == "扩大开放合作 实现互利共赢"
    assert "自2018年起每年在沧州举办。" in [p.text() for p in page.find_all("p")]


def test_series_unknown_slug_returns_404(client, edition):
    assert client.get("/forums/no-such-forum/").status_code == 404
    assert client.get("/zh-hans/forums/no-such-forum/").status_code == 404


# --- edition ---------------------------------------------------------------------------------


def test_edition_title_breadcrumbs_and_facts(client, edition):
    response, page = fetch(client, "/forums/cangzhou/5/")

    assert title_of(response) == "Cangzhou SME Forum, edition 5 · smeforum"
    assert breadcrumbs(page) == ["Home", "Cangzhou SME Forum", "Edition 5"]
    assert (
        page.find("ol", class_="breadcrumbs").find_all("a")[1].attrs["href"] == "/forums/cangzhou/"
    )
    assert page.find("h1").text() == "China-CEEC (Cangzhou) SME Cooperation Forum: edition 5"
    facts = page.find("dl", class_="facts")
    assert [
        (dt_.text(), dd.text())
        for dt_, dd in zip(facts.find_all("dt"), facts.find_all("dd"), strict=True)
    ] == [
        ("Dates", "Nov. 13, 2023 – Nov. 14, 2023"),
        ("Host city", "Cangzhou"),
        ("Venue", "Cangzhou International Convention Centre"),
        ("Format", "in person"),
        ("Time zone", "Asia/Shanghai"),
    ]


def test_edition_shows_every_theme_with_its_source_publisher(client, edition):
    _, page = fetch(client, "/forums/cangzhou/5/")

    themes = page.find("section").find_all("p")
    assert [
        (p.find("strong").text(), p.find("a").text(), p.find("a").attrs["href"]) for p in themes[:2]
    ] == [
        (
            "Expanding Openness and Cooperation for Mutual Development",
            "PR Newswire (Hebei) (2023-12-22)",
            "https://en.prnasia.com/releases/global/hebei-431974.shtml",
        ),
        (
            "Expanding openness and cooperation for win-win development",
            "PR Newswire (Cangzhou) (2023-11-17)",
            "https://www.finanznachrichten.de/nachrichten-2023-11/60700664.htm",
        ),
    ]
    assert themes[2].text() == "Sources give different wordings of the theme; all are shown."


def test_edition_lists_organisers_with_roles(client, edition):
    _, page = fetch(client, "/forums/cangzhou/5/")

    organisers = after_heading(page, "Organisers", "ul")
    assert [li.text() for li in organisers.find_all("li")] == [
        "Host: Ministry of Industry and Information Technology",
        "Supporter: Secretariat for China-CEEC Cooperation",
    ]


def test_edition_groups_countries_by_role(client, edition):
    _, page = fetch(client, "/forums/cangzhou/5/")

    assert countries_by_role(page) == [
        ("Host", ["China"]),
        ("Member", ["Hungary", "Poland"]),
        ("Observer", ["Georgia"]),
    ]


def test_edition_programme_grouped_by_day_in_edition_time_zone(client, edition):
    _, page = fetch(client, "/forums/cangzhou/5/")

    # 06:00 UTC is 14:00 in Asia/Shanghai: the page shows the local time of the forum.
    assert programme(page) == [
        (
            "Nov. 13, 2023",
            [
                "Opening Ceremony and Keynote Speeches keynote forum 14:00–17:30 · Hall A "
                "Financial empowerment for SME development; "
                "Advanced technology and industrial cooperation"
            ],
        ),
        (
            "Nov. 14, 2023",
            ["B2B Matchmaking Meeting (sample) B2B matchmaking meeting sample 09:30"],
        ),
    ]
    links = [
        a.attrs["href"]
        for ul in page.find_all("ul", class_="session-list")
        for a in ul.find_all("a")
    ]
    assert links == [session_url(edition.parts.opening), session_url(edition.parts.matchmaking)]


def test_edition_counts_participants_by_category_and_country_without_cancelled(client, edition):
    _, page = fetch(client, "/forums/cangzhou/5/")

    summary = page.find("div", class_="grid")
    by_category, by_country = summary.find_all("table")
    assert table_rows(by_category) == [
        ["enterprise", "3"],
        ["government representative", "1"],
        ["media", "1"],
    ]
    # The media registrant has no organisation, so no country; the cancelled Pole is not counted.
    assert table_rows(by_country) == [["Poland", "3"], ["China", "1"]]
    total = after_heading(page, "Participants registered on this platform", "p")
    assert total.text() == "5 participants registered. 2 are sample records"


def test_edition_lists_delegations_with_member_counts(client, edition):
    _, page = fetch(client, "/forums/cangzhou/5/")

    delegations = after_heading(page, "Delegations", "ul")
    assert [li.text() for li in delegations.find_all("li")] == [
        "Delegation of Poland (country delegation) — 2 members; head: Anna Nowak sample"
    ]


def test_edition_delegation_member_count_excludes_cancelled_registrations(client, edition):
    RegistrationFactory(
        edition=edition,
        person=PersonFactory(name="Tomasz Cancelled", organisation__country="PL"),
        status=Registration.Status.CANCELLED,
        delegation=edition.parts.delegation,
    )

    _, page = fetch(client, "/forums/cangzhou/5/")

    delegations = after_heading(page, "Delegations", "ul")
    assert [li.text() for li in delegations.find_all("li")] == [
        "Delegation of Poland (country delegation) — 2 members; head: Anna Nowak sample"
    ]


def test_edition_shows_reported_figures_with_qualifier_scope_and_source(client, edition):
    _, page = fetch(client, "/forums/cangzhou/5/")

    own, cumulative = page.find_all("table", class_="reported")
    assert table_rows(own) == [
        ["Participants", "nearly 400", "edition 5", "PR Newswire (Hebei) (2023-12-22)"]
    ]
    assert own.find("tbody").find("a").attrs["href"] == (
        "https://en.prnasia.com/releases/global/hebei-431974.shtml"
    )
    assert table_rows(cumulative) == [
        [
            "Total amount",
            "1,684,580,000,000 CNY",
            "editions 1–5",
            "PR Newswire (Hebei) (2023-12-22)",
        ]
    ]


def test_edition_shows_cumulative_figures_only_in_their_range(client, edition, hebei_release):
    fourth = EditionFactory(
        series=edition.series,
        number=4,
        start_date=dt.date(2022, 12, 15),
        end_date=dt.date(2022, 12, 16),
    )
    sixth = EditionFactory(
        series=edition.series,
        number=6,
        start_date=dt.date(2024, 11, 7),
        end_date=dt.date(2024, 11, 7),
    )
    ReportedFigureFactory(
        series=edition.series,
        first_edition=edition.series.editions.get(number=1),
        last_edition=fourth,
        metric="amount",
        qualifier="exact",
        value=235940000000,
        currency="USD",
        converted_from="CNY",
        source=hebei_release,
    )

    _, fourth_page = fetch(client, edition_url(fourth))
    _, fifth_page = fetch(client, edition_url(edition))
    _, sixth_page = fetch(client, edition_url(sixth))

    assert [table_rows(t) for t in fourth_page.find_all("table", class_="reported")] == [
        [
            [
                "Total amount",
                "235,940,000,000 USD converted by the publisher from CNY",
                "editions 1–4",
                "PR Newswire (Hebei) (2023-12-22)",
            ],
            [
                "Total amount",
                "1,684,580,000,000 CNY",
                "editions 1–5",
                "PR Newswire (Hebei) (2023-12-22)",
            ],
        ]
    ]
    assert [row[2] for row in table_rows(fifth_page.find_all("table", class_="reported")[1])] == [
        "editions 1–5"
    ]
    assert sixth_page.find_all("table", class_="reported") == []


def test_edition_marks_sample_records(client, edition):
    _, page = fetch(client, "/forums/cangzhou/5/")

    opening, matchmaking = (
        li for ul in page.find_all("ul", class_="session-list") for li in ul.elements()
    )
    assert sample_badges(opening) == 0
    assert sample_badges(matchmaking) == 1
    assert sample_badges(after_heading(page, "Delegations", "ul")) == 1
    assert page.find("span", class_="badge sample").text() == "sample"


def test_year_only_edition_shows_just_the_year(client, first_edition):
    session = SessionFactory(edition=first_edition, title_en="Opening", day=dt.date(2018, 1, 1))

    _, home = fetch(client, "/")
    _, edition_page = fetch(client, edition_url(first_edition))
    _, session_page = fetch(client, session_url(session))

    assert (
        home.find("article", class_="card").find("p").text()
        == "Cangzhou SME Forum · 2018 · in person"
    )
    dates = edition_page.find("dl", class_="facts").find("dd").text()
    assert dates == "2018"
    assert programme(edition_page) == [("2018", ["Opening keynote forum"])]
    facts = session_page.find("dl", class_="facts")
    assert [dd.text() for dd in facts.find_all("dd")] == ["keynote forum", "2018"]


def test_edition_in_chinese_shows_chinese_values(client, edition):
    response, page = fetch(client, "/zh-hans/forums/cangzhou/5/")

    assert "沧州中小企业论坛" in title_of(response)
    assert breadcrumbs(page)[1] == "沧州中小企业论坛"
    assert "中国—中东欧国家（沧州）中小企业合作论坛" in page.find("h1").text()
    themes = [
        p.find("strong").text() for p in page.find("section").find_all("p") if p.find_all("strong")
    ]
    assert themes == ["扩大开放合作 实现互利共赢", "扩大开放合作 实现共赢发展"]
    organiser_names = ["中华人民共和国工业和信息化部", "中国—中东欧国家合作秘书处"]
    organisers = [
        name
        for li in page.find("main").find_all("li")
        for name in organiser_names
        if li.text().endswith(name)
    ]
    assert organisers == organiser_names
    assert [names for _, names in countries_by_role(page)] == [
        ["中国"],
        ["匈牙利", "波兰"],
        ["格鲁吉亚"],
    ]
    assert page.find("a", href="/zh-hans/countries/GE/").text() == "格鲁吉亚"
    days = programme(page)
    assert [session.split(" ")[0] for _, sessions in days for session in sessions] == [
        "开幕式暨主旨演讲",
        "企业对接洽谈会（示例）",
    ]
    assert "14:00–17:30" in days[0][1][0]
    assert "金融赋能中小企业发展; 先进技术与产业合作" in days[0][1][0]
    by_country = page.find("div", class_="grid").find_all("table")[1]
    assert table_rows(by_country) == [["波兰", "3"], ["中国", "1"]]
    delegations = [
        li.text() for li in page.find("main").find_all("li") if li.text().startswith("波兰代表团")
    ]
    assert len(delegations) == 1
    assert "Anna Nowak" in delegations[0]


def test_unpublished_edition_and_its_sessions_return_404(client, series):
    hidden = EditionFactory(series=series, number=7, is_published=False)
    session = SessionFactory(edition=hidden)

    assert client.get(edition_url(hidden)).status_code == 404
    assert client.get(session_url(session)).status_code == 404
    assert client.get(edition_url(hidden, "zh-hans")).status_code == 404
    assert client.get(session_url(session, "zh-hans")).status_code == 404


def test_unknown_edition_number_returns_404(client, edition):
    assert client.get("/forums/cangzhou/99/").status_code == 404


# --- session ---------------------------------------------------------------------------------


def test_session_shows_time_in_edition_time_zone_topics_and_speakers(client, edition):
    opening = edition.parts.opening

    response, page = fetch(client, session_url(opening))

    assert title_of(response) == "Opening Ceremony and Keynote Speeches · smeforum"
    assert breadcrumbs(page) == [
        "Home",
        "Cangzhou SME Forum",
        "Edition 5",
        "Opening Ceremony and Keynote Speeches",
    ]
    assert [a.attrs["href"] for a in page.find("ol", class_="breadcrumbs").find_all("a")] == [
        "/",
        "/forums/cangzhou/",
        "/forums/cangzhou/5/",
    ]
    facts = page.find("dl", class_="facts")
    assert [
        (dt_.text(), dd.text())
        for dt_, dd in zip(facts.find_all("dt"), facts.find_all("dd"), strict=True)
    ] == [
        ("Kind", "keynote forum"),
        ("Day", "Nov. 13, 2023"),
        ("Time", "14:00–17:30 (Asia/Shanghai)"),
        ("Room", "Hall A"),
        ("Source", "PR Newswire (Hebei) (2023-12-22)"),
    ]
    topics = after_heading(page, "Topics", "ol")
    assert [li.text() for li in topics.find_all("li")] == [
        "Financial empowerment for SME development",
        "Advanced technology and industrial cooperation",
    ]
    speakers = after_heading(page, "Speakers and moderators", "ul")
    assert [li.text() for li in speakers.find_all("li")] == [
        "Xu Xiaolan — speaker, Vice Minister, Ministry of Industry and Information Technology"
    ]
    assert sample_badges(page.find("main")) == 0


def test_session_marks_sample_session_and_sample_speaker(client, edition):
    matchmaking = edition.parts.matchmaking
    moderator = PersonFactory(
        name="王伟", name_latin="Wang Wei", position="Sample representative", is_sample=True
    )
    SessionRoleFactory(
        session=matchmaking, person=moderator, role="moderator", talk_title_en="How it works"
    )

    response, page = fetch(client, session_url(matchmaking))

    assert title_of(response) == "B2B Matchmaking Meeting (sample) · smeforum"
    assert page.find("h1").text() == "B2B Matchmaking Meeting (sample) sample"
    speakers = after_heading(page, "Speakers and moderators", "ul")
    assert [li.text() for li in speakers.find_all("li")] == [
        "Wang Wei — moderator, Sample representative, "
        f"{moderator.organisation.name}: “How it works” sample"
    ]


def test_session_shows_its_reported_figures_with_scope(client, edition, hebei_release):
    ReportedFigureFactory(
        series=edition.series,
        first_edition=edition,
        last_edition=edition,
        session=edition.parts.opening,
        metric="count",
        qualifier="exact",
        value=18,
        part_en="signed at the opening ceremony",
        source=hebei_release,
    )

    _, page = fetch(client, session_url(edition.parts.opening))

    assert table_rows(page.find("table", class_="reported")) == [
        [
            "Outcomes signed",
            "18",
            "edition 5 · Opening Ceremony and Keynote Speeches · signed at the opening ceremony",
            "PR Newswire (Hebei) (2023-12-22)",
        ]
    ]


def test_session_in_chinese_shows_chinese_values(client, edition):
    response, page = fetch(client, session_url(edition.parts.opening, "zh-hans"))

    assert title_of(response) == "开幕式暨主旨演讲 · smeforum"
    assert breadcrumbs(page)[1] == "沧州中小企业论坛"
    assert breadcrumbs(page)[-1] == "开幕式暨主旨演讲"
    topics = [li.text() for ol in page.find("main").find_all("ol")[1:] for li in ol.find_all("li")]
    assert topics == ["金融赋能中小企业发展", "先进技术与产业合作"]
    assert "徐晓兰" in [strong.text() for strong in page.find("main").find_all("strong")]
    assert "14:00–17:30 (Asia/Shanghai)" in [
        dd.text() for dd in page.find("dl", class_="facts").find_all("dd")
    ]


def test_session_of_another_edition_returns_404(client, edition):
    other = EditionFactory(series=edition.series, number=6)

    response = client.get(f"{edition_url(other)}sessions/{edition.parts.opening.pk}/")

    assert response.status_code == 404


# --- countries -------------------------------------------------------------------------------


def test_countries_lists_countries_with_roles_in_published_editions(client, edition):
    hidden = EditionFactory(series=edition.series, number=8, is_published=False)
    EditionCountryFactory(edition=hidden, country="FR", role="guest")
    EditionCountryFactory(
        edition=edition.series.editions.get(number=1), country="PL", role="member"
    )

    response, page = fetch(client, "/countries/")

    assert title_of(response) == "Countries · smeforum"
    assert breadcrumbs(page) == ["Home", "Countries"]
    assert table_rows(page.find("table")) == [
        ["China", "CN", "1"],
        ["Georgia", "GE", "1"],
        ["Hungary", "HU", "1"],
        ["Poland", "PL", "2"],
    ]
    assert page.find("tbody").find("a").attrs["href"] == "/countries/CN/"


def test_countries_in_chinese_shows_chinese_names(client, edition):
    _, page = fetch(client, "/zh-hans/countries/")

    assert [row[:2] for row in table_rows(page.find("table"))] == [
        ["中国", "CN"],
        ["格鲁吉亚", "GE"],
        ["匈牙利", "HU"],
        ["波兰", "PL"],
    ]
    assert page.find("tbody").find("a").attrs["href"] == "/zh-hans/countries/CN/"


# --- country ---------------------------------------------------------------------------------


def test_country_shows_roles_memberships_and_organisations(client, edition):
    tbilisi = CityFactory(
        name="Tbilisi", name_zh="第比利斯", country="GE", time_zone="Asia/Tbilisi"
    )
    OrganisationFactory(name="Tbilisi Machinery LLC", country="GE", city=tbilisi, is_sample=True)
    OrganisationFactory(
        name="საქართველოს სავაჭრო პალატა",
        name_en="Georgian Chamber of Commerce",
        kind="business_association",
        country="GE",
    )
    edition.series.mechanism.memberships.create(
        country="GE",
        joined_on=dt.date(2023, 1, 1),
        left_on=dt.date(2024, 1, 1),
        note="observer only",
    )

    response, page = fetch(client, "/countries/GE/")

    assert title_of(response) == "Georgia · smeforum"
    assert breadcrumbs(page) == ["Home", "Countries", "Georgia"]
    assert page.find("h1").text() == "Georgia (GE · GEO)"
    roles, organisations = page.find_all("table")
    assert table_rows(roles) == [
        [
            "Cangzhou SME Forum, edition 5",
            "Nov. 13, 2023 – Nov. 14, 2023",
            "observer",
            "PR Newswire (Hebei) (2023-12-22)",
        ]
    ]
    assert roles.find("a").attrs["href"] == "/forums/cangzhou/5/"
    memberships = after_heading(page, "Cooperation mechanisms", "ul")
    assert [li.text() for li in memberships.find_all("li")] == [
        "China–CEEC Cooperation: Jan. 1, 2023 – Jan. 1, 2024 (observer only)"
    ]
    assert table_rows(organisations) == [
        ["Georgian Chamber of Commerce საქართველოს სავაჭრო პალატა", "business association", ""],
        ["Tbilisi Machinery LLC sample", "enterprise", "Tbilisi"],
    ]


def test_country_default_member_role_says_it_comes_from_membership(client, edition):
    _, page = fetch(client, "/countries/PL/")

    roles = page.find_all("table")[0]
    assert table_rows(roles) == [
        [
            "Cangzhou SME Forum, edition 5",
            "Nov. 13, 2023 – Nov. 14, 2023",
            "member",
            "from mechanism membership",
        ]
    ]


def test_country_ignores_roles_in_unpublished_editions(client, series):
    hidden = EditionFactory(series=series, number=3, is_published=False)
    EditionCountryFactory(edition=hidden, country="FR", role="guest")

    _, page = fetch(client, "/countries/FR/")

    assert page.find("h1").text() == "France (FR · FRA)"
    assert page.find("main").find_all("table") == []
    assert (
        after_heading(page, "Roles in forum editions", "p").text()
        == "No role in any published edition."
    )


def test_country_in_chinese_shows_chinese_name(client, edition):
    response, page = fetch(client, "/zh-hans/countries/GE/")

    assert title_of(response) == "格鲁吉亚 · smeforum"
    assert breadcrumbs(page)[-1] == "格鲁吉亚"
    assert page.find("h1").text() == "格鲁吉亚 (GE · GEO)"
    roles = page.find("table")
    assert "沧州中小企业论坛" in table_rows(roles)[0][0]
    assert roles.find("a").attrs["href"] == "/zh-hans/forums/cangzhou/5/"


@pytest.mark.parametrize("code", ["XX", "ge", "Ge", "GEO"])
def test_country_unknown_or_not_upper_case_code_returns_404(client, edition, code):
    assert client.get(f"/countries/{code}/").status_code == 404
    assert client.get(f"/zh-hans/countries/{code}/").status_code == 404


# --- pagination ------------------------------------------------------------------------------


@pytest.fixture
def small_pages(settings):
    settings.SMEFORUM_PAGE_SIZE = 2


def test_home_page_two_lists_next_editions(client, series, small_pages):
    for number in range(1, 6):
        EditionFactory(series=series, number=number)

    _, second = fetch(client, "/?page=2")
    _, beyond = fetch(client, "/?page=99")
    _, not_a_number = fetch(client, "/?page=abc")

    def numbers(page):
        return [article.find("h3").text() for article in page.find_all("article", class_="card")]

    assert numbers(second) == ["Edition 3", "Edition 2"]
    assert second.find("nav", class_="pagination").text() == "Previous Page 2 of 3 Next"
    assert numbers(beyond) == ["Edition 1"]
    assert numbers(not_a_number) == ["Edition 5", "Edition 4"]


def test_series_page_two_lists_next_editions(client, series, small_pages):
    for number in range(1, 6):
        EditionFactory(series=series, number=number)

    _, second = fetch(client, "/forums/cangzhou/?page=2")
    _, beyond = fetch(client, "/forums/cangzhou/?page=7")

    assert [row[0] for row in table_rows(second.find("table"))] == ["3", "2"]
    assert [row[0] for row in table_rows(beyond.find("table"))] == ["1"]


def test_countries_page_two_lists_next_countries(client, series, small_pages):
    edition = EditionFactory(series=series, number=1)
    for code in ["SK", "PL", "HU", "GE", "CN"]:
        EditionCountryFactory(edition=edition, country=code)

    _, second = fetch(client, "/countries/?page=2")
    _, beyond = fetch(client, "/countries/?page=4")

    assert table_rows(second.find("table")) == [["Hungary", "HU", "1"], ["Poland", "PL", "1"]]
    assert table_rows(beyond.find("table")) == [["Slovakia", "SK", "1"]]


def test_country_organisations_page_two_lists_next_organisations(client, db, small_pages):
    for name in ["Gamma", "Alfa", "Epsilon", "Beta", "Delta"]:
        OrganisationFactory(name=name, country="PL")
    OrganisationFactory(name="Aardvark", country="SK")

    _, second = fetch(client, "/countries/PL/?page=2")
    _, beyond = fetch(client, "/countries/PL/?page=10")

    assert [row[0] for row in table_rows(second.find("table"))] == ["Delta", "Epsilon"]
    assert [row[0] for row in table_rows(beyond.find("table"))] == ["Gamma"]
    assert beyond.find("nav", class_="pagination").text() == "Previous Page 3 of 3"


# --- language switcher -----------------------------------------------------------------------


def test_language_switcher_posts_with_csrf_token_and_redirects_to_chinese(db, series):
    client = Client(enforce_csrf_checks=True)
    _, page = fetch(client, "/forums/cangzhou/")
    form = page.find("form", class_="lang-switch")
    fields = {i.attrs["name"]: i.attrs["value"] for i in form.find_all("input")}

    response = client.post(
        form.attrs["action"],
        {
            "language": "zh-hans",
            "next": "/forums/cangzhou/",
            "csrfmiddlewaretoken": fields["csrfmiddlewaretoken"],
        },
    )

    assert form.attrs["action"] == "/i18n/setlang/"
    assert form.attrs["method"] == "post"
    assert fields["next"] == "/forums/cangzhou/"
    assert [o.attrs["value"] for o in form.find("select", name="language").find_all("option")] == [
        "en",
        "zh-hans",
    ]
    assert (response.status_code, response["Location"]) == (302, "/zh-hans/forums/cangzhou/")
    assert response.cookies["django_language"].value == "zh-hans"


def test_language_switcher_on_chinese_page_switches_back_to_english(db, series):
    client = Client(enforce_csrf_checks=True)
    _, page = fetch(client, "/zh-hans/forums/cangzhou/")
    form = page.find("form", class_="lang-switch")
    fields = {i.attrs["name"]: i.attrs["value"] for i in form.find_all("input")}

    response = client.post(form.attrs["action"], {**fields, "language": "en"})

    assert fields["next"] == "/forums/cangzhou/"
    assert form.find("option", selected="").attrs["value"] == "zh-hans"
    assert (response.status_code, response["Location"]) == (302, "/forums/cangzhou/")


def test_language_switcher_without_csrf_token_is_refused(db, series):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/forums/cangzhou/"})

    assert response.status_code == 403


# --- stored text is escaped ------------------------------------------------------------------


@pytest.fixture
def hostile(series):
    """An edition whose organisation, session, theme and delegation are named with markup."""
    edition = EditionFactory(series=series, number=3)
    ThemeFactory(edition=edition, text_en=PAYLOAD, text_zh=PAYLOAD)
    organisation = OrganisationFactory(name=PAYLOAD, name_en=PAYLOAD, country="PL")
    EditionOrganiserFactory(edition=edition, organisation=organisation, role="host")
    session = SessionFactory(edition=edition, title_en=PAYLOAD, title_zh=PAYLOAD)
    DelegationFactory(edition=edition, name_en=PAYLOAD)
    ReportedFigureFactory(
        series=series, first_edition=edition, last_edition=edition, session=session, part_en=PAYLOAD
    )
    return session


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/forums/cangzhou/",
        "/forums/cangzhou/3/",
        "/forums/cangzhou/3/sessions/{pk}/",
        "/countries/PL/",
        "/zh-hans/forums/cangzhou/3/",
        "/zh-hans/forums/cangzhou/3/sessions/{pk}/",
    ],
)
def test_stored_markup_is_escaped(client, hostile, url):
    response = client.get(url.format(pk=hostile.pk))
    content = response.content.decode()

    assert response.status_code == 200
    assert PAYLOAD not in content
    assert ESCAPED in content


def test_stored_markup_in_session_title_is_escaped_in_title_and_breadcrumbs(client, hostile):
    response, page = fetch(client, session_url(hostile))

    assert title_of(response) == f"{PAYLOAD} · smeforum"
    assert breadcrumbs(page)[-1] == PAYLOAD
    assert page.find_all("script") == [page.find("script", defer="")]


# --- query counts ----------------------------------------------------------------------------
# Each list page runs a fixed number of queries however many items it shows. The literals are
# the counts measured with three items; a change that adds a query per item fails both tests.

HOME_QUERIES = 4
SERIES_QUERIES = 6
EDITION_QUERIES = 16
COUNTRIES_QUERIES = 1
COUNTRY_QUERIES = 4


def add_home_items(count: int) -> str:
    for _ in range(count):
        ThemeFactory(edition=EditionFactory())
    return "/"


def add_series_items(series, count: int) -> str:
    source = SourceFactory()
    for _ in range(count):
        number = series.editions.count() + 1
        edition = EditionFactory(series=series, number=number)
        ThemeFactory(edition=edition, source=source)
        ReportedFigureFactory(
            series=series,
            first_edition=series.editions.get(number=1),
            last_edition=edition,
            source=source,
        )
    return f"/forums/{series.slug}/"


def add_edition_items(edition, count: int) -> str:
    """Sessions with topics and speakers, registrations in delegations, organisers, themes,
    countries and figures of the edition and across editions."""
    earlier = edition.series.editions.get(number=1)
    codes = ["PL", "HU", "CZ", "SK", "RS", "BG"]
    for _ in range(count):
        index = edition.sessions.count()
        source = SourceFactory()
        session = SessionFactory(
            edition=edition,
            source=source,
            starts_at=dt.datetime(2023, 11, 13, 1 + index, tzinfo=dt.UTC),
            day=edition.start_date,
        )
        SessionTopicFactory(session=session)
        SessionTopicFactory(session=session)
        SessionRoleFactory(session=session)
        ThemeFactory(edition=edition, source=source, is_primary=False, text_en=f"Theme {index}")
        EditionOrganiserFactory(edition=edition, source=source)
        EditionCountryFactory(edition=edition, country=codes[index], source=source)
        person = PersonFactory(organisation__country=codes[index])
        delegation = DelegationFactory(edition=edition, country=codes[index], head=person)
        RegistrationFactory(edition=edition, person=person, delegation=delegation)
        ReportedFigureFactory(
            series=edition.series,
            first_edition=edition,
            last_edition=edition,
            session=session,
            source=source,
        )
        ReportedFigureFactory(
            series=edition.series, first_edition=earlier, last_edition=edition, source=source
        )
    return edition_url(edition)


def add_countries_items(edition, count: int) -> str:
    codes = ["PL", "HU", "CZ", "SK", "RS", "BG"]
    for _ in range(count):
        EditionCountryFactory(edition=edition, country=codes[edition.countries.count()])
    return "/countries/"


def add_country_items(series, count: int) -> str:
    city = CityFactory(name="Warsaw", name_zh="华沙", country="PL", time_zone="Europe/Warsaw")
    for _ in range(count):
        OrganisationFactory(country="PL", city=city)
        edition = EditionFactory(series=series, number=series.editions.count() + 1)
        EditionCountryFactory(edition=edition, country="PL", source=SourceFactory())
    return "/countries/PL/"


def add_session_items(edition, count: int) -> str:
    """Topics, speakers and reported figures of one session."""
    session = edition.sessions.first() or SessionFactory(edition=edition)
    for _ in range(count):
        SessionTopicFactory(session=session)
        SessionRoleFactory(session=session)
        ReportedFigureFactory(
            series=edition.series, first_edition=edition, last_edition=edition, session=session
        )
    return session_url(session)


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def plain_edition(db):
    series = SeriesFactory(slug="plain", mechanism=MechanismFactory())
    EditionFactory(series=series, number=1)
    return EditionFactory(
        series=series, number=2, start_date=dt.date(2023, 11, 13), end_date=dt.date(2023, 11, 13)
    )


@pytest.fixture
def page_builders(plain_edition):
    """Per list page: a function that adds ``count`` items and returns the page's URL."""
    return {
        "home": lambda count: add_home_items(count),
        "series": lambda count: add_series_items(plain_edition.series, count),
        "edition": lambda count: add_edition_items(plain_edition, count),
        "countries": lambda count: add_countries_items(plain_edition, count),
        "country": lambda count: add_country_items(plain_edition.series, count),
    }


EXPECTED_QUERIES = {
    "home": HOME_QUERIES,
    "series": SERIES_QUERIES,
    "edition": EDITION_QUERIES,
    "countries": COUNTRIES_QUERIES,
    "country": COUNTRY_QUERIES,
}


@pytest.mark.parametrize("page_name", list(EXPECTED_QUERIES))
def test_list_page_query_count_same_for_one_and_three_items(client, page_builders, page_name):
    url = page_builders[page_name](1)
    with_one = count_queries(client, url)
    page_builders[page_name](2)
    with_three = count_queries(client, url)

    assert with_one == with_three


@pytest.mark.parametrize("item_count", [1, 3])
@pytest.mark.parametrize("page_name", list(EXPECTED_QUERIES))
def test_list_page_query_count_is_fixed(
    client, page_builders, django_assert_num_queries, page_name, item_count
):
    url = page_builders[page_name](item_count)

    with django_assert_num_queries(EXPECTED_QUERIES[page_name]):
        response = client.get(url)

    assert response.status_code == 200


SESSION_QUERIES = 5


def test_session_page_query_count_same_for_one_and_three_figures(client, plain_edition):
    url = add_session_items(plain_edition, 1)
    with_one = count_queries(client, url)
    add_session_items(plain_edition, 2)
    with_three = count_queries(client, url)

    assert with_one == with_three


@pytest.mark.parametrize("item_count", [1, 3])
def test_session_page_query_count_is_fixed(
    client, plain_edition, django_assert_num_queries, item_count
):
    url = add_session_items(plain_edition, item_count)

    with django_assert_num_queries(SESSION_QUERIES):
        client.get(url)


# --- API -------------------------------------------------------------------------------------


def test_api_lists_series(client, edition):
    SeriesFactory(slug="another", name_en="Another SME Forum", name_zh="")

    response = client.get("/api/v1/series")

    assert response.status_code == 200
    assert response.json() == [
        {"slug": "another", "name_en": "Another SME Forum", "name_zh": ""},
        {
            "slug": "cangzhou",
            "name_en": "China-CEEC (Cangzhou) SME Cooperation Forum",
            "name_zh": "中国—中东欧国家（沧州）中小企业合作论坛",
        },
    ]


def test_api_lists_published_editions_of_a_series(client, edition):
    EditionFactory(series=edition.series, number=9, is_published=False)

    response = client.get("/api/v1/series/cangzhou/editions")

    assert response.status_code == 200
    assert response.json() == [
        {
            "number": 5,
            "start_date": "2023-11-13",
            "end_date": "2023-11-14",
            "time_zone": "Asia/Shanghai",
            "venue": "Cangzhou International Convention Centre",
            "format": "in_person",
            "theme_en": "Expanding Openness and Cooperation for Mutual Development",
            "theme_zh": "扩大开放合作 实现互利共赢",
        },
        {
            "number": 1,
            "start_date": "2018-01-01",
            "end_date": "2018-01-01",
            "time_zone": "Asia/Shanghai",
            "venue": "Cangzhou International Convention Centre",
            "format": "in_person",
            "theme_en": None,
            "theme_zh": None,
        },
    ]


def test_api_editions_of_unknown_series_returns_404(client, db):
    assert client.get("/api/v1/series/no-such-forum/editions").status_code == 404


def test_api_openapi_document_describes_both_endpoints(client, db):
    response = client.get("/api/v1/openapi.json")
    document = json.loads(response.content)

    assert response.status_code == 200
    assert {"/api/v1/series", "/api/v1/series/{slug}/editions"} <= set(document["paths"])
    assert document["info"]["title"] == "smeforum API"
