"""Precision, qualifiers and slips: the rules a published figure is judged by."""

from decimal import Decimal

import pytest

from smeforum.reporting import compare
from smeforum.reporting.compare import Rule, half_unit, judge, rule_for
from smeforum.reporting.partition import find_partition

pytestmark = pytest.mark.unit

D = Decimal


@pytest.mark.parametrize(
    ("value", "half"),
    [
        ("1684580000000", "5000000"),  # "1684.58 billion": ±0.005 billion
        ("7292000000", "500000"),  # "72.92亿"
        ("4520000000", "5000000"),  # "4.52 billion"
        ("10000000000", "50000000"),  # "10 billion": read as 10.0 billion
        ("1234.5", "0.05"),
        ("0", "0"),
    ],
)
def test_half_unit_of_the_last_published_digit(value, half):
    assert half_unit(D(value)) == D(half)


def test_exact_counts_must_be_equal_and_amounts_match_at_published_precision():
    count = rule_for("exact", D(38), [D(38)], whole=True)
    amount = rule_for("exact", D("168458000000"), [D("168458000000")], whole=False)

    assert amount == Rule("exact", D(500000) / D("168458000000"))

    assert count == Rule("exact", D(0))
    assert judge(D(38), D(38), count) == compare.Verdict("consistent", D("1.0000"))
    assert judge(D(37), D(38), count).status == "difference"
    # ±500,000 of "1684.58亿": 168,458,400,000 is the same published figure, 168,459,000,000 not.
    assert judge(D("168458400000"), D("168458000000"), amount).status == "consistent"
    assert judge(D("168459000000"), D("168458000000"), amount).status == "difference"


@pytest.mark.parametrize(
    ("qualifier", "expected", "status"),
    [
        ("about", "3300", "consistent"),
        ("about", "2700", "consistent"),
        ("about", "3301", "difference"),
        ("about", "2699", "difference"),
        ("nearly", "400", "consistent"),
        ("nearly", "360", "consistent"),
        ("nearly", "401", "difference"),
        ("nearly", "359", "difference"),
        ("over", "20", "consistent"),
        ("over", "22", "consistent"),
        ("over", "19", "difference"),
        ("over", "23", "difference"),
    ],
)
def test_approximate_qualifiers(qualifier, expected, status):
    published = {"about": D(3000), "nearly": D(400), "over": D(20)}[qualifier]
    rule = rule_for(qualifier, published, [published], whole=True)

    assert rule.tolerance == D("0.10")
    assert judge(D(expected), published, rule).status == status


def test_approximate_tolerance_is_a_setting(settings):
    settings.SMEFORUM_APPROXIMATE_TOLERANCE = D("0.05")

    rule = rule_for("about", D(3000), [D(3000)], whole=True)

    assert rule.tolerance == D("0.05")
    assert judge(D(3120), D(3000), rule).status == "consistent"
    assert judge(D(3200), D(3000), rule).status == "difference"


def test_an_exact_figure_against_approximate_ones_is_read_as_about():
    rule = rule_for("exact", D(95), [D(100)], whole=True, others_approximate=True)

    assert rule == Rule("about", D("0.10"))
    assert judge(D(95), D(100), rule).status == "consistent"


@pytest.mark.parametrize(
    ("expected", "found", "ratio", "power"),
    [
        ("168458000000", "1684580000000", "10.0000", 1),
        ("1684580000000", "168458000000", "0.1000", -1),
        ("7292", "7292000", "1000.0000", 3),
        ("38", "380000", "10000.0000", 4),
    ],
)
def test_slips_by_a_power_of_ten(expected, found, ratio, power):
    rule = rule_for("exact", D(found), [D(found), D(expected)], whole=False)

    assert judge(D(expected), D(found), rule) == compare.Verdict("slip", D(ratio), power)


def test_a_slip_of_an_approximate_figure_and_a_difference_beyond_four_places():
    about = rule_for("about", D(3000), [D(3000)], whole=True)
    exact = rule_for("exact", D(38), [D(38)], whole=True)

    assert judge(D(310), D(3000), about) == compare.Verdict("slip", D("9.6774"), 1)
    assert judge(D(38), D(3800000), exact) == compare.Verdict("difference", D("100000.0000"))
    assert judge(D(38), D(45), exact) == compare.Verdict("difference", D("1.1842"))


def test_without_evidence_or_with_zero():
    rule = Rule("exact", D(0))

    assert judge(None, D(5), rule) == compare.Verdict("not_itemized", None)
    assert judge(D(0), D(0), rule) == compare.Verdict("consistent", None)
    assert judge(D(0), D(5), rule) == compare.Verdict("difference", None)


@pytest.mark.parametrize(
    ("first", "last", "spans", "partition"),
    [
        (1, 4, {(1, 3), (4, 4), (2, 2)}, [(1, 3), (4, 4)]),
        (1, 4, {(1, 1), (2, 2), (3, 3), (4, 4), (1, 3)}, [(1, 3), (4, 4)]),
        (1, 4, {(1, 1), (2, 2), (3, 3), (4, 4)}, [(1, 1), (2, 2), (3, 3), (4, 4)]),
        (1, 4, {(1, 2), (3, 4), (1, 3), (4, 4)}, [(1, 3), (4, 4)]),
        (1, 4, {(1, 4), (2, 4)}, None),  # the range itself is no partition; 1 is missing
        (1, 4, {(1, 2), (2, 4)}, None),  # overlapping pieces do not partition
        (2, 5, {(2, 3), (4, 5), (1, 3)}, [(2, 3), (4, 5)]),
        (1, 3, {(1, 1), (3, 3)}, None),  # a gap
    ],
)
def test_find_partition_prefers_fewest_pieces(first, last, spans, partition):
    assert find_partition(first, last, spans) == partition
