"""What the outcomes registry adds up to, counted in the database.

Every total is an aggregate query (``GROUP BY`` in SQL): nothing here loops over outcomes in
Python, so time is a few table scans and memory stays flat however many outcomes there are.
Python only sees the groups: one per outcome kind, amount kind, currency and conversion date.

Rules:

* outcomes with status ``cancelled`` are left out of every count, amount and sister-city total;
* a scope is a series and a set of edition numbers; ``None`` means every edition **and** the
  outcomes signed between editions (``edition`` empty), which no set of editions includes;
* an amount is converted at the rate of its outcome's ``signed_on`` date (else the start date of
  its edition), or at one ``rate_date`` for the whole report. Amounts with neither date are
  counted per currency but left out of the converted total (``KindTotal.undated``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connections
from django.db.models import BigIntegerField, Count, F, Q, Sum
from django.db.models.functions import Cast, Round

from smeforum.forums.models import Edition, ForumSeries
from smeforum.money.conversion import RateBook
from smeforum.outcomes.models import Outcome, OutcomeAmount, SisterCityLink
from smeforum.reference.models import OutcomeKind

CENT = Decimal("0.01")
#: Every status but ``cancelled``: the statuses a report counts.
COUNTED_STATUSES = tuple(s for s in Outcome.Status.values if s != Outcome.Status.CANCELLED)
SIGNED_STAGE = SisterCityLink.Stage.SIGNED
INTENT_STAGES = (SisterCityLink.Stage.INTENT, SisterCityLink.Stage.LETTER_OF_INTENT)


@dataclass(frozen=True)
class Scope:
    """Which outcomes a total counts: a series, optionally some editions and one session."""

    series: ForumSeries
    editions: tuple[int, ...] | None = None  # None: all editions and between editions
    session_id: int | None = None

    def outcome_filter(self, prefix: str = "") -> Q:
        """The condition on outcomes (through ``prefix``, e.g. ``"outcome__"``)."""
        condition = Q(**{f"{prefix}series": self.series, f"{prefix}status__in": COUNTED_STATUSES})
        if self.editions is not None:
            editions = Edition.objects.filter(series=self.series, number__in=self.editions)
            condition &= Q(**{f"{prefix}edition__in": editions.values("id")})
        if self.session_id is not None:
            condition &= Q(**{f"{prefix}session_id": self.session_id})
        return condition


@dataclass(frozen=True)
class AmountGroup:
    """The sum of the amounts (of one amount kind) of one outcome kind, currency and date."""

    kind_id: int
    currency: str
    on: dt.date | None  # the outcomes' signing date, else their edition's start date
    total: Decimal


@dataclass
class KindTotal:
    """What the records of one outcome kind add up to, for one kind of amount."""

    kind: OutcomeKind
    count: int = 0
    amount: dict[str, Decimal] = field(default_factory=dict)  # currency → sum
    converted: Decimal = Decimal("0.00")  # ``amount`` in the report's currency
    undated: dict[str, Decimal] = field(default_factory=dict)  # not in ``converted``

    @property
    def slug(self) -> str:
        return self.kind.slug


@dataclass(frozen=True)
class SisterCityTotals:
    count: int = 0  # relationships at stage "agreement signed"
    cities: int = 0  # distinct foreign cities among those
    countries: int = 0  # distinct countries of those foreign cities
    intents: int = 0  # relationships at stage "intent" or "letter of intent"
    links: int = 0  # relationships at any stage

    def as_dict(self) -> dict[str, int]:
        return {
            "count": self.count,
            "cities": self.cities,
            "countries": self.countries,
            "intents": self.intents,
        }


def amount_sum(alias: str) -> Sum:
    """An exact ``Sum`` of ``amount``. SQLite stores decimals as floating point and sums them in
    floating point, so there the cents are summed as integers (exact up to 9.2e16 units)."""
    if connections[alias].vendor == "sqlite":
        return Sum(Cast(Round(F("amount") * 100), BigIntegerField()))
    return Sum("amount")


def as_amount(value, alias: str) -> Decimal:
    if connections[alias].vendor == "sqlite":
        return (Decimal(value) / 100).quantize(CENT)
    return Decimal(value).quantize(CENT)


def kind_counts(scope: Scope) -> dict[int, int]:
    """Outcome kind id → number of outcomes in scope (one query)."""
    rows = (
        Outcome.objects.filter(scope.outcome_filter())
        .values("kind_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["kind_id"]: row["n"] for row in rows}


def amount_groups(scope: Scope, amount_kind: str, *, by_date: bool = True) -> list[AmountGroup]:
    """The amounts of ``amount_kind`` in scope summed per outcome kind, currency and (with
    ``by_date``) conversion date: ``signed_on``, else the edition's start; one query."""
    alias = OutcomeAmount.objects.db
    fields = ["outcome__kind_id", "currency"]
    if by_date:
        fields += ["outcome__signed_on", "outcome__edition_id"]
    rows = (
        OutcomeAmount.objects.filter(scope.outcome_filter("outcome__"), amount_kind=amount_kind)
        .values(*fields)
        .annotate(total=amount_sum(alias))
        .order_by()
    )
    starts = (
        dict(Edition.objects.filter(series=scope.series).values_list("id", "start_date"))
        if by_date
        else {}
    )
    groups = []
    for row in rows:
        on = None
        if by_date:
            on = row["outcome__signed_on"] or starts.get(row["outcome__edition_id"])
        groups.append(
            AmountGroup(
                kind_id=row["outcome__kind_id"],
                currency=row["currency"],
                on=on,
                total=as_amount(row["total"], alias),
            )
        )
    return groups


def amounts_per_kind(groups: list[AmountGroup]) -> dict[int, dict[str, Decimal]]:
    """Outcome kind id → currency → sum."""
    sums: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for group in groups:
        sums[group.kind_id][group.currency] += group.total
    return {kind: dict(sorted(per_currency.items())) for kind, per_currency in sums.items()}


def count_sister_cities(scope: Scope) -> SisterCityTotals:
    """Sister-city relationships of the outcomes in scope (one query)."""
    signed = Q(stage=SIGNED_STAGE)
    totals = SisterCityLink.objects.filter(scope.outcome_filter("outcome__")).aggregate(
        links=Count("id"),
        count=Count("id", filter=signed),
        cities=Count("foreign_city", filter=signed, distinct=True),
        countries=Count("foreign_city__country", filter=signed, distinct=True),
        intents=Count("id", filter=Q(stage__in=INTENT_STAGES)),
    )
    return SisterCityTotals(**totals)


def count_kinds(
    scope: Scope,
    *,
    currency: str,
    book: RateBook,
    amount_kind: str = OutcomeAmount.Kind.CONTRACTUAL,
    rate_date: dt.date | None = None,
) -> dict[str, KindTotal]:
    """Outcome kind slug → its count, its amounts of ``amount_kind`` per currency, and those
    converted into ``currency`` with ``book``: each (currency, date) group converted once and
    added up. Kinds in their shipped order. Two aggregate queries, whatever the number of
    outcomes.

    Raises ``RateUnavailable`` (from ``book``) when a date has no rate.
    """
    counts = kind_counts(scope)
    groups = amount_groups(scope, amount_kind, by_date=rate_date is None)
    kind_ids = set(counts) | {group.kind_id for group in groups}
    kinds = OutcomeKind.objects.filter(id__in=kind_ids).order_by("order", "slug")
    totals = {kind.id: KindTotal(kind=kind, count=counts.get(kind.id, 0)) for kind in kinds}
    for kind_id, per_currency in amounts_per_kind(groups).items():
        totals[kind_id].amount = per_currency
    for group in groups:
        total = totals[group.kind_id]
        on = rate_date or group.on
        if on is None:
            total.undated[group.currency] = total.undated.get(group.currency, 0) + group.total
            continue
        total.converted += book.convert(group.total, group.currency, currency, on).amount
    return {total.slug: total for total in totals.values()}
