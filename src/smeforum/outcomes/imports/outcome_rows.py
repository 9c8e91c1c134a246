"""Parsing the rows of an outcomes file into plans, reporting every bad cell."""

from __future__ import annotations

import re
from decimal import Decimal

from smeforum.orgs.models import Organisation
from smeforum.outcomes.domain.sister_cities import SISTER_CITY_KIND
from smeforum.outcomes.imports.outcome_plan import (
    AMOUNT_COLUMNS,
    OUTCOME_COLUMNS,
    SISTER_CITY_COLUMNS,
    OutcomePlan,
    PartySpec,
)
from smeforum.outcomes.imports.reader import Row
from smeforum.outcomes.imports.refs import (
    CityRef,
    CityResolver,
    EditionRef,
    ForumResolver,
    SeriesRef,
)
from smeforum.outcomes.imports.report import ImportReport
from smeforum.outcomes.imports.values import (
    CellError,
    Cells,
    check_length,
    parse_choice,
    parse_country,
    parse_currency,
    parse_date,
    parse_decimal,
    parse_number,
    parse_slug,
    split_list,
)
from smeforum.outcomes.models import OutcomeAmount, OutcomeParty, SisterCityLink
from smeforum.reference.models import CooperationField, OutcomeKind

_PARTY = re.compile(
    r"^(?P<name>.*?)\s*\(\s*(?P<country>[A-Za-z]{2})\s*(?:,\s*(?P<role>\w+)\s*)?\)$"
)


class OutcomeRows:
    """Parses the rows of an outcomes file into :class:`OutcomePlan` objects, reporting every
    bad cell; reads the database, never writes."""

    def __init__(self, report: ImportReport, *, create_missing: bool):
        self.report = report
        self.cities = CityResolver(create_missing=create_missing)
        self.forums = ForumResolver(
            create_missing=create_missing, cities=self.cities, create_editions=True
        )
        self.kinds = {k.slug: k for k in OutcomeKind.objects.all()}
        self.fields = {f.slug: f for f in CooperationField.objects.all()}
        self._organisations: dict[str, list[Organisation]] = {}

    def plans(self, rows: list[Row]) -> list[OutcomePlan]:
        groups: dict[tuple[str, str], list[Row]] = {}
        for row in rows:
            # Rows without an external_id cannot be grouped (each is reported on its own).
            key = (row["series"], row["external_id"] or f"#{row.line}")
            groups.setdefault(key, []).append(row)
        plans = []
        for group in groups.values():
            plan = self._plan(group[0])
            self._check_group(group)
            amounts = self._amounts(group)
            if plan is not None:
                plan.lines = [r.line for r in group]
                plan.amounts = amounts
                plans.append(plan)
        self.forums.finish(self.report, edition_column="edition")
        return plans

    def _check_group(self, group: list[Row]) -> None:
        first = group[0]
        for row in group[1:]:
            for column in OUTCOME_COLUMNS:
                if column not in AMOUNT_COLUMNS and row[column] != first[column]:
                    self.report.error(
                        row.line,
                        column,
                        f"differs from row {first.line}, which has the same external_id; the "
                        "rows of one outcome may differ only in amount, currency and amount_kind",
                    )

    def _amounts(self, group: list[Row]) -> dict[tuple[str, str], Decimal]:
        """The amounts of one outcome's rows by (amount_kind, currency)."""
        amounts: dict[tuple[str, str], Decimal] = {}
        seen: dict[tuple[str, str], int] = {}
        for row in group:
            cells = Cells(row, self.report)
            amount = cells.get("amount", lambda t: parse_decimal(t, places=2, digits=20))
            currency = cells.get("currency", parse_currency)
            kind = cells.get(
                "amount_kind",
                lambda t: parse_choice(t, OutcomeAmount.Kind.values, "a kind of amount"),
            )
            if not row["amount"]:
                for column in ("currency", "amount_kind"):
                    if row[column]:
                        cells.fail(column, "is given without an amount")
                if len(group) > 1:
                    cells.fail(
                        "amount",
                        "must not be empty: this outcome has several rows, one per amount",
                    )
                continue
            if not row["currency"]:
                cells.fail("currency", "must not be empty when an amount is given")
            if amount is None or currency is None or (row["amount_kind"] and kind is None):
                continue
            key = (kind or OutcomeAmount.Kind.CONTRACTUAL, currency)
            if key in seen:
                cells.fail(
                    "currency",
                    f"row {seen[key]} already gives this outcome a {key[0]} amount in {currency}",
                )
                continue
            seen[key] = row.line
            amounts[key] = amount
        return amounts

    def _plan(self, row: Row) -> OutcomePlan | None:
        cells = Cells(row, self.report)
        external_id = cells.get("external_id", lambda t: check_length(t, 100), required=True)
        series = cells.get("series", self._series, required=True)
        edition = None
        if series is not None:
            edition = cells.get("edition", lambda t: self._edition(series, t, row.line))
        kind = cells.get("kind", self._kind, required=True)
        sister = kind is not None and kind.slug == SISTER_CITY_KIND
        title = cells.get("title", lambda t: check_length(t, 500), required=not sister) or ""
        signed_on = cells.get("signed_on", parse_date)
        fields = cells.get("fields", self._fields) or []
        parties = cells.get("parties", self._parties) or []
        if edition is not None and edition.is_new and signed_on is not None:
            edition.year = min(edition.year or signed_on.year, signed_on.year)
        plan_cities: dict[str, CityRef | None] = {"chinese_city": None, "foreign_city": None}
        stage = ""
        if sister:
            plan_cities, stage = self._sister_city(cells)
            if series is not None and series.is_new and series.host is None:
                series.host = plan_cities["chinese_city"]
        elif kind is not None:
            for column in SISTER_CITY_COLUMNS:
                if row[column]:
                    cells.fail(
                        column,
                        f"only a sister_city outcome has a {column}; leave it empty for kind "
                        f'"{kind.slug}"',
                    )
        if not cells.ok:
            return None
        return OutcomePlan(
            lines=[row.line],
            series=series,
            external_id=external_id,
            edition=edition,
            kind=kind,
            title=title,
            signed_on=signed_on,
            fields=fields,
            parties=parties,
            stage=stage,
            **plan_cities,
        )

    def _sister_city(self, cells: Cells) -> tuple[dict[str, CityRef | None], str]:
        stage = cells.get(
            "stage",
            lambda t: parse_choice(t, SisterCityLink.Stage.values, "a sister-city stage"),
            required=True,
        )
        chinese = cells.get("chinese_city", lambda t: self.cities.resolve(t, "CN"), required=True)
        country = cells.get("foreign_country", parse_country, required=True)
        foreign = None
        if country == "CN":
            cells.fail(
                "foreign_country",
                '"CN" is China: a sister-city link joins a Chinese city and a city in another '
                "country",
            )
        elif country is not None:
            foreign = cells.get(
                "foreign_city", lambda t: self.cities.resolve(t, country), required=True
            )
        return {"chinese_city": chinese, "foreign_city": foreign}, stage or ""

    def _series(self, text: str) -> SeriesRef:
        return self.forums.series(parse_slug(text))

    def _edition(self, series: SeriesRef, text: str, line: int) -> EditionRef:
        return self.forums.edition(series, parse_number(text), line=line)

    def _kind(self, text: str) -> OutcomeKind:
        if text not in self.kinds:
            known = ", ".join(self.kinds)
            raise CellError(f'"{text}" is not an outcome kind (one of {known})')
        return self.kinds[text]

    def _fields(self, text: str) -> list[CooperationField]:
        unknown = [slug for slug in split_list(text) if slug not in self.fields]
        if unknown:
            names = ", ".join(f'"{slug}"' for slug in unknown)
            raise CellError(f"{names}: not a field of cooperation (a CooperationField slug)")
        return [self.fields[slug] for slug in dict.fromkeys(split_list(text))]

    def _parties(self, text: str) -> list[PartySpec]:
        return [self._party(entry) for entry in split_list(text)]

    def _party(self, entry: str) -> PartySpec:
        match = _PARTY.match(entry)
        if not match or not match.group("name"):
            raise CellError(f'"{entry}" is not a party in the form "Name (ISO2)"')
        name = check_length(match.group("name"), 300)
        country = parse_country(match.group("country"))
        role = match.group("role") or OutcomeParty.Role.PARTY
        if role not in OutcomeParty.Role.values:
            raise CellError(
                f'"{entry}": "{role}" is not a party role (one of '
                f"{', '.join(OutcomeParty.Role.values)})"
            )
        organisation = self._organisation(name, country)
        label = organisation.name if organisation else name
        return PartySpec(label, country, role, organisation)

    def _organisation(self, name: str, country: str) -> Organisation | None:
        if country not in self._organisations:
            self._organisations[country] = list(
                Organisation.objects.filter(country=country).order_by("pk")
            )
        wanted = name.casefold()
        candidates = self._organisations[country]
        by_name = [o for o in candidates if o.name.casefold() == wanted]
        if by_name:
            return by_name[0]
        by_english = [o for o in candidates if o.name_en and o.name_en.casefold() == wanted]
        if len(by_english) > 1:
            raise CellError(
                f'"{name}" is the English name of {len(by_english)} organisations in {country}; '
                "give the original name"
            )
        return by_english[0] if by_english else None
