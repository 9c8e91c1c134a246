"""Breakdowns of a series' outcomes for the results dashboard's charts and map.

Everything is aggregated by the database: counts of outcomes and sums of amounts grouped by
edition, field of cooperation or country, and by (currency, date) so each group is converted
once into the report currency with a :class:`~smeforum.money.conversion.RateBook`. No Python
loop walks over outcomes; the number of queries does not depend on how many there are.

Cancelled outcomes are left out. Amounts are the contractual ones (the amount signed), as in the
report. An outcome with several fields of cooperation, or with parties from several foreign
countries, counts under each of them: those bars add up to more than the total, and the page says
so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connections
from django.db.models import BigIntegerField, Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Cast, Coalesce, Round
from django.utils.translation import gettext as _

from smeforum.forums.models import ForumSeries
from smeforum.money.conversion import Rate, RateBook, RateUnavailable
from smeforum.outcomes.models import Outcome, OutcomeAmount, OutcomeParty, SisterCityLink
from smeforum.reference.bilingual import pick
from smeforum.reference.countries import get_country
from smeforum.reporting.counting import Scope

CHINA = "CN"
AMOUNT_KIND = OutcomeAmount.Kind.CONTRACTUAL
CENT = Decimal("0.01")


@dataclass
class Row:
    """One bar: a group of outcomes, how many, and their amounts."""

    key: str  # edition number, field slug or country code; "" for none recorded
    name_en: str
    name_zh: str = ""
    count: int = 0
    amount: Decimal = Decimal(0)  # converted into the breakdown currency
    amounts: dict[str, Decimal] = field(default_factory=dict)  # as entered, by currency
    unconverted: dict[str, Decimal] = field(default_factory=dict)  # no rate found

    @property
    def label(self) -> str:
        return pick(self.name_en, self.name_zh)


@dataclass(frozen=True)
class CityPoint:
    id: int
    name: str
    name_zh: str
    country: str
    latitude: Decimal | None
    longitude: Decimal | None

    @property
    def label(self) -> str:
        return pick(self.name, self.name_zh)

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class LinkRow:
    """A sister-city link for the map: Chinese city → foreign city, stage and date."""

    outcome_id: int
    chinese: CityPoint
    foreign: CityPoint
    stage: str
    stage_label: str
    on: dt.date | None
    level: str

    @property
    def located(self) -> bool:
        return self.chinese.located and self.foreign.located


@dataclass
class Breakdowns:
    currency: str
    by_edition: list[Row]
    by_field: list[Row]
    by_country: list[Row]
    links: list[LinkRow]
    rates: list[Rate]
    problems: list[str]  # rates that could not be found, as messages

    @property
    def total_count(self) -> int:
        return sum(row.count for row in self.by_edition)

    @property
    def has_amounts(self) -> bool:
        return any(row.amount > 0 for row in self.by_edition)


def scoped_outcomes(series: ForumSeries, editions: list[int] | None = None) -> QuerySet[Outcome]:
    """The series' outcomes that count, as the report counts them: not cancelled; of the
    editions numbered ``editions`` when given, else all of them and those between editions."""
    scope = Scope(series, None if editions is None else tuple(editions))
    return Outcome.objects.filter(scope.outcome_filter())


def _amount_sum(field_name: str, alias: str) -> Sum:
    """An exact sum of a decimal column: SQLite sums decimals in floating point, so there the
    cents are summed as integers, as in :mod:`smeforum.reporting.counting`."""
    if connections[alias].vendor == "sqlite":
        return Sum(Cast(Round(F(field_name) * 100), BigIntegerField()))
    return Sum(field_name)


def _as_amount(value, alias: str) -> Decimal:
    if value is None:
        return Decimal("0.00")
    if connections[alias].vendor == "sqlite":
        return (Decimal(value) / 100).quantize(CENT)
    return Decimal(value).quantize(CENT)


class _Converter:
    def __init__(self, currency: str, rate_date: dt.date | None, nearest: bool) -> None:
        self.currency = currency
        self.rate_date = rate_date
        self.book = RateBook(nearest=nearest)
        self.problems: dict[str, str] = {}

    def add(self, row: Row, currency: str, day: dt.date | None, raw) -> None:
        """Add the summed ``raw`` amount of ``currency`` signed on ``day`` to ``row``,
        converted."""
        total = _as_amount(raw, OutcomeAmount.objects.db)
        row.amounts[currency] = row.amounts.get(currency, Decimal(0)) + total
        on = self.rate_date or day
        if on is None:
            message = _("An amount in %(currency)s has no date to convert it at.") % {
                "currency": currency
            }
            self.problems.setdefault(f"{currency}:undated", message)
            row.unconverted[currency] = row.unconverted.get(currency, Decimal(0)) + total
            return
        try:
            converted = self.book.convert(total, currency, self.currency, on)
        except RateUnavailable as error:
            self.problems.setdefault(f"{currency}:{on}", str(error))
            row.unconverted[currency] = row.unconverted.get(currency, Decimal(0)) + total
            return
        row.amount += converted.amount


def _amounts(outcomes: QuerySet[Outcome]) -> QuerySet[OutcomeAmount]:
    return OutcomeAmount.objects.filter(outcome__in=outcomes, amount_kind=AMOUNT_KIND)


_DAY = Coalesce("outcome__signed_on", "outcome__edition__start_date")


def _sorted_by_size(rows: dict[str, Row]) -> list[Row]:
    """Largest amount first, then most outcomes; the “none recorded” row last."""
    return sorted(
        rows.values(),
        key=lambda row: (row.key == "", -row.amount, -row.count, row.name_en.casefold()),
    )


def _by_edition(outcomes: QuerySet[Outcome], convert: _Converter) -> list[Row]:
    rows: dict[str, Row] = {}

    def row_for(number: int | None) -> Row:
        key = "" if number is None else str(number)
        if key not in rows:
            if number is None:
                rows[key] = Row(key, "between editions", "届间")
            else:
                rows[key] = Row(key, f"Edition {number}", f"第{number}届")
        return rows[key]

    for entry in outcomes.values("edition__number").annotate(n=Count("id")).order_by():
        row_for(entry["edition__number"]).count = entry["n"]
    groups = (
        _amounts(outcomes)
        .values(number=F("outcome__edition__number"), cur=F("currency"), day=_DAY)
        .annotate(total=_amount_sum("amount", OutcomeAmount.objects.db))
        .order_by()
    )
    for entry in groups:
        convert.add(row_for(entry["number"]), entry["cur"], entry["day"], entry["total"])
    return sorted(rows.values(), key=lambda row: (row.key == "", int(row.key or 0)))


def _by_field(outcomes: QuerySet[Outcome], convert: _Converter) -> list[Row]:
    rows: dict[str, Row] = {}

    def row_for(slug: str | None, name_en: str | None, name_zh: str | None) -> Row:
        key = slug or ""
        if key not in rows:
            if slug is None:
                rows[key] = Row(key, "no field recorded", "未注明领域")
            else:
                rows[key] = Row(key, name_en or slug, name_zh or "")
        return rows[key]

    counts = (
        outcomes.values("fields__slug", "fields__name_en", "fields__name_zh")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    for entry in counts:
        row_for(
            entry["fields__slug"], entry["fields__name_en"], entry["fields__name_zh"]
        ).count = entry["n"]
    groups = (
        _amounts(outcomes)
        .values(
            slug=F("outcome__fields__slug"),
            name_en=F("outcome__fields__name_en"),
            name_zh=F("outcome__fields__name_zh"),
            cur=F("currency"),
            day=_DAY,
        )
        .annotate(total=_amount_sum("amount", OutcomeAmount.objects.db))
        .order_by()
    )
    for entry in groups:
        row = row_for(entry["slug"], entry["name_en"], entry["name_zh"])
        convert.add(row, entry["cur"], entry["day"], entry["total"])
    return _sorted_by_size(rows)


def counted_parties(outcomes: QuerySet[Outcome]) -> QuerySet[OutcomeParty]:
    """One party per (outcome, country) that an outcome counts under: its foreign parties
    (country other than China), or any party when it has none; the first such party of each
    country, so an outcome with two Polish parties counts once for Poland."""
    foreign = OutcomeParty.objects.filter(outcome=OuterRef("outcome")).exclude(country=CHINA)
    earlier = OutcomeParty.objects.filter(
        outcome=OuterRef("outcome"), country=OuterRef("country"), pk__lt=OuterRef("pk")
    )
    return (
        OutcomeParty.objects.filter(outcome__in=outcomes)
        .filter(~Q(country=CHINA) | ~Exists(foreign))
        .filter(~Exists(earlier))
    )


def _by_country(outcomes: QuerySet[Outcome], convert: _Converter) -> list[Row]:
    rows: dict[str, Row] = {}

    def row_for(code: str | None) -> Row:
        key = code or ""
        if key not in rows:
            country = get_country(key) if key else None
            if country is None:
                rows[key] = Row(key, key or "no party recorded", key or "未记录当事方")
            else:
                rows[key] = Row(key, country.name_en, country.name_zh)
        return rows[key]

    parties = counted_parties(outcomes)
    for entry in parties.values("country").annotate(n=Count("outcome", distinct=True)).order_by():
        row_for(entry["country"]).count = entry["n"]
    groups = (
        parties.filter(outcome__amounts__amount_kind=AMOUNT_KIND)
        .values(
            code=F("country"),
            cur=F("outcome__amounts__currency"),
            day=Coalesce("outcome__signed_on", "outcome__edition__start_date"),
        )
        .annotate(total=_amount_sum("outcome__amounts__amount", OutcomeParty.objects.db))
        .order_by()
    )
    for entry in groups:
        convert.add(row_for(entry["code"]), entry["cur"], entry["day"], entry["total"])
    partyless = outcomes.filter(~Exists(OutcomeParty.objects.filter(outcome=OuterRef("pk"))))
    lone = partyless.aggregate(n=Count("id"))["n"]
    if lone:
        row_for(None).count = lone
        groups = (
            _amounts(partyless)
            .values(cur=F("currency"), day=_DAY)
            .annotate(total=_amount_sum("amount", OutcomeAmount.objects.db))
            .order_by()
        )
        for entry in groups:
            convert.add(row_for(None), entry["cur"], entry["day"], entry["total"])
    return _sorted_by_size(rows)


def _city(entry: dict, prefix: str) -> CityPoint:
    return CityPoint(
        id=entry[f"{prefix}_id"],
        name=entry[f"{prefix}__name"],
        name_zh=entry[f"{prefix}__name_zh"],
        country=entry[f"{prefix}__country"],
        latitude=entry[f"{prefix}__latitude"],
        longitude=entry[f"{prefix}__longitude"],
    )


def sister_city_links(outcomes: QuerySet[Outcome]) -> list[LinkRow]:
    """The sister-city links among ``outcomes``, with both cities' coordinates (one query)."""
    columns = ["id", "name", "name_zh", "country", "latitude", "longitude"]
    stages = dict(SisterCityLink.Stage.choices)
    entries = (
        SisterCityLink.objects.filter(outcome__in=outcomes)
        .values(
            "outcome_id",
            "stage",
            "on",
            "level",
            *(f"chinese_city__{c}" if c != "id" else "chinese_city_id" for c in columns),
            *(f"foreign_city__{c}" if c != "id" else "foreign_city_id" for c in columns),
        )
        .order_by("chinese_city__name", "foreign_city__name", "stage")
    )
    return [
        LinkRow(
            outcome_id=entry["outcome_id"],
            chinese=_city(entry, "chinese_city"),
            foreign=_city(entry, "foreign_city"),
            stage=entry["stage"],
            stage_label=str(stages.get(entry["stage"], entry["stage"])),
            on=entry["on"],
            level=entry["level"],
        )
        for entry in entries
    ]


def build_breakdowns(
    series: ForumSeries,
    *,
    editions: list[int] | None = None,
    currency: str = "USD",
    rate_date: dt.date | None = None,
    nearest: bool = False,
) -> Breakdowns:
    """Outcomes of ``series`` (of the editions numbered ``editions`` when given) by edition,
    field and country, in ``currency``, and the sister-city links for the map. Amounts are
    converted at the rate of each outcome's signing date (its edition's first day when
    undated), or at ``rate_date``."""
    outcomes = scoped_outcomes(series, editions)
    convert = _Converter(currency, rate_date, nearest)
    by_edition = _by_edition(outcomes, convert)
    by_field = _by_field(outcomes, convert)
    by_country = _by_country(outcomes, convert)
    return Breakdowns(
        currency=currency,
        by_edition=by_edition,
        by_field=by_field,
        by_country=by_country,
        links=sister_city_links(outcomes),
        rates=convert.book.rates_used(),
        problems=list(convert.problems.values()),
    )
