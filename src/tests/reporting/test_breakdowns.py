"""Breakdowns for the results dashboard: by edition, field and country, converted per
(currency, date) group, cancelled outcomes left out, sister-city links with coordinates; and a
query count that does not grow with the number of outcomes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smeforum.outcomes.domain.outcomes import add_amount, add_party, set_outcome_fields
from smeforum.outcomes.domain.sister_cities import record_sister_city_link
from smeforum.outcomes.models import Outcome, OutcomeParty
from smeforum.reference.models import CooperationField
from smeforum.reporting.breakdowns import build_breakdowns
from tests.factories import CityFactory, EditionFactory, OrganisationFactory, SeriesFactory
from tests.reporting.factories import OutcomeFactory, kind

pytestmark = pytest.mark.integration

NOV_2023 = dt.date(2023, 11, 13)  # ECB: 1 EUR = 1.067 USD
NOV_2024 = dt.date(2024, 11, 7)  # ECB: 1 CNY = 0.13977… USD


def field(slug):
    return CooperationField.objects.get(slug=slug)


def outcome(series, edition, *, kind_slug="cooperation_project", signed_on=None, **extra):
    return OutcomeFactory(
        series=series,
        edition=edition,
        kind=kind(kind_slug),
        signed_on=signed_on,
        **extra,
    )


def party(outcome, country, role=OutcomeParty.Role.PARTY):
    return add_party(outcome, organisation=OrganisationFactory(country=country), country=country,
                     role=role)  # fmt: skip


@pytest.fixture
def series(db):
    """Edition 1 (2023-11-13) and edition 2 (2024-11-07)."""
    series = SeriesFactory(slug="breakdowns")
    EditionFactory(series=series, number=1, start_date=NOV_2023, end_date=NOV_2023)
    EditionFactory(series=series, number=2, start_date=NOV_2024, end_date=NOV_2024)
    return series


@pytest.fixture
def registry(series):
    """Edition 1: a USD project with two Polish parties, a EUR project in two fields with a
    Hungarian party, a memorandum with only a Chinese party, a cancelled USD project.
    Edition 2: an undated CNY project without parties. Between editions: a signed link
    Cangzhou–Warsaw and an intent Cangzhou–Kranj (Kranj without coordinates)."""
    ed1, ed2 = series.editions.get(number=1), series.editions.get(number=2)
    o1 = outcome(series, ed1, signed_on=NOV_2023)
    add_amount(o1, amount=Decimal("1000000"), currency="USD")
    set_outcome_fields(o1, fields=[field("foreign_trade")])
    party(o1, "CN", OutcomeParty.Role.CHINESE_PARTY)
    party(o1, "PL")
    party(o1, "PL")
    o2 = outcome(series, ed1, signed_on=NOV_2023)
    add_amount(o2, amount=Decimal("2000000"), currency="EUR")
    set_outcome_fields(o2, fields=[field("foreign_trade"), field("new_materials")])
    party(o2, "CN")
    party(o2, "HU")
    o3 = outcome(series, ed1, kind_slug="memorandum", signed_on=NOV_2023)
    party(o3, "CN")
    cancelled = outcome(series, ed1, signed_on=NOV_2023, status=Outcome.Status.CANCELLED)
    add_amount(cancelled, amount=Decimal("5000000"), currency="USD")
    set_outcome_fields(cancelled, fields=[field("foreign_trade")])
    party(cancelled, "PL")
    o5 = outcome(series, ed2, signed_on=None)  # converted at the edition's first day
    add_amount(o5, amount=Decimal("10000000"), currency="CNY")
    set_outcome_fields(o5, fields=[field("high_end_manufacturing")])
    cangzhou = CityFactory(name="Cangzhou")  # the series' host city, already recorded
    cangzhou.latitude, cangzhou.longitude = Decimal("38.311240"), Decimal("116.853340")
    cangzhou.save()
    warsaw = CityFactory(
        name="Warsaw",
        name_zh="华沙",
        country="PL",
        latitude=Decimal("52.229770"),
        longitude=Decimal("21.011780"),
    )
    kranj = CityFactory(name="Kranj", name_zh="", country="SI")
    record_sister_city_link(
        series, chinese_city=cangzhou, foreign_city=warsaw, stage="signed",
        on=dt.date(2021, 12, 15),
    )  # fmt: skip
    record_sister_city_link(series, chinese_city=cangzhou, foreign_city=kranj, stage="intent")
    return series


def rows(breakdown):
    return [(row.key, row.name_en, row.count, row.amount) for row in breakdown]


def test_by_edition_converts_each_currency_and_date_group(registry):
    result = build_breakdowns(registry, currency="USD")
    assert rows(result.by_edition) == [
        ("1", "Edition 1", 3, Decimal("3134000.00")),  # 1,000,000 USD + 2,000,000 EUR × 1.067
        ("2", "Edition 2", 1, Decimal("1397763.06")),  # 10,000,000 CNY at 2024-11-07
        ("", "between editions", 2, Decimal("0")),
    ]
    assert result.by_edition[0].amounts == {
        "EUR": Decimal("2000000.00"),
        "USD": Decimal("1000000.00"),
    }
    assert [(r.base, r.quote, r.on) for r in result.rates] == [
        ("CNY", "USD", NOV_2024),
        ("EUR", "USD", NOV_2023),
    ]
    assert result.problems == []
    assert result.total_count == 6


def test_by_field_counts_an_outcome_under_each_of_its_fields(registry):
    result = build_breakdowns(registry, currency="USD")
    assert rows(result.by_field) == [
        ("foreign_trade", "foreign trade", 2, Decimal("3134000.00")),
        ("new_materials", "new materials", 1, Decimal("2134000.00")),
        ("high_end_manufacturing", "high-end manufacturing", 1, Decimal("1397763.06")),
        ("", "no field recorded", 3, Decimal("0")),
    ]


def test_by_country_of_the_foreign_party(registry):
    """Two Polish parties count once for Poland; an outcome with only Chinese parties counts
    for China; one without parties is “no party recorded”; the cancelled one is left out."""
    result = build_breakdowns(registry, currency="USD")
    assert rows(result.by_country) == [
        ("HU", "Hungary", 1, Decimal("2134000.00")),
        ("PL", "Poland", 2, Decimal("1000000.00")),
        ("CN", "China", 1, Decimal("0")),
        ("SI", "Slovenia", 1, Decimal("0")),
        ("", "no party recorded", 1, Decimal("1397763.06")),
    ]


def test_in_another_currency_and_for_one_edition(registry):
    result = build_breakdowns(registry, editions=[2], currency="CNY")
    assert rows(result.by_edition) == [("2", "Edition 2", 1, Decimal("10000000.00"))]
    assert result.rates == []  # CNY to CNY needs no rate
    assert result.links == []


def test_sister_city_links_with_coordinates(registry):
    links = build_breakdowns(registry, currency="USD").links
    assert [
        (
            link.chinese.name,
            link.foreign.name,
            link.foreign.name_zh,
            link.foreign.country,
            link.stage,
            link.stage_label,
            link.on,
            link.located,
        )
        for link in links
    ] == [
        ("Cangzhou", "Kranj", "", "SI", "intent", "intent", None, False),
        ("Cangzhou", "Warsaw", "华沙", "PL", "signed", "agreement signed", dt.date(2021, 12, 15),
         True),
    ]  # fmt: skip
    warsaw = links[1].foreign
    assert (warsaw.latitude, warsaw.longitude) == (Decimal("52.229770"), Decimal("21.011780"))


def test_no_outcomes(series):
    result = build_breakdowns(series, currency="USD")
    assert (result.by_edition, result.by_field, result.by_country, result.links) == ([], [], [], [])
    assert not result.has_amounts


def queries(series) -> int:
    with CaptureQueriesContext(connection) as captured:
        build_breakdowns(series, currency="USD")
    return len(captured.captured_queries)


def test_query_count_does_not_grow_with_outcomes(series):
    ed1 = series.editions.get(number=1)

    def add(currency):
        new = outcome(series, ed1, signed_on=NOV_2023)
        add_amount(new, amount=Decimal("1000"), currency=currency)
        set_outcome_fields(new, fields=[field("foreign_trade"), field("education")])
        party(new, "CN")
        party(new, "PL")

    add("EUR")
    one = queries(series)
    add("EUR")
    add("USD")
    assert queries(series) == one
