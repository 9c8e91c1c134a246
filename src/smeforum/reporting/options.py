"""The options of ``smeforum report`` (and ``manage report``): plain argparse, no Django, so the
``smeforum`` command can offer them before Django is set up."""

from __future__ import annotations

import argparse
import datetime as dt

FORMATS = ("json", "md", "csv", "xlsx", "pdf")
BINARY_FORMATS = frozenset({"xlsx", "pdf"})
LANGUAGES = ("en", "zh-hans")


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--series", metavar="SLUG", help="the forum series (default: the only one there is)"
    )
    parser.add_argument(
        "--editions",
        metavar="N-M",
        help="edition numbers, e.g. 1-4, 5 or 1-3,5 (default: every edition and the outcomes "
        "signed between editions)",
    )
    parser.add_argument(
        "--currency", default="USD", metavar="CODE", help="ISO 4217 code to convert into (USD)"
    )
    parser.add_argument(
        "--rate-date",
        metavar="YYYY-MM-DD",
        help="convert every amount at this date's rate (default: each outcome's signing date)",
    )
    parser.add_argument(
        "--nearest-rate",
        action="store_true",
        help="take the nearest date with a rate when a date has none (default: refuse)",
    )
    parser.add_argument(
        "--amount-kind",
        default="contractual",
        metavar="KIND",
        help="the amounts to add up: contractual (default), planned or realised",
    )
    parser.add_argument("--format", choices=FORMATS, default="json", help="output format (json)")
    parser.add_argument(
        "--lang", choices=LANGUAGES, default="en", help="language of headings and notes (en)"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )


def parse_editions(text: str) -> list[int]:
    """ "1-4" → [1, 2, 3, 4]; "1-3,5" → [1, 2, 3, 5]. Raises ``ValueError`` saying what is wrong."""
    numbers: set[int] = set()
    for piece in text.replace(" ", "").split(","):
        first, dash, last = piece.partition("-")
        if not (first.isdigit() and (not dash or last.isdigit())):
            raise ValueError(f"{piece!r} is not an edition number or a range such as 1-4")
        low, high = int(first), int(last) if dash else int(first)
        if low > high:
            raise ValueError(f"the range {piece} runs backwards; write {high}-{low}")
        if low < 1:
            raise ValueError("edition numbers start at 1")
        numbers.update(range(low, high + 1))
    return sorted(numbers)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD") from None
