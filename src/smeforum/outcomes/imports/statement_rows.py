"""Parsing the rows of a statements file (published figures) into plans."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from smeforum.audit.domain import save_record
from smeforum.forums.models import ReportedFigure
from smeforum.outcomes.imports.reader import Row
from smeforum.outcomes.imports.refs import CityResolver, EditionRef, ForumResolver, SeriesRef
from smeforum.outcomes.imports.report import ImportReport
from smeforum.outcomes.imports.values import (
    CellError,
    Cells,
    check_length,
    parse_choice,
    parse_currency,
    parse_date,
    parse_decimal,
    parse_edition_range,
    parse_slug,
    parse_url,
    parse_yes_no,
)
from smeforum.reference.models import OutcomeKind, Source

STATEMENT_COLUMNS = (
    "external_id",
    "series",
    "editions",
    "published_on",
    "publisher",
    "url",
    "language",
    "metric",
    "kind",
    "value",
    "currency",
    "converted_value",
    "converted_currency",
    "approximate",
    "part_of",
)
CONVERTED_SUFFIX = ":converted"
KIND_METRICS = {ReportedFigure.Metric.COUNT, ReportedFigure.Metric.AMOUNT}


def source_key(publisher: str, published_on: dt.date | None, url: str) -> str:
    """The key of the Source an import creates for (publisher, published_on, url): the
    publisher's slug, the date and a digest of all three, e.g.
    ``pr-newswire-2023-12-22-5f0c1e2a9b``. The same three values always give the same key."""
    digest = hashlib.sha256(f"{publisher}\n{published_on or ''}\n{url}".encode()).hexdigest()
    stem = slugify(publisher)[:40].strip("-") or "source"
    day = published_on.isoformat() if published_on else "undated"
    return f"{stem}-{day}-{digest[:10]}"


class SourceRef:
    """The Source with this publisher, date and URL: stored, or to create."""

    def __init__(self, publisher: str, published_on: dt.date | None, url: str, language: str):
        # language "": not given (a new source gets "en", a stored one keeps its own)
        self.publisher = publisher
        self.published_on = published_on
        self.url = url
        self.language = language
        self.source = (
            Source.objects.filter(publisher=publisher, published_on=published_on, url=url)
            .order_by("pk")
            .first()
        )

    @property
    def action(self) -> str:
        if self.source is None:
            return "created"
        return "updated" if self._language_changes else "unchanged"

    @property
    def _language_changes(self) -> bool:
        return bool(self.language) and self.source.language != self.language

    def get(self) -> Source:
        if self.source is None:
            self.source = save_record(
                Source(
                    key=source_key(self.publisher, self.published_on, self.url),
                    publisher=self.publisher,
                    published_on=self.published_on,
                    url=self.url,
                    language=self.language or "en",
                ),
                actor=None,
            )
        elif self._language_changes:
            self.source.language = self.language
            save_record(self.source, actor=None)
        return self.source


@dataclass
class FigurePlan:
    """One published figure (and its conversion, if the row gives one)."""

    line: int
    series: SeriesRef
    external_id: str
    first_edition: EditionRef | None
    last_edition: EditionRef | None
    source: SourceRef
    metric: str
    kind: OutcomeKind | None
    value: Decimal
    currency: str
    qualifier: str
    converted: tuple[Decimal, str] | None
    part_of: str
    existing: ReportedFigure | None = None
    existing_conversion: ReportedFigure | None = None
    actions: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return (self.series.slug, self.external_id)

    @property
    def conversion_id(self) -> str:
        return self.external_id + CONVERTED_SUFFIX


class StatementRows:
    """Parses the rows of a statements file into :class:`FigurePlan` objects."""

    def __init__(self, report: ImportReport, *, create_missing: bool):
        self.report = report
        cities = CityResolver(create_missing=False)
        self.forums = ForumResolver(
            create_missing=create_missing, cities=cities, create_editions=False
        )
        self.kinds = {k.slug: k for k in OutcomeKind.objects.all()}
        self._sources: dict[tuple, tuple[SourceRef, int]] = {}
        self._ids: dict[tuple[str, str], int] = {}

    def plans(self, rows: list[Row]) -> list[FigurePlan]:
        plans = [plan for plan in map(self._plan, rows) if plan is not None]
        self.forums.finish(self.report, edition_column="editions")
        return plans

    def _plan(self, row: Row) -> FigurePlan | None:
        cells = Cells(row, self.report)
        external_id = cells.get("external_id", self._external_id, required=True)
        series = cells.get("series", lambda t: self.forums.series(parse_slug(t)), required=True)
        first = last = None
        if series is not None:
            numbers = cells.get("editions", parse_edition_range)
            if numbers is not None:
                try:
                    first = self.forums.edition(series, numbers[0], line=row.line)
                    last = self.forums.edition(series, numbers[1], line=row.line)
                except CellError as exc:
                    cells.fail("editions", str(exc))
        source = self._source(cells)
        metric = cells.get(
            "metric",
            lambda t: parse_choice(t, ReportedFigure.Metric.values, "a metric"),
            required=True,
        )
        kind = cells.get("kind", self._kind)
        if kind is not None and metric is not None and metric not in KIND_METRICS:
            cells.fail("kind", f'only a count or an amount has an outcome kind, not "{metric}"')
        value = cells.get("value", lambda t: parse_decimal(t, places=4, digits=24), required=True)
        money = metric == ReportedFigure.Metric.AMOUNT
        currency = cells.get("currency", parse_currency, required=money) or ""
        if currency and metric is not None and not money:
            cells.fail("currency", f'only an amount has a currency, not "{metric}"')
        converted = self._converted(cells, money=money, currency=currency)
        approximate = cells.get("approximate", parse_yes_no)
        part_of = row["part_of"]
        if part_of and part_of == external_id:
            cells.fail("part_of", "names the row's own external_id")
        if series is not None and external_id is not None:
            key = (series.slug, external_id)
            if key in self._ids:
                cells.fail(
                    "external_id", f'"{external_id}" is already the id of row {self._ids[key]}'
                )
            self._ids.setdefault(key, row.line)
            if converted and len(external_id) + len(CONVERTED_SUFFIX) > 100:
                cells.fail(
                    "external_id", "is too long to name its conversion: at most 90 characters"
                )
        if not cells.ok:
            return None
        qualifier = (
            ReportedFigure.Qualifier.ABOUT if approximate else ReportedFigure.Qualifier.EXACT
        )
        return FigurePlan(
            line=row.line,
            series=series,
            external_id=external_id,
            first_edition=first,
            last_edition=last,
            source=source,
            metric=metric,
            kind=kind,
            value=value,
            currency=currency,
            qualifier=qualifier,
            converted=converted,
            part_of=part_of,
        )

    def _external_id(self, text: str) -> str:
        if text.endswith(CONVERTED_SUFFIX):
            raise CellError(f'"{text}": ids ending in "{CONVERTED_SUFFIX}" name conversions')
        return check_length(text, 100)

    def _kind(self, text: str) -> OutcomeKind:
        if text not in self.kinds:
            raise CellError(f'"{text}" is not an outcome kind (one of {", ".join(self.kinds)})')
        return self.kinds[text]

    def _source(self, cells: Cells) -> SourceRef | None:
        publisher = cells.get("publisher", lambda t: check_length(t, 200), required=True)
        published_on = cells.get("published_on", parse_date)
        url = cells.get("url", lambda t: check_length(parse_url(t), 500)) or ""
        language = cells.get("language", lambda t: check_length(t, 10)) or ""
        if publisher is None or (cells.text("published_on") and published_on is None):
            return None
        if cells.text("url") and not url:
            return None
        key = (publisher, published_on, url)
        if key not in self._sources:
            self._sources[key] = (SourceRef(publisher, published_on, url, language), cells.row.line)
        ref, line = self._sources[key]
        if language and not ref.language:
            ref.language = language
        elif language and ref.language != language:
            cells.fail(
                "language",
                f'"{language}" differs from row {line}, which cites the same source in '
                f'"{ref.language}"',
            )
        return ref

    def _converted(self, cells: Cells, *, money: bool, currency: str):
        value = cells.get("converted_value", lambda t: parse_decimal(t, places=4, digits=24))
        converted_currency = cells.get("converted_currency", parse_currency)
        given = [c for c in ("converted_value", "converted_currency") if cells.text(c)]
        if not given:
            return None
        if not money:
            cells.fail(given[0], "only an amount can be converted into another currency")
            return None
        if len(given) == 1:
            missing = {"converted_value", "converted_currency"} - set(given)
            cells.fail(missing.pop(), f"must not be empty when {given[0]} is given")
            return None
        if converted_currency and converted_currency == currency:
            cells.fail("converted_currency", f'"{currency}" is the currency of the value itself')
            return None
        if value is None or converted_currency is None:
            return None
        return (value, converted_currency)
