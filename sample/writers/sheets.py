"""Shared helpers for spreadsheet and CSV writers (openpyxl, csv)."""
from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

FIXED = datetime(2026, 1, 1, 0, 0, 0)
HEADER_FILL = PatternFill("solid", fgColor="DDE8D5")
THIN = Side(style="thin", color="999999")


def workbook() -> Workbook:
    wb = Workbook()
    wb.properties.creator = "AuditPack sample generator (fictional data)"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    return wb


def header_row(ws, row: int, headers: Sequence[str], widths: Sequence[int] | None = None) -> None:
    for col, h in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=col, value=h)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = Border(bottom=THIN, top=THIN, left=THIN, right=THIN)
        ws.column_dimensions[get_column_letter(col)].width = (widths[col - 1] if widths else max(11, len(h) + 2))


def title(ws, row: int, text: str, size: int = 13) -> None:
    ws.cell(row=row, column=1, value=text).font = Font(bold=True, size=size)


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]], delimiter: str = ",") -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
        w.writerow(headers)
        for row in rows:
            w.writerow(["" if v is None else v for v in row])


def yn(v: bool | None, yes: str = "Y", no: str = "N", none: str = "") -> str:
    return none if v is None else (yes if v else no)
