"""A report written as JSON, Markdown or CSV (Excel: ``xlsx.py``; PDF: the fact sheet)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from django.utils.translation import gettext as _

from smeforum.reporting.report import Report
from smeforum.reporting.tables import (
    INT,
    MONEY,
    NUMBER,
    RATIO,
    Table,
    report_tables,
    status_label,
)


def check_label(check: str) -> str:
    labels = {
        "registry": _("registry vs statement"),
        "parts": _("parts vs total"),
        "editions": _("editions vs cumulative"),
        "conversion": _("conversion vs original"),
    }
    return labels.get(check, check)


def to_json(report: Report) -> str:
    """``Report.as_dict()``, indented by 2, non-ASCII kept as is."""
    return json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n"


# --- Markdown --------------------------------------------------------------------------------


def _md_value(value, kind: str) -> str:
    if value is None or value == "":
        return ""
    if kind == MONEY:
        return f"{Decimal(value):,.2f}"
    if kind == INT:
        return f"{value:,}" if isinstance(value, int) else str(value)
    if kind == NUMBER:
        value = Decimal(value)
        if value == value.to_integral_value():
            return f"{value:,.0f}"
        return f"{value:,.2f}"
    if kind == RATIO:
        return f"{Decimal(value).normalize():f}"
    return str(value)


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_table(table: Table, *, shown: dict | None = None) -> list[str]:
    shown = shown or {}
    lines = [
        "| " + " | ".join(_md_cell(c.label) for c in table.columns) + " |",
        "|" + "|".join("---:" if c.type != "text" else "---" for c in table.columns) + "|",
    ]
    for row in table.rows:
        cells = []
        for column, value in zip(table.columns, row, strict=True):
            show = shown.get(column.key)
            text = show(value) if show else _md_value(value, column.type)
            cells.append(_md_cell(text))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def to_markdown(report: Report) -> str:
    """Headings and column labels in the active language; figures as published."""
    summary, counted, sister_cities, b2b, reported, reconciliation, rates = report_tables(report)
    name = report.series.short_name_en or report.series.name_en
    lines = [f"# {_('Report')}: {name}", ""]
    lines += [f"- {_md_cell(item)}: {_md_cell(str(value))}" for _key, item, value in summary.rows]
    lines.append("")
    for table in (counted, sister_cities):
        lines += [f"## {table.title}", ""]
        if table.rows:
            lines += _md_table(table)
        else:
            lines.append(_("No outcome records in scope."))
        lines.append("")
    lines += [f"## {b2b.title}", ""]
    lines += _md_table(b2b) if b2b.rows else [_("No edition in scope has a B2B session.")]
    lines += ["", f"## {reported.title}", ""]
    lines += _md_table(reported) if reported.rows else [_("No published figures in scope.")]
    lines += ["", f"## {reconciliation.title}", ""]
    if reconciliation.rows:
        lines += _md_table(reconciliation, shown={"status": status_label, "check": check_label})
    else:
        lines.append(_("Nothing to reconcile."))
    lines += ["", f"## {rates.title}", ""]
    lines += _md_table(rates) if rates.rows else [_("No conversion was needed.")]
    lines.append("")
    return "\n".join(lines)


# --- CSV -------------------------------------------------------------------------------------


def _csv_value(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == MONEY:
        return str(Decimal(value).quantize(Decimal("0.01")))
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if kind in {NUMBER, RATIO} else str(value)
    return str(value)


def to_csv(report: Report) -> str:
    """Every table in one file, one section after another: each section starts with its header
    row, whose first cell is ``section``; every row's first cell names its section (summary,
    counted, sister_cities, b2b, reported, reconciliation, rates); an empty line separates
    sections.
    Column names are the stable keys, values are plain (no grouping, "." as decimal point)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for index, table in enumerate(report_tables(report)):
        if index:
            writer.writerow([])
        writer.writerow(["section", *(column.key for column in table.columns)])
        for row in table.rows:
            values = [_csv_value(v, c.type) for c, v in zip(table.columns, row, strict=True)]
            writer.writerow([table.key, *values])
    return out.getvalue()
