"""Parsing single cells. Each parser returns the value or raises :class:`CellError` whose
message says what is wrong in the organiser's terms, e.g. ``"XXQ" is not an ISO 4217 currency
code``."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug

from smeforum.reference.countries import currency_codes, get_country

_PLAIN_DECIMAL = re.compile(r"^\d+(\.\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RANGE = re.compile(r"^(\d+)\s*[-–]\s*(\d+)$")


class CellError(ValueError):
    """A cell whose text is not a value of its column."""


def parse_decimal(text: str, *, places: int, digits: int) -> Decimal:
    """A plain, non-negative decimal (``1250000.50``): no sign, thousands separator or
    exponent; at most ``places`` decimals and ``digits`` digits in all."""
    if not _PLAIN_DECIMAL.match(text):
        if text.startswith("-") and _PLAIN_DECIMAL.match(text[1:]):
            raise CellError(f'"{text}" is negative; figures and amounts are never negative')
        raise CellError(f'"{text}" is not a plain decimal number (e.g. 1250000.50)')
    try:
        value = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover -- the pattern admits only decimals
        raise CellError(f'"{text}" is not a plain decimal number') from exc
    whole, _, fraction = text.partition(".")
    if len(fraction.rstrip("0")) > places:
        raise CellError(f'"{text}" has more than {places} decimals')
    if len(whole.lstrip("0")) > digits - places:
        raise CellError(f'"{text}" is too large: at most {digits - places} digits before the point')
    return value


def parse_date(text: str) -> dt.date:
    if _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise CellError(f'"{text}" is not a date in the form YYYY-MM-DD')


def parse_number(text: str) -> int:
    """An edition number: a whole number from 1."""
    if not text.isdigit() or int(text) < 1:
        raise CellError(f'"{text}" is not an edition number (1, 2, 3...)')
    return int(text)


def parse_edition_range(text: str) -> tuple[int, int]:
    """``4`` → (4, 4); ``1-3`` (or ``1–3``) → (1, 3)."""
    if text.isdigit():
        number = parse_number(text)
        return number, number
    match = _RANGE.match(text)
    if not match:
        raise CellError(f'"{text}" is not an edition or a range of editions (e.g. 4 or 1-3)')
    first, last = int(match.group(1)), int(match.group(2))
    if first < 1 or last < first:
        raise CellError(f'"{text}": the range must run from a lower to a higher edition number')
    return first, last


def parse_currency(text: str) -> str:
    code = text.upper()
    if code not in currency_codes():
        raise CellError(f'"{text}" is not an ISO 4217 currency code')
    return code


def parse_country(text: str) -> str:
    if len(text) != 2 or get_country(text) is None:
        raise CellError(f'"{text}" is not an ISO 3166-1 alpha-2 country code')
    return text.upper()


def parse_choice(text: str, choices, what: str) -> str:
    known = [str(c) for c in choices]
    if text not in known:
        raise CellError(f'"{text}" is not {what} (one of {", ".join(known)})')
    return text


def parse_slug(text: str) -> str:
    try:
        validate_slug(text)
    except ValidationError as exc:
        raise CellError(f'"{text}" is not a slug (letters, digits, - and _)') from exc
    return text


def parse_url(text: str) -> str:
    try:
        URLValidator()(text)
    except ValidationError as exc:
        raise CellError(f'"{text}" is not a web address (http:// or https://)') from exc
    return text


def parse_yes_no(text: str) -> bool:
    value = text.lower()
    if value not in {"yes", "no", ""}:
        raise CellError(f'"{text}" is neither yes nor no')
    return value == "yes"


def check_length(text: str, limit: int) -> str:
    if len(text) > limit:
        raise CellError(f"is {len(text)} characters long; at most {limit} fit")
    return text


def split_list(text: str) -> list[str]:
    """``a; b;c`` → ``["a", "b", "c"]`` (empty entries dropped)."""
    return [part.strip() for part in text.split(";") if part.strip()]


class Cells:
    """One row's cells, parsed column by column; a bad cell is reported, not raised."""

    def __init__(self, row, report):
        self.row = row
        self.report = report
        self.ok = True

    def text(self, column: str) -> str:
        return self.row[column]

    def fail(self, column: str | None, message: str) -> None:
        self.report.error(self.row.line, column, message)
        self.ok = False

    def get(self, column: str, parse=None, *, required: bool = False):
        """The parsed value of ``column``; ``None`` when empty or bad (and reported)."""
        text = self.row[column]
        if not text:
            if required:
                self.fail(column, "must not be empty")
            return None
        if parse is None:
            return text
        try:
            return parse(text)
        except CellError as exc:
            self.fail(column, str(exc))
            return None
