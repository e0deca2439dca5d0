"""A spreadsheet or CSV page as a grid with cell addresses, and a click on the grid -> the cell.

Ingest reads each sheet into rows of cell texts with the address of every cell ("Log!C7"); the grid
shows those rows under column letters A, B, C… with the sheet's row numbers in the first column, so
what a person clicks is the address ingest and the corrections use. Rows past `MAX_ROWS` are not shown
(a person corrects what they can see; the rows are all still read by ingest).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

MAX_ROWS = 500
ROW_COLUMN = "#"


@dataclass(frozen=True)
class PickedCell:
    address: str  # "Log!C7"
    text: str
    page: int


def column_letter(i: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def _row_number(address: str) -> int | None:
    m = re.search(r"(\d+)$", address)
    return int(m.group(1)) if m else None


def sheet_table(page: Any) -> Any | None:
    """The page's table that carries cell addresses (a sheet page has exactly one), else None."""
    return next((t for t in getattr(page, "tables", []) or [] if t.cells), None)


def grid_frame(page: Any) -> pd.DataFrame:
    """The sheet as the grid a person knows: "#" (the sheet's row number), then A, B, C…"""
    table = sheet_table(page)
    if table is None:
        return pd.DataFrame(columns=[ROW_COLUMN])
    width = max((len(r) for r in table.rows), default=0)
    rows = []
    for cells, addresses in list(zip(table.rows, table.cells))[:MAX_ROWS]:
        number = _row_number(addresses[0]) if addresses else None
        rows.append([str(number or "")] + [str(c) for c in cells] + [""] * (width - len(cells)))
    return pd.DataFrame(rows, columns=[ROW_COLUMN] + [column_letter(i) for i in range(width)])


def cell_at(page: Any, row: int, col: int) -> PickedCell | None:
    """The cell under a click on the grid (`row`, `col` as the grid's select event gives them)."""
    table = sheet_table(page)
    if table is None or col <= 0 or row < 0 or row >= min(len(table.rows), MAX_ROWS):
        return None
    c = col - 1  # the first grid column is the row number
    addresses = table.cells[row]
    if c >= len(addresses):
        return None
    text = table.rows[row][c] if c < len(table.rows[row]) else ""
    return PickedCell(addresses[c], str(text), page.number)


def record_on_row(records: Sequence[Any], address: str) -> str | None:
    """The record read from the clicked cell's row (a log: one record per row), else None (the first)."""
    m = re.fullmatch(r"(?:(.+)!)?\$?[A-Z]+\$?(\d+)", address)
    if m is None:
        return None
    for r in records:
        for src in r.field_sources.values():
            n = re.fullmatch(r"(?:(.+)!)?\$?[A-Z]+\$?(\d+)", src.cell or "")
            if n and n.group(2) == m.group(2) and n.group(1) == m.group(1):
                return r.id
    return None
