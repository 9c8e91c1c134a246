"""Formula neutralisation for CSV and XLSX cells, shared by the exports and the imports.

A spreadsheet treats a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in some
programs, a TAB, a CR or the full-width ＝＋－＠) as a formula. Exports prefix such a cell with
one single quote ``'``; imports strip exactly that quote again. A value that already begins
with quotes followed by such a character gets one more quote, so the pair of functions is a
lossless round trip for every string: ``restore(neutralise(v)) == v``.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
QUOTE = "'"


def _needs_quote(value: str) -> bool:
    return value.lstrip(QUOTE).startswith(FORMULA_STARTS)


def neutralise(value: str) -> str:
    """The cell text to write: ``value`` with a protective quote where a spreadsheet would
    read a formula."""
    return QUOTE + value if _needs_quote(value) else value


def restore(value: str) -> str:
    """The value a neutralised cell stands for (strips the one protective quote)."""
    if value.startswith(QUOTE) and _needs_quote(value):
        return value[1:]
    return value
