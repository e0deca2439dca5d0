"""XLSX (openpyxl) and CSV output of a document's grid.

Why: suppliers and QA staff keep logs and recipes in Excel; some cells hold real
numbers and dates (the sheet shows them in its own format), others typed text, and
CSV exports use ";" where the comma is the decimal separator and Windows-1252 as
often as UTF-8.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
from pathlib import Path

from bench.layout_variations.blocks import Cell, Doc, Val, text_of
from bench.layout_variations.writers.grid import layout

_DATE_FORMATS = {"iso": "yyyy-mm-dd", "mdy": "mm/dd/yyyy", "dmy": "dd/mm/yyyy", "dmy_dot": "dd.mm.yyyy",
                 "dmy_dash": "dd-mm-yyyy"}


def _sheet_name(title: str) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31]
    return name or "Sheet1"


def write_xlsx(doc: Doc, path: Path, rng: random.Random, date_style: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    native = rng.random() < 0.5  # this author types numbers and dates as real cell values
    g = layout(doc, rng)
    wb = Workbook()
    ws = wb.active
    ws.title = rng.choice([_sheet_name(doc.title), "Sheet1", "Log", "Data"])
    bold = Font(bold=True)
    widths: dict[int, int] = {}
    for r, row in enumerate(g.rows, start=1):
        for c, cell in enumerate(row, start=1):
            value: object = text_of(cell)
            if native and isinstance(cell, Val) and cell.raw is not None:
                value = cell.raw
            xc = ws.cell(row=r, column=c, value=value if value != "" else None)
            if isinstance(value, (dt.date, dt.datetime)):
                fmt = _DATE_FORMATS.get(date_style, "yyyy-mm-dd")
                xc.number_format = fmt + (" hh:mm" if isinstance(value, dt.datetime) else "")
            if r - 1 in g.bold:
                xc.font = bold
            widths[c] = max(widths.get(c, 8), min(60, len(text_of(cell)) + 2))
        if r - 1 in g.titles and g.width > 1 and rng.random() < 0.5:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=min(g.width, 6))
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = w
    wb.save(path)


def write_csv(doc: Doc, path: Path, rng: random.Random, decimal_comma: bool) -> None:
    g = layout(doc, rng)
    width = g.width
    delimiter = ";" if decimal_comma or rng.random() < 0.2 else ","
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\r\n" if rng.random() < 0.6 else "\n")
    for row in g.rows:
        cells: list[Cell] = list(row) + [""] * (width - len(row))  # spreadsheet exports pad every row
        w.writerow([text_of(c) for c in cells])
    text = out.getvalue()
    encoding = rng.choice(["utf-8", "utf-8-sig", "cp1252"])
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8-sig")
    path.write_bytes(data)
