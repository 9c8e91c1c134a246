"""Every reason code worded in English."""

import pytest

from smeforum.matchmaking.recommend import REASONS, describe

pytestmark = pytest.mark.unit

EXAMPLES = {
    "complement": (
        {
            "theirs": "rd_request",
            "yours": "technology_offer",
            "their_opportunity": "o2",
            "your_opportunity": "o1",
            "partnership": "research_cooperation",
            "sector": "M72.1",
            "countries": [],
        },
        "their R&D request (research cooperation; M72.1) matches your technology offer",
    ),
    "sector": (
        {"level": "division", "yours": "C32.50", "theirs": "C32.1"},
        "you work in close sectors (division: C32.50 and C32.1)",
    ),
    "text": (
        {"similarity": 0.38, "terms": ["xk", "4200"]},
        "your descriptions are alike (38%; shared: xk, 4200)",
    ),
    "cross_border": ({"yours": "PL", "theirs": "CN"}, "a China–CEE partnership (PL and CN)"),
    "their_country_wanted": ({"country": "HU"}, "HU is a country you look for"),
    "wants_your_country": ({"country": "CN"}, "they look for partners in CN"),
    "language": ({"languages": ["en", "pl"]}, "you share a language (en, pl)"),
}


def test_every_code_is_worded():
    assert set(EXAMPLES) == set(REASONS)
    assert {code: describe(code, params) for code, (params, _) in EXAMPLES.items()} == {
        code: words for code, (_, words) in EXAMPLES.items()
    }


def test_a_complement_without_details_is_short():
    params = {
        "theirs": "investment_request",
        "yours": "investment_offer",
        "their_opportunity": "a",
        "your_opportunity": "b",
        "partnership": "",
        "sector": "",
        "countries": [],
    }
    assert describe("complement", params) == (
        "their investment request matches your investment offer"
    )
