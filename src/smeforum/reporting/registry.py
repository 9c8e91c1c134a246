"""The registry's totals for the scopes that published figures name, each counted once."""

from __future__ import annotations

from decimal import Decimal

from smeforum.outcomes.models import OutcomeAmount
from smeforum.reporting.counting import (
    Scope,
    SisterCityTotals,
    amount_groups,
    amounts_per_kind,
    count_sister_cities,
    kind_counts,
)


class Registry:
    """Counts and amounts per outcome kind, and sister-city totals, per scope (memoised: two
    figures about editions 1–4 cost one set of queries)."""

    def __init__(self, *, amount_kind: str = OutcomeAmount.Kind.CONTRACTUAL) -> None:
        self.amount_kind = amount_kind
        self._kinds: dict[Scope, tuple[dict[int, int], dict[int, dict[str, Decimal]]]] = {}
        self._sister_cities: dict[Scope, SisterCityTotals] = {}

    def kinds(self, scope: Scope) -> tuple[dict[int, int], dict[int, dict[str, Decimal]]]:
        """(kind id → count, kind id → currency → amount of the amount kind)."""
        if scope not in self._kinds:
            counts = kind_counts(scope)
            amounts = {}
            if counts:
                groups = amount_groups(scope, self.amount_kind, by_date=False)
                amounts = amounts_per_kind(groups)
            self._kinds[scope] = (counts, amounts)
        return self._kinds[scope]

    def sister_cities(self, scope: Scope) -> SisterCityTotals:
        if scope not in self._sister_cities:
            self._sister_cities[scope] = count_sister_cities(scope)
        return self._sister_cities[scope]
