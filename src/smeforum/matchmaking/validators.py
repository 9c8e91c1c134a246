"""Rules shared by model ``clean()``, the import and forms: lists of ISO codes and the
technology readiness level."""

from __future__ import annotations

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from smeforum.reference.countries import get_country

#: The kinds of partnership an opportunity may seek (the Enterprise Europe Network's list).
PARTNERSHIPS = (
    "distribution",
    "commercial_agency",
    "manufacturing",
    "joint_venture",
    "licensing",
    "technical_cooperation",
    "research_cooperation",
    "investment",
)
#: Opportunity kinds that describe a technology: only they carry a readiness level.
TECHNOLOGY_KINDS = ("technology_offer", "technology_request", "rd_request")


def _as_list(value, message) -> list:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(message, code="not_a_list")
    return value


def validate_language_code(value: str) -> None:
    """An ISO 639-1 code, lower case (``zh``, ``pl``, ``hu``, ``en``)."""
    if (
        not isinstance(value, str)
        or len(value) != 2
        or value != value.lower()
        or pycountry.languages.get(alpha_2=value) is None
    ):
        raise ValidationError(
            _("“%(value)s” is not an ISO 639-1 language code (e.g. zh, pl, hu, en)."),
            code="unknown_language",
            params={"value": value},
        )


def validate_country_list(value) -> None:
    """A list of ISO 3166-1 alpha-2 codes, each once."""
    codes = _as_list(value, _("Give a list of ISO 3166-1 alpha-2 country codes."))
    unknown = [c for c in codes if get_country(c) is None or c != c.upper()]
    if unknown:
        raise ValidationError(
            _("Not ISO 3166-1 alpha-2 country codes: %(codes)s (e.g. CN, PL, RS).")
            % {"codes": ", ".join(unknown)},
            code="unknown_country",
        )
    _unique(codes)


def validate_language_list(value) -> None:
    """A list of ISO 639-1 codes, each once."""
    codes = _as_list(value, _("Give a list of ISO 639-1 language codes."))
    unknown = []
    for code in codes:
        try:
            validate_language_code(code)
        except ValidationError:
            unknown.append(code)
    if unknown:
        raise ValidationError(
            _("Not ISO 639-1 language codes: %(codes)s (e.g. zh, pl, hu, en).")
            % {"codes": ", ".join(unknown)},
            code="unknown_language",
        )
    _unique(codes)


def validate_partnership_list(value) -> None:
    """A list of partnership kinds from :data:`PARTNERSHIPS`, each once."""
    kinds = _as_list(value, _("Give a list of partnership kinds."))
    unknown = [k for k in kinds if k not in PARTNERSHIPS]
    if unknown:
        raise ValidationError(
            _("Unknown partnership kinds: %(kinds)s (choose from %(choices)s).")
            % {"kinds": ", ".join(unknown), "choices": ", ".join(PARTNERSHIPS)},
            code="unknown_partnership",
        )
    _unique(kinds)


def _unique(values: list[str]) -> None:
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        raise ValidationError(
            _("Listed more than once: %(values)s.") % {"values": ", ".join(repeated)},
            code="repeated",
        )


def validate_technology_readiness(value: int) -> None:
    if not 1 <= value <= 9:
        raise ValidationError(
            _("The technology readiness level is from 1 to 9, not %(value)s."),
            code="out_of_range",
            params={"value": value},
        )


def validate_readiness_for_kind(kind: str, readiness: int | None) -> None:
    """A readiness level only for technology offers and requests and R&D requests."""
    if readiness is not None and kind not in TECHNOLOGY_KINDS:
        raise ValidationError(
            {
                "technology_readiness": _(
                    "Only technology offers and requests and R&D requests have a technology "
                    "readiness level."
                )
            },
            code="not_technology",
        )


def validate_limit(value: int | None) -> None:
    """A per-participant limit on requests or meetings: at least 1 (empty means none)."""
    if value is not None and value < 1:
        raise ValidationError(_("A limit must be at least 1; leave it empty for no limit."))
