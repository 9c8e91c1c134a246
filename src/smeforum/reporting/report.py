"""A report on one series: what its records add up to, what was published, and how the two
reconcile. ``Report.as_dict()`` is the stable JSON shape documented in docs/reports.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from smeforum.forums.models import ForumSeries, ReportedFigure
from smeforum.money.conversion import Rate, rate_for
from smeforum.outcomes.models import OutcomeAmount
from smeforum.reference.countries import currency_codes
from smeforum.reporting import compare
from smeforum.reporting.b2b import B2BResults, count_b2b
from smeforum.reporting.checks import Check
from smeforum.reporting.counting import (
    KindTotal,
    Scope,
    SisterCityTotals,
    count_kinds,
    count_sister_cities,
)
from smeforum.reporting.figures import (
    edition_range,
    figure_scope,
    is_money,
    plain,
    published_figures,
)
from smeforum.reporting.rates import ReportRates
from smeforum.reporting.reconciliation import reconcile
from smeforum.reporting.registry import Registry

PROJECT_KIND = "cooperation_project"


@dataclass(frozen=True)
class Headline:
    """Counted totals for a dashboard: records only, never published figures."""

    outcomes: int  # all kinds
    projects: int  # outcomes of kind "cooperation_project"
    investment: Decimal  # every kind's amounts (the report's amount kind), converted
    currency: str
    sister_cities: int  # agreements signed
    cities: int  # distinct foreign cities among them
    countries: int  # distinct countries among them
    intents: int  # intents and letters of intent


@dataclass(frozen=True)
class Tolerances:
    approximate: Decimal
    conversion: Decimal

    def as_dict(self) -> dict[str, str]:
        return {"approximate": str(self.approximate), "conversion": str(self.conversion)}


@dataclass
class Report:
    series: ForumSeries
    editions: list[int] | None  # None: every edition and the outcomes between editions
    currency: str
    rate_date: dt.date | None  # None: each amount at its signing date
    nearest_rate: bool
    amount_kind: str
    counted: dict[str, KindTotal]  # outcome kind slug → totals, in the kinds' order
    sister_cities: SisterCityTotals
    reported: list[ReportedFigure]  # published figures in scope, as published
    checks: list[Check]
    rates: list[Rate]  # every rate used, for counting and for checks
    tolerances: Tolerances = field(
        default_factory=lambda: Tolerances(
            compare.approximate_tolerance(), compare.conversion_tolerance()
        )
    )
    b2b: list[B2BResults] = field(default_factory=list)  # per edition with a B2B session

    @property
    def converted_total(self) -> Decimal:
        return sum((total.converted for total in self.counted.values()), Decimal("0.00"))

    def headline(self) -> Headline:
        project = self.counted.get(PROJECT_KIND)
        return Headline(
            outcomes=sum(total.count for total in self.counted.values()),
            projects=project.count if project else 0,
            investment=self.converted_total,
            currency=self.currency,
            sister_cities=self.sister_cities.count,
            cities=self.sister_cities.cities,
            countries=self.sister_cities.countries,
            intents=self.sister_cities.intents,
        )

    def as_dict(self) -> dict:
        return {
            "scope": {"series": self.series.slug, "editions": self.editions},
            "currency": self.currency,
            "rate_date": self.rate_date.isoformat() if self.rate_date else None,
            "counted": {
                slug: {
                    "count": total.count,
                    "amount": {code: plain(v, money=True) for code, v in total.amount.items()},
                    "converted": plain(total.converted, money=True),
                }
                for slug, total in self.counted.items()
            },
            "sister_cities": self.sister_cities.as_dict(),
            "b2b": [results.as_dict() for results in self.b2b],
            "reported": [reported_dict(figure) for figure in self.reported],
            "reconciliation": [check.as_dict() for check in self.checks],
            "rates": [rate.as_dict() for rate in self.rates],
            "tolerances": self.tolerances.as_dict(),
        }


def reported_dict(figure: ReportedFigure) -> dict:
    """A published figure, as published, with its source."""
    source = figure.source
    span = edition_range(figure)
    return {
        "metric": figure.metric,
        "kind": figure.outcome_kind.slug if figure.outcome_kind_id else None,
        "value": plain(figure.value, money=is_money(figure.metric)),
        "currency": figure.currency,
        "approximate": figure.qualifier != ReportedFigure.Qualifier.EXACT,
        "qualifier": figure.qualifier,
        "scope": figure_scope(figure),
        "editions": list(span) if span else None,
        "part": figure.part,
        "source": {
            "publisher": source.publisher,
            "published_on": source.published_on.isoformat() if source.published_on else None,
            "url": source.url,
            "language": source.language,
        },
    }


def check_currency(currency: str) -> str:
    code = (currency or "").strip().upper()
    if code not in currency_codes():
        raise ValueError(f"{currency!r} is not an ISO 4217 currency code.")
    return code


def check_editions(series: ForumSeries, editions: list[int] | None) -> list[int] | None:
    if editions is None:
        return None
    known = set(series.editions.values_list("number", flat=True))
    unknown = sorted(set(editions) - known)
    if unknown:
        have = ", ".join(str(n) for n in sorted(known)) or "none"
        raise ValueError(
            f"{series.slug} has no edition {', '.join(map(str, unknown))} (editions: {have})."
        )
    return sorted(set(editions))


def build_report(
    series: ForumSeries,
    *,
    editions: list[int] | None = None,
    currency: str = "USD",
    rate_date: dt.date | None = None,
    nearest_rate: bool = False,
    amount_kind: str = OutcomeAmount.Kind.CONTRACTUAL,
) -> Report:
    """Count the registry (cancelled outcomes left out) for ``series`` and ``editions`` (None:
    all, with the outcomes between editions), convert amounts into ``currency`` (at each
    outcome's signing date, or at ``rate_date``), count the B2B matchmaking results of each
    edition with a B2B session (``reporting.b2b``), and reconcile the published figures in scope.

    Raises ``ValueError`` for an unknown currency, edition or amount kind, and
    ``RateUnavailable`` (a ``ValueError``) for a date without a rate unless ``nearest_rate``.
    """
    currency = check_currency(currency)
    editions = check_editions(series, editions)
    if amount_kind not in OutcomeAmount.Kind.values:
        raise ValueError(f"{amount_kind!r} is not a kind of amount.")
    if rate_date is not None and currency != "EUR":
        rate_for("EUR", currency, rate_date, nearest=nearest_rate)  # fail before counting
    rates = ReportRates(nearest=nearest_rate)
    scope = Scope(series, None if editions is None else tuple(editions))
    counted = count_kinds(
        scope,
        currency=currency,
        book=rates.counting,
        amount_kind=amount_kind,
        rate_date=rate_date,
    )
    b2b = count_b2b(scope, book=rates.counting, amount_kind=amount_kind, rate_date=rate_date)
    reported = published_figures(series, editions)
    checks = reconcile(reported, registry=Registry(amount_kind=amount_kind), rates=rates)
    return Report(
        series=series,
        editions=editions,
        currency=currency,
        rate_date=rate_date,
        nearest_rate=nearest_rate,
        amount_kind=amount_kind,
        counted=counted,
        sister_cities=count_sister_cities(scope),
        reported=reported,
        checks=checks,
        rates=rates.used(),
        b2b=b2b,
    )
