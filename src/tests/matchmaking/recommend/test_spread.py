"""Spreading exposure by capacity over everyone's lists."""

import pytest

from smeforum.matchmaking.recommend import build_index, exposure_counts, gini, recommend_all

from .builders import opp, org

pytestmark = pytest.mark.unit


def skewed_population():
    """Three hubs that match everyone (every kind, every language), thirty ordinary ones."""
    kinds = ["business_offer", "business_request", "technology_offer", "technology_request"]
    hubs = [
        org(
            f"hub{h}",
            "CN",
            *(opp(f"hub{h}-{k}", kind, "C27.40") for k, kind in enumerate(kinds)),
            sectors=("C27.40",),
            languages=("zh", "en", "pl", "hu"),
            countries_of_interest=("PL", "HU", "CZ"),
            capacity=2,
        )
        for h in range(3)
    ]
    ordinary = [
        org(
            f"org{k:02d}",
            ["PL", "HU", "CZ", "CN", "CN"][k % 5],
            opp(f"org{k:02d}-o", kinds[k % 4], ["C27.40", "C27.1"][k % 2]),
            sectors=(["C27.40", "C27.1"][k % 2],),
            languages=(["pl", "hu", "cs", "zh", "zh"][k % 5],),
            capacity=4,
        )
        for k in range(30)
    ]
    return hubs + ordinary


def test_spreading_lowers_concentration_and_respects_quotas():
    index = build_index(skewed_population())
    plain = recommend_all(index, top=3, spread=False)
    spread = recommend_all(index, top=3, spread=True)
    plain_counts, spread_counts = exposure_counts(index, plain), exposure_counts(index, spread)
    assert max(plain_counts[:3]) > 20  # hubs are in nearly every plain list
    assert max(spread_counts[:3]) <= 4  # twice their capacity (exposure 2)
    assert gini(spread_counts) < gini(plain_counts) - 0.2
    assert all(len(v) == 3 for v in spread.values())
    tight = exposure_counts(index, recommend_all(index, top=3, spread=True, exposure=1.0))
    assert max(tight[:3]) <= 2  # their capacity


def test_spread_lists_keep_each_pair_score_and_are_sorted():
    index = build_index(skewed_population())
    plain = recommend_all(index, top=30, spread=False)
    spread = recommend_all(index, top=3, spread=True)
    for pid, recs in spread.items():
        own = {r.profile_id: r.score for r in plain[pid]}
        assert [r.score for r in recs] == sorted((r.score for r in recs), reverse=True)
        assert all(own[r.profile_id] == r.score for r in recs)


def test_gini():
    assert gini([5, 5, 5, 5]) == 0.0
    assert gini([0, 0, 0, 12]) == pytest.approx(0.75)
    assert gini([]) == 0.0
