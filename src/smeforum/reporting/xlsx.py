"""A report as an Excel workbook: one sheet per table, named by the table's key (summary,
counted, sister_cities, b2b, reported, reconciliation, rates); row 1 holds the translated
column labels, numbers are numbers (amounts with two decimals)."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from smeforum.reporting.report import Report
from smeforum.reporting.tables import INT, MONEY, NUMBER, RATIO, report_tables

FORMATS = {MONEY: "#,##0.00", INT: "#,##0", NUMBER: "#,##0.####", RATIO: "0.0000######"}
WIDTHS = {MONEY: 20, INT: 10, NUMBER: 20, RATIO: 14}


def _cell(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    return value


def to_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for table in report_tables(report):
        sheet = workbook.create_sheet(title=table.key)
        sheet.append([column.label for column in table.columns])
        for cell in sheet[1]:
            cell.font = bold
        for row in table.rows:
            sheet.append([_cell(value) for value in row])
        for index, column in enumerate(table.columns, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = WIDTHS.get(column.type, 24)
            number_format = FORMATS.get(column.type)
            if number_format:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = number_format
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
