"""Reasons to meet, in words.

A reason is a code and its parameters (:class:`~.model.Reason`), so the Django side can word
it in any language with gettext; :func:`describe` words it in English, as the benchmark and
the tests print it. Parameters name countries by ISO code, sectors by NACE code, opportunity
kinds and partnerships by their keys.
"""

from __future__ import annotations

from .model import Reason

# code -> English wording
REASONS = {
    "complement": "their {theirs_words}{details} matches your {yours_words}",
    "sector": "you work in close sectors ({level}: {yours} and {theirs})",
    "text": "your descriptions are alike ({similarity:.0%}{terms_words})",
    "cross_border": "a China–CEE partnership ({yours} and {theirs})",
    "their_country_wanted": "{country} is a country you look for",
    "wants_your_country": "they look for partners in {country}",
    "language": "you share a language ({languages_words})",
}
KIND_WORDS = {
    "business_offer": "business offer",
    "business_request": "business request",
    "technology_offer": "technology offer",
    "technology_request": "technology request",
    "rd_request": "R&D request",
    "investment_offer": "investment offer",
    "investment_request": "investment request",
}


def describe(code: str, params: dict) -> str:
    """The reason in English."""
    extra = {}
    if code == "complement":
        details = [params["partnership"].replace("_", " ")] if params.get("partnership") else []
        if params.get("sector"):
            details.append(params["sector"])
        if params.get("countries"):
            details.append("for " + ", ".join(params["countries"]))
        extra = {
            "theirs_words": KIND_WORDS[params["theirs"]],
            "yours_words": KIND_WORDS[params["yours"]],
            "details": f" ({'; '.join(details)})" if details else "",
        }
    elif code == "text":
        terms = params.get("terms") or []
        extra = {"terms_words": ("; shared: " + ", ".join(terms)) if terms else ""}
    elif code == "language":
        extra = {"languages_words": ", ".join(params["languages"])}
    return REASONS[code].format(**params, **extra)


def describe_all(reasons: tuple[Reason, ...] | list[Reason]) -> list[str]:
    return [describe(r.code, r.params) for r in reasons]
