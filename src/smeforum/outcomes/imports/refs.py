"""Resolving the cities, series and editions that rows name, without writing anything.

A resolver returns a *reference*: an existing record, or a record to create (only with
``--create-missing``, or a GeoNames city, which any import may add to the City table). The
references are materialised by ``get()`` during the write, through the domain functions, so
a dry run or a refused import writes nothing.

Choices for ``--create-missing``:

- a city is added with :func:`~smeforum.reference.domain.cities.add_city` in the country its
  column gives (CN for ``chinese_city``); a name in Chinese characters is also its Chinese name;
- a series is created with its slug as its English name; its host city is the first
  ``chinese_city`` its rows name, or else Cangzhou (from the City table or the GeoNames data);
- an edition (outcomes import only) is created unpublished, dated 1 January of the year of the
  earliest ``signed_on`` among its rows with "year only" precision and a note saying so, in
  its series' host city. The report lists it, so an organiser can set its real dates.
"""

from __future__ import annotations

import datetime as dt
import re

from smeforum.forums.domain.editions import save_edition, save_series
from smeforum.forums.models import Edition, ForumSeries
from smeforum.outcomes.imports.report import ImportReport
from smeforum.outcomes.imports.values import CellError
from smeforum.reference.countries import country_name
from smeforum.reference.domain.cities import add_city, find_geonames_cities, import_geonames_city
from smeforum.reference.models import City

DEFAULT_HOST_CITY = "Cangzhou"
CREATED_EDITION_NOTE = "Created by an import; dates unknown (1 January of the year of signing)."
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


class CityRef:
    """A city in the table, one to import from GeoNames, or one to add by hand."""

    def __init__(
        self, *, city: City | None = None, geonames: dict | None = None, name="", country=""
    ):
        self.city = city
        self.geonames = geonames
        self.name = name
        self.country = country

    @property
    def is_new(self) -> bool:
        return self.city is None

    @property
    def label(self) -> str:
        if self.city is not None:
            return self.city.name
        return self.geonames["name"] if self.geonames else self.name

    @property
    def geonames_id(self) -> int | None:
        if self.city is not None:
            return self.city.geonames_id
        return int(self.geonames["geonameid"]) if self.geonames else None

    def is_city(self, city: City) -> bool:
        if self.city is not None:
            return self.city.pk == city.pk
        return self.geonames is not None and city.geonames_id == self.geonames_id

    def get(self) -> City:
        if self.city is None:
            if self.geonames is not None:
                self.city = import_geonames_city(self.geonames_id, actor=None)
            else:
                extra = {"name_zh": self.name} if _HAN.match(self.name) else {}
                if self.country == "CN":
                    extra["time_zone"] = "Asia/Shanghai"
                self.city = add_city(name=self.name, country=self.country, actor=None, **extra)
        return self.city


class CityResolver:
    """Cities by name or Chinese name (case-insensitive) in the City table, then by name or
    alternate name in the shipped GeoNames data (the most populous match)."""

    def __init__(self, *, create_missing: bool):
        self.create_missing = create_missing
        self._by_name: dict[tuple[str, str], CityRef] = {}
        self._by_geonames: dict[int, CityRef] = {}
        self._table: dict[str, list[City]] = {}

    def _cities(self, country: str) -> list[City]:
        if country not in self._table:
            self._table[country] = list(City.objects.filter(country=country).order_by("pk"))
        return self._table[country]

    def resolve(self, name: str, country: str) -> CityRef:
        key = (name.casefold(), country)
        if key not in self._by_name:
            self._by_name[key] = self._lookup(name, country)
        return self._by_name[key]

    def _lookup(self, name: str, country: str) -> CityRef:
        wanted = name.casefold()
        hits = [
            c
            for c in self._cities(country)
            if c.name.casefold() == wanted or (c.name_zh and c.name_zh.casefold() == wanted)
        ]
        if hits:
            best = min(hits, key=lambda c: (c.geonames_id is None, -(c.population or 0), c.pk))
            return CityRef(city=best)
        found = find_geonames_cities(name, country=country)
        if found:
            geonames_id = int(found[0]["geonameid"])
            if geonames_id not in self._by_geonames:
                stored = City.objects.filter(geonames_id=geonames_id).first()
                self._by_geonames[geonames_id] = (
                    CityRef(city=stored) if stored else CityRef(geonames=found[0])
                )
            return self._by_geonames[geonames_id]
        if self.create_missing:
            return CityRef(name=name, country=country)
        raise CellError(
            f'no city "{name}" in {country_name(country)} ({country}), neither in the City '
            "table nor in the GeoNames data (--create-missing adds it)"
        )

    def new_cities(self) -> list[CityRef]:
        unique = {id(ref): ref for ref in self._by_name.values() if ref.is_new}
        return list(unique.values())


class SeriesRef:
    def __init__(self, slug: str, series: ForumSeries | None):
        self.slug = slug
        self.series = series
        self.host: CityRef | None = None

    @property
    def is_new(self) -> bool:
        return self.series is None

    def get(self) -> ForumSeries:
        if self.series is None:
            series = ForumSeries(slug=self.slug, name_en=self.slug, host_city=self.host.get())
            self.series = save_series(series, actor=None)
        return self.series


class EditionRef:
    def __init__(self, series: SeriesRef, number: int, edition: Edition | None, line: int):
        self.series = series
        self.number = number
        self.edition = edition
        self.line = line  # the first row that names it, to report a missing date at
        self.year: int | None = None

    @property
    def is_new(self) -> bool:
        return self.edition is None

    def is_edition(self, edition_id: int | None) -> bool:
        return self.edition is not None and self.edition.pk == edition_id

    def get(self) -> Edition:
        if self.edition is None:
            series = self.series.get()
            day = dt.date(self.year, 1, 1)
            edition = Edition(
                series=series,
                number=self.number,
                start_date=day,
                end_date=day,
                date_precision=Edition.DatePrecision.YEAR,
                dates_note=CREATED_EDITION_NOTE,
                host_city=series.host_city,
                time_zone=series.host_city.time_zone or "Asia/Shanghai",
                is_published=False,
            )
            self.edition = save_edition(edition, actor=None)
        return self.edition


class ForumResolver:
    """Series by slug and editions by number, planned for creation with ``--create-missing``."""

    def __init__(self, *, create_missing: bool, cities: CityResolver, create_editions: bool):
        self.create_missing = create_missing
        self.create_editions = create_editions
        self.cities = cities
        self._series: dict[str, SeriesRef] = {}
        self._editions: dict[tuple[str, int], EditionRef] = {}

    def series(self, slug: str) -> SeriesRef:
        if slug not in self._series:
            stored = ForumSeries.objects.filter(slug=slug).first()
            if stored is None and not self.create_missing:
                raise CellError(f'no series "{slug}" (--create-missing creates it)')
            self._series[slug] = SeriesRef(slug, stored)
        return self._series[slug]

    def edition(self, series: SeriesRef, number: int, *, line: int) -> EditionRef:
        key = (series.slug, number)
        if key not in self._editions:
            stored = None
            if series.series is not None:
                stored = Edition.objects.filter(series=series.series, number=number).first()
            if stored is None and not (self.create_missing and self.create_editions):
                hint = (
                    " (--create-missing creates it)"
                    if self.create_editions
                    else "; add it before importing figures about it"
                )
                raise CellError(f'series "{series.slug}" has no edition {number}{hint}')
            self._editions[key] = EditionRef(series, number, stored, line)
        return self._editions[key]

    def finish(self, report: ImportReport, *, edition_column: str) -> None:
        """Give new series a host city, check new editions can be dated, count what is new."""
        for ref in self._series.values():
            if ref.is_new and ref.host is None:
                ref.host = self.cities.resolve(DEFAULT_HOST_CITY, "CN")
        for ref in self._editions.values():
            if ref.is_new and ref.year is None:
                report.error(
                    ref.line,
                    edition_column,
                    f'series "{ref.series.slug}" has no edition {ref.number}, and none of its '
                    "rows has a signed_on date to date a new one by",
                )
        for _ in self.cities.new_cities():
            report.count("cities", "created", created_only=True)
        for ref in self._series.values():
            if ref.is_new:
                report.count("series", "created", created_only=True)
        for ref in self._editions.values():
            if ref.is_new:
                report.count("editions", "created", created_only=True)
                report.notes.append(
                    f'edition {ref.number} of series "{ref.series.slug}": created unpublished, '
                    f"dated {ref.year} (year only) - set its real dates in the back office"
                )
