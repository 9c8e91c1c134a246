"""What an import found and did: row errors, counts per kind of record, notes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowError:
    """One problem, at a spreadsheet row (header = row 1) and, where known, a column."""

    line: int | None  # None: the file as a whole
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        where = (
            f"row {self.line}" if self.column is None else f"row {self.line}, column {self.column}"
        )
        return f"{where}: {self.message}"


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    created_only: bool = False  # auxiliary records (cities, series...) are only ever created

    def __str__(self) -> str:
        if self.created_only:
            return f"{self.created} created"
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class ImportReport:
    """The outcome of one import. ``ok`` is false when any row had a problem: then nothing was
    written. With ``dry_run`` nothing is written either; the counts say what would be."""

    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)
    tallies: dict[str, Tally] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, line: int | None, column: str | None, message: str) -> None:
        self.errors.append(RowError(line, column, message))

    def tally(self, label: str, *, created_only: bool = False) -> Tally:
        if label not in self.tallies:
            self.tallies[label] = Tally(created_only=created_only)
        return self.tallies[label]

    def count(self, label: str, action: str, *, created_only: bool = False) -> None:
        tally = self.tally(label, created_only=created_only)
        setattr(tally, action, getattr(tally, action) + 1)

    def sorted_errors(self, columns: tuple[str, ...] = ()) -> list[RowError]:
        order = {name: i for i, name in enumerate(columns)}
        return sorted(
            self.errors,
            key=lambda e: (e.line or 0, -1 if e.column is None else order.get(e.column, 99)),
        )

    def summary_lines(self) -> list[str]:
        lines = []
        if self.dry_run:
            lines.append("Dry run: nothing was written. The import would make these changes:")
        lines += [f"{label}: {tally}" for label, tally in self.tallies.items()]
        lines += self.notes
        return lines


def write_report(report: ImportReport, *, stdout, stderr, columns: tuple[str, ...]) -> None:
    """Print the summary (to ``stdout``) or every problem, one a line (to ``stderr``)."""
    if report.ok:
        for line in report.summary_lines():
            stdout.write(line)
        return
    for problem in report.sorted_errors(columns):
        stderr.write(str(problem))
