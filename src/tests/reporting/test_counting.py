"""Counting the registry in the database: kinds, amounts per currency, conversion per
(currency, date) group, sister cities; cancelled outcomes and scopes."""

import datetime as dt
from decimal import Decimal

import pytest

from smeforum.money.conversion import RateBook
from smeforum.reporting.counting import Scope, count_kinds, count_sister_cities
from tests.reporting.factories import AmountFactory, OutcomeFactory, kind

pytestmark = pytest.mark.unit


def summary(totals):
    return {
        slug: (total.count, total.amount, total.converted, total.undated)
        for slug, total in totals.items()
    }


def test_editions_count_kinds_amounts_and_convert_at_signing_dates(registry):
    book = RateBook()

    totals = count_kinds(Scope(registry, (1, 2)), currency="USD", book=book)

    # CNY 1,000,000 at 2019-11-09 (a Saturday: Friday's rate) = 143,085.00; EUR 500,000 at
    # the edition's start 2019-11-09 = 551,700.00; USD 300,000; CNY 100,000 at 2021-09-01 =
    # 15,463.03. The cancelled project (CNY 9,999,999) is not counted.
    assert summary(totals) == {
        "cooperation_project": (
            3,
            {
                "CNY": Decimal("1100000.00"),
                "EUR": Decimal("500000.00"),
                "USD": Decimal("300000.00"),
            },
            Decimal("1010248.03"),
            {},
        ),
        "memorandum": (1, {}, Decimal("0.00"), {}),
        "sister_city": (5, {}, Decimal("0.00"), {}),
    }
    assert [(r.base, r.quote, r.on, r.requested_on) for r in book.rates_used()] == [
        ("CNY", "USD", dt.date(2019, 11, 8), dt.date(2019, 11, 9)),
        ("CNY", "USD", dt.date(2021, 9, 1), dt.date(2021, 9, 1)),
        ("EUR", "USD", dt.date(2019, 11, 8), dt.date(2019, 11, 9)),
    ]


def test_all_editions_include_outcomes_between_editions(registry):
    totals = count_kinds(Scope(registry, None), currency="USD", book=RateBook())

    # + EUR 250,000 at 2020-06-15 = 281,325.00; the undated EUR 40,000 is counted per currency
    # but cannot be converted.
    assert summary(totals) == {
        "cooperation_project": (
            4,
            {
                "CNY": Decimal("1100000.00"),
                "EUR": Decimal("750000.00"),
                "USD": Decimal("300000.00"),
            },
            Decimal("1291573.03"),
            {},
        ),
        "memorandum": (1, {}, Decimal("0.00"), {}),
        "sister_city": (6, {}, Decimal("0.00"), {}),
        "technology_transfer": (
            1,
            {"EUR": Decimal("40000.00")},
            Decimal("0.00"),
            {"EUR": Decimal("40000.00")},
        ),
    }


def test_one_rate_date_converts_each_currency_once(registry):
    book = RateBook()

    totals = count_kinds(
        Scope(registry, (1, 2)), currency="USD", book=book, rate_date=dt.date(2023, 12, 22)
    )

    # CNY 1,100,000 = 154,187.44; EUR 500,000 = 551,150.00; USD 300,000.
    assert totals["cooperation_project"].converted == Decimal("1005337.44")
    assert [(r.base, r.on) for r in book.rates_used()] == [
        ("CNY", dt.date(2023, 12, 22)),
        ("EUR", dt.date(2023, 12, 22)),
    ]


def test_planned_amounts_when_asked(registry):
    totals = count_kinds(
        Scope(registry, (1,)), currency="CNY", book=RateBook(), amount_kind="planned"
    )

    project = totals["cooperation_project"]
    assert (project.count, project.amount, project.converted) == (
        2,
        {"CNY": Decimal("200000.00")},
        Decimal("200000.00"),
    )


def test_an_edition_without_records_counts_nothing(registry):
    assert count_kinds(Scope(registry, (3,)), currency="USD", book=RateBook()) == {}


def test_sister_cities_signed_cities_countries_and_intents(registry):
    editions = count_sister_cities(Scope(registry, (1, 2)))
    everything = count_sister_cities(Scope(registry, None))

    # Signed: Warsaw, Budapest (twice); intents: Győr (letter), Belgrade; the cancelled signed
    # link with Győr is left out; between editions: Belgrade signed.
    assert editions.as_dict() == {"count": 3, "cities": 2, "countries": 2, "intents": 2}
    assert everything.as_dict() == {"count": 4, "cities": 3, "countries": 3, "intents": 2}
    assert (editions.links, everything.links) == (5, 6)


def test_sums_are_exact_to_the_cent(series):
    """SQLite would add 0.10 + 0.20 in floating point; the totals stay exact."""
    edition = series.editions.get(number=1)
    for value in ("0.10", "0.20", "1234567890123.45", "0.01"):
        AmountFactory(outcome=OutcomeFactory(series=series, edition=edition), amount=Decimal(value))

    totals = count_kinds(Scope(series, (1,)), currency="CNY", book=RateBook())

    assert totals["cooperation_project"].amount == {"CNY": Decimal("1234567890123.76")}


def test_queries_do_not_grow_with_the_number_of_outcomes(series, django_assert_num_queries):
    edition = series.editions.get(number=2)
    project = kind("cooperation_project")

    def add(n):
        for _ in range(n):
            AmountFactory(
                outcome=OutcomeFactory(series=series, edition=edition, kind=project),
                currency="EUR",
            )

    add(2)
    with django_assert_num_queries(4):  # kinds, amount groups + edition dates, kind names
        count_kinds(Scope(series, (2,)), currency="USD", book=RateBook())
    add(20)
    with django_assert_num_queries(4):
        totals = count_kinds(Scope(series, (2,)), currency="USD", book=RateBook())
    assert totals["cooperation_project"].amount == {"EUR": Decimal("22000.00")}
