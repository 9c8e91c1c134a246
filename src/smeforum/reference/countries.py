"""Countries and currencies from pycountry (ISO 3166-1, ISO 4217), with Chinese names.

Countries are not copied into the database: a country is its ISO 3166-1 alpha-2 code, and
names come from pycountry and its bundled translations (``zh_CN`` for Simplified Chinese).
"""

from __future__ import annotations

import functools
import gettext
from dataclasses import dataclass

import pycountry
from django.utils import translation


@dataclass(frozen=True)
class Country:
    code: str
    alpha3: str
    numeric: str
    name_en: str
    name_zh: str

    @property
    def name(self) -> str:
        """The name in the active language."""
        return self.name_zh if translation.get_language() == "zh-hans" else self.name_en

    def __str__(self) -> str:
        return self.name


@functools.cache
def _zh() -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True
    )


@functools.cache
def _countries() -> dict[str, Country]:
    result = {}
    for c in pycountry.countries:
        english = getattr(c, "common_name", None) or c.name
        result[c.alpha_2] = Country(
            code=c.alpha_2,
            alpha3=c.alpha_3,
            numeric=c.numeric,
            name_en=english,
            name_zh=_zh().gettext(c.name),
        )
    return result


def get_country(code: str) -> Country | None:
    """The country with ISO alpha-2 ``code`` (any case), or ``None``."""
    return _countries().get((code or "").upper())


def all_countries() -> list[Country]:
    return sorted(_countries().values(), key=lambda c: c.name_en)


def country_choices() -> list[tuple[str, str]]:
    return [(c.code, f"{c.name_en} ({c.code})") for c in all_countries()]


def country_name(code: str) -> str:
    country = get_country(code)
    return country.name if country else code


@functools.cache
def currency_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)
