"""Amounts written for people: Chinese with 万/亿 units, English with million/billion."""

from decimal import Decimal

import pytest

from smeforum.reporting.numbers_zh import (
    format_en_amount,
    format_en_count,
    format_zh_amount,
    format_zh_count,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("1684580000000", "CNY", "16845.8亿元"),
        ("7292000000", "CNY", "72.92亿元"),
        ("235940000000", "USD", "2359.4亿美元"),
        ("45000", "CNY", "4.5万元"),
        ("9800", "CNY", "9800元"),
        ("136769000000", "CNY", "1367.69亿元"),
        ("100000000", "CNY", "1亿元"),
        ("99999999", "CNY", "1亿元"),  # 9999.9999万 rounds up into the next unit
        ("10000", "EUR", "1万欧元"),
        ("31689000000", "CNY", "316.89亿元"),
        ("4520000000", "USD", "45.2亿美元"),
        ("9800.50", "CNY", "9800.5元"),
        ("0", "CNY", "0元"),
        ("12500000", "PLN", "1250万 PLN"),
    ],
)
def test_zh_amounts_use_wan_and_yi(amount, currency, expected):
    assert format_zh_amount(Decimal(amount), currency) == expected


@pytest.mark.parametrize(
    ("amount", "currency", "with_code", "expected"),
    [
        ("1684580000000", "CNY", True, "1,684.58 billion yuan (CNY)"),
        ("1684580000000", "CNY", False, "1,684.58 billion yuan"),
        ("235940000000", "USD", False, "235.94 billion US dollars"),
        ("7292000000", "CNY", False, "7.29 billion yuan"),
        ("45000", "CNY", False, "45,000 yuan"),
        ("12500000", "EUR", False, "12.5 million euros"),
        ("999999999", "USD", False, "1 billion US dollars"),
        ("1", "USD", False, "1 US dollar"),
        ("3200000", "PLN", False, "3.2 million PLN"),
    ],
)
def test_en_amounts_use_million_and_billion(amount, currency, with_code, expected):
    assert format_en_amount(Decimal(amount), currency, with_code=with_code) == expected


def test_counts():
    assert format_zh_count(217) == "217"
    assert format_zh_count(3000) == "3000"
    assert format_zh_count(12000) == "1.2万"
    assert format_en_count(3000) == "3,000"
    assert format_en_count(Decimal("217.0000")) == "217"
