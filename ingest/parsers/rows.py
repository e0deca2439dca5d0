"""Shared helpers for log-style documents: one record per table row."""
from __future__ import annotations

import datetime as dt

from ingest.models import LoadedDocument
from ingest.normalize import parse_datetime
from ingest.parsers.base import RecordBuilder
from ingest.tables import Row


def row_builder(doc: LoadedDocument, kind, row: Row, index: int) -> RecordBuilder:
    b = RecordBuilder(doc, kind, f"r{index}")
    if row.page is not None:
        b.first_page = row.page.number
    return b


def take(b: RecordBuilder, row: Row, column: str, field: str | None = None, convert=lambda s: s,
         required: bool = True):
    """Put `row[column]` (converted) into `field`, with its cell as the source; or note it missing."""
    field = field or column
    text = row.get(column)
    value = convert(text) if text is not None else None
    if value is None:
        if required:
            b.missing.append(field)
        return None
    cell = row.cells[column]
    b.put(field, value, b.source_for(cell.page, row.line, cell.cell, cell.bbox))
    return value


def row_datetime(row: Row, dayfirst: bool, date_col: str = "date", time_col: str = "time") -> dt.datetime | None:
    d, t = row.get(date_col), row.get(time_col)
    if d is None:
        return None
    return parse_datetime(f"{d} {t}" if t and ":" in t and ":" not in d else d, dayfirst)


def doc_facility(doc: LoadedDocument):
    """The facility a whole log belongs to: a "Facility:" label, or a title such as
    "Sanitation Log - Valley Packing Warehouse" on the first lines."""
    import re

    from ingest import fields as F

    found = F.find(doc, ["facility", "site"], below=False, anchored=True)
    if found:
        return found
    for page in doc.pages[:1]:
        for line in page.lines[:3]:
            m = re.search(r"\b(?:log|record|records|plan|report)\s*[-–—:]\s*(.+)$", line.text, re.I)
            if m:
                value = re.split(r"\s{3,}|\s\|\s", m.group(1))[0].strip()
                if F.text_value(value):
                    return F.Found(value, value, page, line.text, 0.9)
    return None
