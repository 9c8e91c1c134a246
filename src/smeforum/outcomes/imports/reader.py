"""Reading a CSV or XLSX file into rows of text cells keyed by the header's column names.

Rows carry their number as a spreadsheet shows it (the header is row 1). The file is read by
:mod:`smeforum.reference.tabular` (CSV UTF-8, or an XLSX workbook's first worksheet, formulas
as their text). Every cell becomes a string with surrounding whitespace removed and the
exports' protective quote (see :mod:`.cells`) stripped; fully empty rows are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from smeforum.outcomes.imports.cells import restore
from smeforum.outcomes.imports.report import RowError
from smeforum.reference.tabular import UnreadableFileError, read_records

__all__ = ["Row", "UnreadableFileError", "read_rows"]


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]


def read_rows(path: Path, columns: tuple[str, ...]) -> tuple[list[Row], list[RowError]]:
    """The data rows of ``path`` and the problems of its header (missing, unknown or repeated
    columns). Raises :class:`UnreadableFileError` when the file cannot be read."""
    if not path.is_file():
        raise UnreadableFileError(f"{path} does not exist")
    records = read_records(path.read_bytes(), path.name)
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
