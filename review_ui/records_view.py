"""What the Records tab shows of a kind: one page of its records, with a count and a date filter.

A year of cleaning events is thousands of records, so the filtering, sorting and paging run in the store
(`Store.records_page`) and only the page's fifty records are parsed and turned into a frame. The date
filter reads what a person types the way ingest reads dates on documents ("06/19/2026", "19.06.2026",
"19 juin 2026", a range "06/01/2026 to 06/30/2026") through the ingest stage's `read_date`.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from auditpack.declarations import declarations
from auditpack.store import Store

from review_ui.presenters import records_frame

PAGE_SIZE = 50
EXPORT_CHUNK = 1000  # records read per store call when exporting every match
SORTS = {"date (oldest first)": False, "date (newest first)": True, "as ingested": None}
_RANGE = re.compile(r"\s+(?:to|until|bis|au|a|–|—|-|\.\.)\s+|\s*\.\.\s*", re.I)
DateReader = Callable[[str], "date | None"]


@dataclass
class RecordsPage:
    frame: pd.DataFrame
    count: str  # "1–50 of 3,645"
    offset: int
    total: int
    note: str = ""  # why a filter was not applied


def date_field(kind: str) -> str | None:
    """The kind's first declared date or datetime summary field (cleaning: performed_at), else None."""
    decl = declarations().get(kind)
    if decl is None:
        return None
    return next((f for f in decl.summary_fields if decl.field(f).type in ("date", "datetime")), None)


def _reader() -> DateReader:
    from ingest.api import read_date

    return read_date


def date_range(text: str, read: DateReader | None = None) -> tuple[date, date] | None:
    """One date, or two separated by "to" / "–" / "..", as a (from, to) range; None if it does not read."""
    text = (text or "").strip()
    if not text:
        return None
    read = read or _reader()
    parts = [p for p in _RANGE.split(text, maxsplit=1) if p.strip()]
    days = [read(p) for p in parts] if len(parts) == 2 else [read(text)]
    if any(d is None for d in days):
        return None
    return (days[0], days[-1]) if days[0] <= days[-1] else (days[-1], days[0])


def count_text(offset: int, shown: int, total: int) -> str:
    if not total:
        return "No records match."
    return f"{offset + 1:,}–{offset + shown:,} of {total:,}"


def _query(store: Store, kind: str, text: str, dates: str, offset: int, limit: int | None, sort: str,
           read: DateReader | None) -> tuple[list, int, str]:
    """The records of `kind` the filters give (`limit` of them from `offset`; None: all), the total, and why
    the date filter was not applied."""
    field = date_field(kind)
    span = date_range(dates, read) if dates and field else None
    note = ""
    if dates and dates.strip() and span is None:
        note = (f"“{dates.strip()}” does not read as a date (try 06/19/2026, 19.06.2026 or 2026-06-19)"
                if field else "this kind has no date to filter on")
    descending = SORTS.get(sort, False)

    def page(off: int, n: int) -> tuple[list, int]:
        return store.records_page(kind, max(0, off), n, text=(text or "").strip() or None, date_field=field,
                                  date_from=span[0] if span else None, date_to=span[1] if span else None,
                                  sort_field=field if descending is not None else None, descending=bool(descending))

    if limit is not None:
        return (*page(offset, limit), note)
    records, total = page(0, EXPORT_CHUNK)
    while len(records) < total:  # every match, a chunk at a time (the store pages, it never lists them all)
        more, total = page(len(records), EXPORT_CHUNK)
        if not more:
            break
        records += more
    return records, total, note


def matching_records(store: Store, kind: str, text: str, dates: str, sort: str = "date (oldest first)",
                     read: DateReader | None = None) -> list:
    """Every record of the current filter, in the table's order (not just the page shown): what an export
    of the current view writes."""
    return _query(store, kind, text, dates, 0, None, sort, read)[0] if kind else []


def load_page(store: Store, kind: str, text: str, dates: str, offset: int, sort: str = "date (oldest first)",
              read: DateReader | None = None) -> RecordsPage:
    """Page `offset // PAGE_SIZE` of `kind`'s records after the filters."""
    if not kind:
        return RecordsPage(records_frame([], "invoice"), "", 0, 0)
    records, total, note = _query(store, kind, text, dates, offset, PAGE_SIZE, sort, read)
    if offset and offset >= total:  # the filter shrank the result under the page shown: back to page 1
        return load_page(store, kind, text, dates, 0, sort, read)
    return RecordsPage(records_frame(records, kind), count_text(offset, len(records), total), offset, total, note)
