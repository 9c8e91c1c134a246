"""The exchange rates one report uses, each looked up once and cited in the report."""

from __future__ import annotations

import datetime as dt

from smeforum.money.conversion import Rate, RateBook, RateUnavailable


class ReportRates:
    """Two memoising books: ``counting`` converts the registry's amounts (nearest date only when
    the report asks for it); checks of published figures use the rate of the publication date
    and fall back to the nearest date with data, saying so."""

    def __init__(self, *, nearest: bool = False) -> None:
        self.counting = RateBook(nearest=nearest)
        self._strict = RateBook(nearest=False)
        self._nearest = RateBook(nearest=True)

    def rate(self, base: str, quote: str, on: dt.date) -> tuple[Rate, bool]:
        """The rate for a check, and whether the nearest date had to stand in for ``on``."""
        try:
            return self._strict.rate(base, quote, on), False
        except RateUnavailable:
            return self._nearest.rate(base, quote, on), True

    def used(self) -> list[Rate]:
        """Every rate used, once, by base currency, date and quote."""
        rates = {
            *self.counting.rates_used(),
            *self._strict.rates_used(),
            *self._nearest.rates_used(),
        }
        return sorted(rates, key=lambda r: (r.base, r.on, r.quote, r.requested_on))
