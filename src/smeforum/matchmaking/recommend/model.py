"""The engine's typed input and output: plain frozen dataclasses, no Django."""

from __future__ import annotations

from dataclasses import dataclass, field

# kind -> (family, side); an offer meets a request of the same family.
KINDS = {
    "business_offer": ("business", "offer"),
    "business_request": ("business", "request"),
    "technology_offer": ("technology", "offer"),
    "technology_request": ("technology", "request"),
    "rd_request": ("technology", "request"),  # research partners for a technology
    "investment_offer": ("investment", "offer"),
    "investment_request": ("investment", "request"),
}
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


def complementary(a: str, b: str) -> bool:
    """Whether opportunity kinds ``a`` and ``b`` are an offer and a request of one family."""
    fa, sa = KINDS[a]
    fb, sb = KINDS[b]
    return fa == fb and sa != sb


@dataclass(frozen=True)
class Opportunity:
    id: str
    kind: str  # a key of KINDS
    title: str = ""
    summary: str = ""
    sectors: tuple[str, ...] = ()  # NACE codes: "C", "32", "C32.5", "32.50"
    keywords: tuple[str, ...] = ()
    partnerships: tuple[str, ...] = ()  # from PARTNERSHIPS
    target_countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2


@dataclass(frozen=True)
class Profile:
    id: str
    country: str  # ISO 3166-1 alpha-2
    sectors: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # e.g. "en", "zh", "pl"
    text: str = ""  # the description, in any language
    countries_of_interest: tuple[str, ...] = ()
    capacity: int = 1  # meetings it can take (slots x people); 0: never recommended
    opportunities: tuple[Opportunity, ...] = ()


@dataclass(frozen=True)
class Reason:
    """One reason to meet, as a code and its parameters (see reasons.REASONS), from the
    recipient's point of view: "yours" is the recipient, "theirs" the recommended one."""

    code: str
    params: dict = field(default_factory=dict, hash=False)
    weight: float = field(default=0.0, compare=False)  # its part of the score


@dataclass(frozen=True)
class Recommendation:
    profile_id: str
    score: float  # 0..1
    reasons: tuple[Reason, ...] = ()


class InvalidProfilesError(ValueError):
    """The input has problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems
