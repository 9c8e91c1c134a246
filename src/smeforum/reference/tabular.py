"""Reading an uploaded CSV or XLSX file into records of text cells, for every import.

A leaf module (no models), shared by the imports of any data app: each import checks its own
header and rows. CSV is UTF-8, with or without a byte-order mark, comma-separated. XLSX is
read from its first worksheet; formulas are read as their text, never evaluated. Every cell
becomes a string: numbers without float noise, dates as YYYY-MM-DD, times as HH:MM:SS.
Cells are returned as read (surrounding whitespace kept); the caller strips them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class Problem:
    """What is wrong with an import, where: a row and column, or the file as a whole."""

    line: int | None  # the spreadsheet row (header = 1); None: the file as a whole
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        if self.column is None:
            return _("row %(row)s: %(message)s") % {"row": self.line, "message": self.message}
        return _("row %(row)s, column %(column)s: %(message)s") % {
            "row": self.line,
            "column": self.column,
            "message": self.message,
        }


class UnreadableFileError(Exception):
    """The file cannot be read at all (wrong type, not UTF-8, not a workbook)."""


def cell_text(value) -> str:
    """A spreadsheet cell as text: numbers without float noise, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")
    return str(value)


def _csv_records(data: bytes, name: str) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = exc.object[exc.start]
        raise UnreadableFileError(
            _(
                "%(name)s is not UTF-8 text (byte 0x%(byte)02x at position %(position)s); "
                "save it as CSV UTF-8"
            )
            % {"name": name, "byte": byte, "position": exc.start}
        ) from exc
    return list(csv.reader(io.StringIO(text, newline="")))


def _xlsx_records(data: bytes, name: str) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableFileError(
            _("%(name)s is not an XLSX workbook (%(error)s)") % {"name": name, "error": exc}
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        return [[cell_text(v) for v in record] for record in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_records(data: bytes, filename: str) -> list[list[str]]:
    """Every record of the file (the header first), each a list of cell texts. ``filename``
    gives the type (``.csv`` or ``.xlsx``, any case) and names the file in messages.
    Raises :class:`UnreadableFileError` when the file cannot be read."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix == ".csv":
        return _csv_records(data, filename)
    if suffix == ".xlsx":
        return _xlsx_records(data, filename)
    raise UnreadableFileError(_("%(name)s: give a .csv or .xlsx file") % {"name": filename})
