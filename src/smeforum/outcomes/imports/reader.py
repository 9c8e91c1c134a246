"""Reading a CSV or XLSX file into rows of text cells keyed by the header's column names.

Rows carry their number as a spreadsheet shows it (the header is row 1). CSV is UTF-8, with or
without a byte-order mark, comma-separated. XLSX is read from its first worksheet; formulas
are read as their text, never evaluated. Every cell becomes a string with surrounding
whitespace removed and the exports' protective quote (see :mod:`.cells`) stripped; fully
empty rows are skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from smeforum.outcomes.imports.cells import restore
from smeforum.outcomes.imports.report import RowError


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]


class UnreadableFileError(Exception):
    """The file cannot be read at all (wrong type, not UTF-8, not a workbook)."""


def _text(value) -> str:
    """A cell as text: numbers without float noise, dates as YYYY-MM-DD."""
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


def _csv_records(path: Path) -> list[list[str]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = exc.object[exc.start]
        raise UnreadableFileError(
            f"{path.name} is not UTF-8 text (byte 0x{byte:02x} at position {exc.start}); "
            "save it as CSV UTF-8"
        ) from exc
    return list(csv.reader(io.StringIO(text, newline="")))


def _xlsx_records(path: Path) -> list[list[str]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise UnreadableFileError(f"{path.name} is not an XLSX workbook ({exc})") from exc
    try:
        sheet = workbook.worksheets[0]
        return [[_text(v) for v in record] for record in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_rows(path: Path, columns: tuple[str, ...]) -> tuple[list[Row], list[RowError]]:
    """The data rows of ``path`` and the problems of its header (missing, unknown or repeated
    columns). Raises :class:`UnreadableFileError` when the file cannot be read."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UnreadableFileError(f"{path} does not exist")
    if suffix == ".csv":
        records = _csv_records(path)
    elif suffix == ".xlsx":
        records = _xlsx_records(path)
    else:
        raise UnreadableFileError(f"{path.name}: give a .csv or .xlsx file")
    if not records or not any(c.strip() for c in records[0]):
        raise UnreadableFileError(f"{path.name} has no header row")
    header = [c.strip() for c in records[0]]
    while header and not header[-1]:
        header.pop()
    errors = []
    for index, name in enumerate(header):
        if name not in columns:
            errors.append(RowError(1, name or f"#{index + 1}", "is not a column of this import"))
        elif header.index(name) != index:
            errors.append(RowError(1, name, "appears twice in the header"))
    missing = [c for c in columns if c not in header]
    if missing:
        errors.append(RowError(1, None, f"missing columns: {', '.join(missing)}"))
    rows = []
    for number, record in enumerate(records[1:], start=2):
        cells = dict.fromkeys(columns, "")
        for name, value in zip(header, record, strict=False):
            if name in cells:
                cells[name] = restore(value.strip())
        extra = [v for v in record[len(header) :] if v.strip()]
        if extra:
            errors.append(RowError(number, None, "has more cells than the header has columns"))
        if any(cells.values()) or extra:
            rows.append(Row(number, cells))
    return rows, errors
