"""The column-mapping form for a sheet or CSV: each header -> a field, like every import wizard.

Pure functions, no Gradio. The form starts from how the sheet is read now (each column a current value
was read from, by its cell address), so a person only fixes the columns that were misread or not read,
and sees the first rows parsed with their mapping before saving it as a layout profile's column hints.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from auditpack.declarations import declarations
from auditpack.records import RecordBase

from review_ui.presenters import display
from review_ui.sheet_grid import column_letter, sheet_table

MAPPING_COLUMNS = ["Column", "Header", "Field", "Read now as"]
PREVIEW_ROWS = 5


def headers(page: Any) -> list[tuple[str, str]]:
    """(column letter, header text) of the sheet's header row (the first row when none was detected)."""
    table = sheet_table(page)
    if table is None or not table.rows:
        return []
    row = table.rows[table.header_row or 0]
    addresses = table.cells[table.header_row or 0]
    out = []
    for i, text in enumerate(row):
        m = re.search(r"!?\$?([A-Z]+)\$?\d+$", addresses[i]) if i < len(addresses) else None
        if str(text).strip():
            out.append((m.group(1) if m else column_letter(i), str(text).strip()))
    return out


def _field_path(path: str) -> str:
    """`agents[0].name` -> `agents.name`: the declared path a column hint names."""
    return re.sub(r"\[\d+\]", "", path)


def read_now(records: Sequence[RecordBase], page: Any) -> dict[str, str]:
    """Column letter -> the field its cells were read as by the current reading (from the cell addresses)."""
    table = sheet_table(page)
    sheet = (table.sheet or page.name or "") if table is not None else ""
    out: dict[str, str] = {}
    for r in records:
        for path, src in r.field_sources.items():
            m = re.fullmatch(r"(?:(.+)!)?\$?([A-Z]+)\$?\d+", src.cell or "")
            if m and (not m.group(1) or m.group(1) == sheet):
                out.setdefault(m.group(2), _field_path(path))
    return out


def column_fields(kind: str | None) -> list[str]:
    """What a column can be: the kind's single fields, and each column of its tables (`lines.quantity`)."""
    decl = declarations().get(kind or "")
    if decl is None:
        return []
    out = []
    for name, f in decl.fields.items():
        if f.columns:
            out += [f"{name}.{c}" for c in f.columns]
        elif f.type not in ("table", "list", "narrative"):
            out.append(name)
    return out


def initial_mapping(page: Any, records: Sequence[RecordBase], kind: str | None) -> dict[str, str]:
    """Header -> field as the sheet is read now (only fields the kind declares)."""
    allowed = set(column_fields(kind))
    now = read_now(records, page)
    return {h: now[c] for c, h in headers(page) if now.get(c) in allowed}


def mapping_frame(page: Any, mapping: dict[str, str], records: Sequence[RecordBase]) -> pd.DataFrame:
    now = read_now(records, page)
    rows = [[c, h, mapping.get(h, "—"), now.get(c, "(not read)")] for c, h in headers(page)]
    return pd.DataFrame(rows, columns=MAPPING_COLUMNS)


def _value(record: dict[str, Any], path: str) -> Any:
    top, _, col = path.partition(".")
    value = record.get(top)
    if col and isinstance(value, list):
        return ", ".join(display(item.get(col)) for item in value if isinstance(item, dict))
    return value


def preview_frame(records: Sequence[dict[str, Any]], mapping: dict[str, str]) -> pd.DataFrame:
    """The first records read with the mapping, one column per mapped field."""
    fields = list(dict.fromkeys(mapping.values()))
    rows = [[display(_value(r, f)) for f in fields] for r in records[:PREVIEW_ROWS]]
    return pd.DataFrame(rows, columns=fields or ["(no field mapped)"])
