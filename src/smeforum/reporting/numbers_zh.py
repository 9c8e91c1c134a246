"""Amounts of money written out for people: Chinese with 万/亿 units, English with
million/billion.

Chinese groups digits by ten thousands: 万 is 10⁴ and 亿 is 10⁸, so 1,684,580,000,000 yuan is
“16845.8亿元” (not 1.68万亿, which Chinese press releases rarely write), 45,000 yuan is
“4.5万元” and 9,800 yuan stays “9800元”. English uses million and billion with thousands
separators: “1,684.58 billion yuan”. Both keep at most two decimals of the unit and drop
trailing zeros.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

WAN = Decimal(10) ** 4
YI = Decimal(10) ** 8
MILLION = Decimal(10) ** 6
BILLION = Decimal(10) ** 9
CENT = Decimal("0.01")

#: Chinese currency names written after the number (“72.92亿元”, “2359.4亿美元”).
ZH_CURRENCY = {"CNY": "元", "USD": "美元", "EUR": "欧元"}
#: English currency names: (singular, plural).
EN_CURRENCY = {
    "CNY": ("yuan", "yuan"),
    "USD": ("US dollar", "US dollars"),
    "EUR": ("euro", "euros"),
}


def _trim(value: Decimal) -> str:
    """``value`` rounded to two decimals, without trailing zeros or exponent: 16845.80 →
    “16845.8”, 72.00 → “72”."""
    text = f"{value.quantize(CENT, rounding=ROUND_HALF_UP):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _grouped(value: Decimal) -> str:
    """Like :func:`_trim`, with thousands separators: 1684.58 → “1,684.58”."""
    text = _trim(value)
    whole, _dot, fraction = text.partition(".")
    grouped = f"{int(whole):,}"
    return f"{grouped}.{fraction}" if fraction else grouped


def zh_number(value: Decimal | int) -> str:
    """A non-negative number with 万/亿 units and no separators: 45000 → “4.5万”,
    1684580000000 → “16845.8亿”, 9800 → “9800”."""
    value = Decimal(value)
    if value >= YI or _rounded(value / WAN) >= WAN:
        return f"{_trim(value / YI)}亿"
    if value >= WAN:
        return f"{_trim(value / WAN)}万"
    return _trim(value)


def _rounded(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def format_zh_amount(amount: Decimal | int, currency: str) -> str:
    """An amount in Chinese: “16845.8亿元”, “2359.4亿美元”, “4.5万元”, “9800元”; a currency
    without a Chinese name keeps its ISO code after the number (“3.2万 PLN”)."""
    number = zh_number(amount)
    name = ZH_CURRENCY.get(currency)
    return f"{number}{name}" if name else f"{number} {currency}"


def en_number(value: Decimal | int) -> str:
    """A non-negative number in English: 1684580000000 → “1,684.58 billion”, 45000 →
    “45,000”, 12500000 → “12.5 million”."""
    value = Decimal(value)
    if value >= BILLION or _rounded(value / MILLION) >= 1000:
        return f"{_grouped(value / BILLION)} billion"
    if value >= MILLION:
        return f"{_grouped(value / MILLION)} million"
    return _grouped(value)


def format_en_amount(amount: Decimal | int, currency: str, *, with_code: bool = False) -> str:
    """An amount in English: “7.29 billion yuan”, “235.94 billion US dollars”; with
    ``with_code`` the ISO code follows in brackets (“1,684.58 billion yuan (CNY)”). A currency
    without an English name is written by its code (“3.2 million PLN”)."""
    number = en_number(amount)
    names = EN_CURRENCY.get(currency)
    if names is None:
        return f"{number} {currency}"
    name = names[0] if number == "1" else names[1]
    return f"{number} {name} ({currency})" if with_code else f"{number} {name}"


def format_zh_count(value: Decimal | int) -> str:
    """A count in Chinese text: no separators, large counts with 万 (“3000”, “1.2万”)."""
    return zh_number(value)


def format_en_count(value: Decimal | int) -> str:
    """A count in English text, with thousands separators (“3,000”)."""
    return _grouped(Decimal(value))
