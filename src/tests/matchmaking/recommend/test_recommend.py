"""Ranking one participant's partners: the signals, their reasons and the exclusions."""

import pytest

from smeforum.matchmaking.recommend import (
    InvalidProfilesError,
    Reason,
    build_index,
    describe,
    recommend,
    recommend_all,
)
from smeforum.matchmaking.recommend.nace import path, proximity

from .builders import ids, opp, org

pytestmark = pytest.mark.unit


def test_complementary_offer_and_request_give_an_exact_reason():
    index = build_index(
        [
            org(
                "cn-lamps",
                "CN",
                opp(
                    "o1",
                    "business_offer",
                    "C27.40",
                    partnerships=("distribution", "licensing"),
                    target_countries=("HU", "SK"),
                ),
            ),
            org(
                "hu-dealer",
                "HU",
                opp(
                    "o2",
                    "business_request",
                    "C27.4",
                    partnerships=("distribution",),
                    target_countries=("SK", "HU"),
                ),
            ),
        ]
    )
    [rec] = recommend(index, "hu-dealer")
    assert rec.profile_id == "cn-lamps"
    assert rec.reasons[0] == Reason(
        "complement",
        {
            "theirs": "business_offer",
            "yours": "business_request",
            "their_opportunity": "o1",
            "your_opportunity": "o2",
            "partnership": "distribution",
            "sector": "C27.4",
            "countries": ["HU", "SK"],
        },
    )
    assert describe(rec.reasons[0].code, rec.reasons[0].params) == (
        "their business offer (distribution; C27.4; for HU, SK) matches your business request"
    )


def test_rd_request_pairs_with_a_technology_offer_but_not_with_a_business_offer():
    index = build_index(
        [
            org("lab", "PL", opp("o1", "rd_request", "M72.19")),
            org("tech", "CN", opp("o2", "technology_offer", "M72.19")),
            org("seller", "CN", opp("o3", "business_offer", "M72.19")),
        ]
    )
    recs = {r.profile_id: r for r in recommend(index, "lab")}
    assert [r.params["yours"] for r in recs["tech"].reasons if r.code == "complement"] == [
        "rd_request"
    ]
    assert [r.code for r in recs["seller"].reasons if r.code == "complement"] == []
    assert ids(recommend(index, "lab")) == ["tech", "seller"]


def test_nace_proximity_counts_shared_levels():
    assert proximity(path("C32.50"), path("32.50")) == 4
    assert proximity(path("C32.50"), path("C32.5")) == 3
    assert proximity(path("C32.50"), path("C32.1")) == 2
    assert proximity(path("C32.50"), path("C10.51")) == 1
    assert proximity(path("C32.50"), path("J62.01")) == 0
    assert path("B32") is None


def test_closer_sectors_rank_higher():
    index = build_index(
        [
            org("me", "CN", sectors=("C32.50",)),
            org("same-class", "PL", sectors=("32.50",)),
            org("same-group", "PL", sectors=("C32.5",)),
            org("same-division", "PL", sectors=("C32.1",)),
            org("same-section", "PL", sectors=("C10.51",)),
            org("elsewhere", "PL", sectors=("J62.01",)),
        ]
    )
    recs = recommend(index, "me")
    assert ids(recs) == ["same-class", "same-group", "same-division", "same-section", "elsewhere"]
    assert [r.params["level"] for rec in recs[:4] for r in rec.reasons if r.code == "sector"] == [
        "class",
        "group",
        "division",
        "section",
    ]


def test_china_cee_pairs_come_before_same_side_pairs():
    index = build_index(
        [
            org("pl", "PL", sectors=("C25.62",)),
            org("cn", "CN", sectors=("C25.62",)),
            org("hu", "HU", sectors=("C25.62",)),
            org("de", "DE", sectors=("C25.62",)),
            org("pl2", "PL", sectors=("C25.62",)),
        ]
    )
    recs = recommend(index, "pl")
    assert ids(recs) == ["cn", "de", "hu", "pl2"]
    assert [r for r in recs[0].reasons if r.code == "cross_border"] == [
        Reason("cross_border", {"yours": "PL", "theirs": "CN"})
    ]
    assert [r.code for rec in recs[1:] for r in rec.reasons if r.code == "cross_border"] == []
    assert recs[0].score - recs[1].score == pytest.approx(0.15 * (1.0 - 0.4))
    assert recs[1].score - recs[2].score == pytest.approx(0.15 * (0.4 - 0.2))


def test_wanted_countries_and_languages_give_reasons():
    index = build_index(
        [
            org("cn", "CN", languages=("zh", "en"), countries_of_interest=("HU",)),
            org(
                "hu",
                "HU",
                languages=("hu", "EN"),
                opportunities=(opp("o1", "business_request", target_countries=("CN",)),),
            ),
        ]
    )
    [rec] = recommend(index, "cn")
    assert {r.code: r.params for r in rec.reasons} == {
        "cross_border": {"yours": "CN", "theirs": "HU"},
        "their_country_wanted": {"country": "HU"},
        "wants_your_country": {"country": "CN"},
        "language": {"languages": ["en"]},
    }
    assert rec.score == 0.15 + 0.05 + 0.05 + 0.05


def test_own_organisation_excluded_pairs_and_no_capacity_are_left_out():
    index = build_index(
        [
            org("a", "CN", sectors=("C",)),
            org("b", "PL", sectors=("C",)),
            org("c", "HU", sectors=("C",)),
            org("d", "CZ", sectors=("C",), capacity=0),
        ]
    )
    assert ids(recommend(index, "a")) == ["b", "c"]
    assert ids(recommend(index, "a", exclude={("b", "a")})) == ["c"]
    assert ids(recommend(index, "b", exclude={("b", "a")})) == ["c"]
    everyone = recommend_all(index, exclude={("a", "c")})
    assert {k: ids(v) for k, v in everyone.items()} == {
        "a": ["b"],
        "b": ["a", "c"],
        "c": ["b"],
        "d": ["a", "b", "c"],
    }


def test_unknown_ids_are_refused():
    index = build_index([org("a", "CN")])
    with pytest.raises(KeyError, match="unknown profile id 'x'"):
        recommend(index, "x")
    with pytest.raises(ValueError, match="exclude: unknown profile id 'z'"):
        recommend(index, "a", exclude={("a", "z")})
    with pytest.raises(ValueError, match=r"exclude: \('a', 'a', 'a'\) is not a pair"):
        recommend_all(index, exclude={("a", "a", "a")})


def test_bad_profiles_are_all_reported():
    with pytest.raises(InvalidProfilesError) as error:
        build_index(
            [
                org("a", "China", sectors=("C99.9",)),
                org(
                    "a",
                    "PL",
                    capacity=-1,
                    opportunities=(opp("o1", "offer", partnerships=("friendship",)),),
                ),
            ]
        )
    assert error.value.problems == [
        "duplicate profile id a",
        "profile a: country has 'China', not an ISO 3166 alpha-2 code",
        "profile a: sectors has 'C99.9', not a NACE Rev. 2 code",
        "profile a: capacity must be a whole number of at least 0",
        "profile a, opportunity o1: unknown kind 'offer' (one of business_offer, "
        "business_request, technology_offer, technology_request, rd_request, "
        "investment_offer, investment_request)",
        "profile a, opportunity o1: unknown partnership 'friendship' (one of distribution, "
        "commercial_agency, manufacturing, joint_venture, licensing, technical_cooperation, "
        "research_cooperation, investment)",
    ]


def test_same_input_gives_the_same_lists():
    def population():
        return [
            org(
                f"p{k}",
                ["CN", "PL", "HU"][k % 3],
                sectors=(["C25.62", "C27.40"][k % 2],),
                opportunities=(opp(f"o{k}", ["business_offer", "business_request"][k % 2]),),
            )
            for k in range(30)
        ]

    first = recommend_all(build_index(population()), top=5)
    second = recommend_all(build_index(population()), top=5)
    assert first == second
    assert all(len(v) == 5 for v in first.values())
