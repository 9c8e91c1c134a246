"""B2B matchmaking results per edition: meetings held, rated "cooperation possible", and those
that led to outcomes, with those outcomes' investment in CNY and its USD equivalent.

Rules (docs/matchmaking.md, "Trace: from meetings to outcomes"):

* a meeting **held** is an accepted (not cancelled) meeting of one of the edition's B2B sessions,
  placed in a slot that has ended (a report made before the event counts none), that no party
  rated "did not take place" (``not_held``);
* **cooperation possible**: a meeting held that at least one party rated ``cooperation``;
* a meeting that **led to an outcome** is a meeting of the edition (not cancelled) named by an
  outcome the report counts (not cancelled), whether or not its parties rated it;
* **outcomes**: those counted outcomes; their **investment** is their amounts of the report's
  kind of amount, each (currency, date) group converted with the report's counting rates, at
  the outcome's signing date (else its edition's start date) or at the report's ``rate_date``.

Every figure keeps the ids it is counted from (meetings, outcomes), so it can be traced.
A fixed number of queries per report, however many editions, meetings and outcomes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from smeforum.forums.models import Edition
from smeforum.matchmaking.models import MeetingRating
from smeforum.money.conversion import Rate, RateBook
from smeforum.outcomes.models import Outcome, OutcomeAmount
from smeforum.reporting.counting import Scope, amount_sum, as_amount
from smeforum.reporting.figures import plain
from smeforum.scheduling.models import Meeting

#: The currencies the investment of B2B outcomes is given in: yuan, and its US dollar equivalent.
B2B_CURRENCIES = ("CNY", "USD")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Conversion:
    """One group of amounts (currency, date) and what it came to in each of ``B2B_CURRENCIES``."""

    currency: str
    on: dt.date
    amount: Decimal
    converted: dict[str, Decimal]
    rates: dict[str, Rate]

    def as_dict(self) -> dict:
        return {
            "currency": self.currency,
            "date": self.on.isoformat(),
            "amount": plain(self.amount, money=True),
            "converted": {code: plain(v, money=True) for code, v in self.converted.items()},
            "rates": {code: rate.as_dict() for code, rate in self.rates.items()},
        }


@dataclass
class B2BResults:
    """One edition's B2B matchmaking results, with the ids behind each figure."""

    edition: Edition
    held: list[int] = field(default_factory=list)  # meeting ids
    cooperation: list[int] = field(default_factory=list)  # meeting ids
    traced: list[int] = field(default_factory=list)  # meeting ids named by a counted outcome
    outcomes: list[int] = field(default_factory=list)  # outcome ids
    amount: dict[str, Decimal] = field(default_factory=dict)  # currency → sum, as entered
    investment: dict[str, Decimal] = field(
        default_factory=lambda: dict.fromkeys(B2B_CURRENCIES, ZERO)
    )
    undated: dict[str, Decimal] = field(default_factory=dict)  # not in ``investment``
    conversions: list[Conversion] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.edition.number

    def as_dict(self) -> dict:
        return {
            "edition": self.number,
            "meetings_held": {"count": len(self.held), "meetings": self.held},
            "cooperation_possible": {
                "count": len(self.cooperation),
                "meetings": self.cooperation,
            },
            "led_to_outcome": {"count": len(self.traced), "meetings": self.traced},
            "outcomes": {"count": len(self.outcomes), "outcomes": self.outcomes},
            "investment": {
                "amount": {code: plain(v, money=True) for code, v in self.amount.items()},
                **{code: plain(self.investment[code], money=True) for code in B2B_CURRENCIES},
                "undated": {code: plain(v, money=True) for code, v in self.undated.items()},
                "conversions": [conversion.as_dict() for conversion in self.conversions],
            },
        }


def b2b_editions(scope: Scope) -> list[Edition]:
    """The editions in scope with at least one B2B session, by number (one query)."""
    editions = Edition.objects.filter(series=scope.series, sessions__b2b__isnull=False)
    if scope.editions is not None:
        editions = editions.filter(number__in=scope.editions)
    return list(editions.distinct().order_by("number"))


def _meetings(editions: list[Edition], counted) -> list[dict]:
    """Each meeting (not cancelled) of ``editions``: id, edition, placed, whether a party said
    it did not take place, whether one saw cooperation, whether a counted outcome names it."""
    ratings = MeetingRating.objects.filter(meeting=OuterRef("pk"))
    named = Outcome.meetings.through.objects.filter(
        meeting=OuterRef("pk"),
        outcome__in=counted,
        outcome__edition=OuterRef("b2b__session__edition"),
    )
    return list(
        Meeting.objects.filter(b2b__session__edition__in=editions)
        .exclude(status=Meeting.Status.CANCELLED)
        .annotate(
            not_held=Exists(ratings.filter(value=MeetingRating.Value.NOT_HELD)),
            cooperation=Exists(ratings.filter(value=MeetingRating.Value.COOPERATION)),
            named=Exists(named),
        )
        .values(
            "id", "b2b__session__edition_id", "slot__ends_at", "not_held", "cooperation", "named"
        )
        .order_by("id")
    )


def count_b2b(
    scope: Scope,
    *,
    book: RateBook,
    amount_kind: str = OutcomeAmount.Kind.CONTRACTUAL,
    rate_date: dt.date | None = None,
) -> list[B2BResults]:
    """The B2B results of each edition in scope that has a B2B session (see the module doc).
    Four queries. Raises ``RateUnavailable`` (from ``book``) when a date has no rate."""
    editions = b2b_editions(scope)
    if not editions:
        return []
    results = {edition.pk: B2BResults(edition=edition) for edition in editions}
    counted = Outcome.objects.filter(scope.outcome_filter())
    now = timezone.now()
    for row in _meetings(editions, counted):
        result = results[row["b2b__session__edition_id"]]
        ended = row["slot__ends_at"] is not None and row["slot__ends_at"] <= now
        if ended and not row["not_held"]:
            result.held.append(row["id"])
            if row["cooperation"]:
                result.cooperation.append(row["id"])
        if row["named"]:
            result.traced.append(row["id"])
    traced = counted.filter(
        edition__in=editions,
        meetings__status=Meeting.Status.ACCEPTED,
        meetings__b2b__session__edition=F("edition"),
    )
    for outcome_id, edition_id in traced.values_list("id", "edition_id").distinct().order_by("id"):
        results[edition_id].outcomes.append(outcome_id)
    if any(result.outcomes for result in results.values()):
        _add_investment(results, traced, amount_kind=amount_kind, book=book, rate_date=rate_date)
    return list(results.values())


def _add_investment(
    results: dict[int, B2BResults],
    traced,
    *,
    amount_kind: str,
    book: RateBook,
    rate_date: dt.date | None,
) -> None:
    """Add the amounts of the ``traced`` outcomes, as entered and converted, to ``results``."""
    alias = OutcomeAmount.objects.db
    rows = (
        OutcomeAmount.objects.filter(outcome__in=traced.values("id"), amount_kind=amount_kind)
        .values("outcome__edition_id", "currency", "outcome__signed_on")
        .annotate(total=amount_sum(alias))
        .order_by("outcome__edition_id", "currency", "outcome__signed_on")
    )
    amounts: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for row in rows:
        result = results[row["outcome__edition_id"]]
        total = as_amount(row["total"], alias)
        currency = row["currency"]
        amounts[result.edition.pk][currency] += total
        on = rate_date or row["outcome__signed_on"] or result.edition.start_date
        if on is None:
            result.undated[currency] = result.undated.get(currency, ZERO) + total
            continue
        converted, rates = {}, {}
        for code in B2B_CURRENCIES:
            conversion = book.convert(total, currency, code, on)
            converted[code] = conversion.amount
            rates[code] = conversion.rate
            result.investment[code] += conversion.amount
        result.conversions.append(Conversion(currency, on, total, converted, rates))
    for edition_id, per_currency in amounts.items():
        results[edition_id].amount = dict(sorted(per_currency.items()))
