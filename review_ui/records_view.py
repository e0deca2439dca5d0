"""What the Records tab shows of a kind: one page of its records, with a count and a date filter.

A year of cleaning events is thousands of records, so the filtering, sorting and paging run in the store
(`Store.records_page`) and only the page's fifty records are parsed and turned into a frame. The date
filter reads what a person types the way ingest reads dates on documents ("06/19/2026", "19.06.2026",
"19 juin 2026", a range "06/01/2026 to 06/30/2026") through the ingest stage's `read_date`. A date typed
without its year ("June 19", "19 June", "06/19") is how people name a day of the log they are looking at,
so it takes the year of the newest records of the kind (the count line says so, and names the other years
present when the records span several).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import pandas as pd

from auditpack.declarations import declarations
from auditpack.store import Store

from review_ui.presenters import records_frame

PAGE_SIZE = 50
EXPORT_CHUNK = 1000  # records read per store call when exporting every match
SORTS = {"date (oldest first)": False, "date (newest first)": True, "as ingested": None}
ANY_FIELD = "(any field)"
NUMERIC_TYPES = {"money", "number", "quantity", "integer", "decimal", "percent"}
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_RANGE = re.compile(r"\s+(?:to|until|bis|au|a|–|—|-|\.\.)\s+|\s*\.\.\s*", re.I)
DateReader = Callable[[str], "date | None"]


@dataclass
class RecordsPage:
    frame: pd.DataFrame
    count: str  # "1–50 of 3,645"
    offset: int
    total: int
    note: str = ""  # why a filter was not applied
    read_as: str = ""  # how a date typed without its year was read ("June 19 → 2026-06-19 …")


def date_field(kind: str) -> str | None:
    """The kind's first declared date or datetime summary field (cleaning: performed_at), else None."""
    decl = declarations().get(kind)
    if decl is None:
        return None
    return next((f for f in decl.summary_fields if decl.field(f).type in ("date", "datetime")), None)


def column_label(field: str) -> str:
    """A field's column header in the table ("invoice_number" -> "Invoice number")."""
    return field.replace("_", " ").capitalize()


def filter_fields(kind: str) -> list[str]:
    """The kind's summary columns that hold one value (a table of lines has no single value to match)."""
    decl = declarations().get(kind)
    return [f for f in decl.summary_fields if decl.field(f).type != "table"] if decl else []


def _numeric(kind: str, field: str) -> bool:
    decl = declarations().get(kind)
    return bool(decl) and decl.field(field).type in NUMERIC_TYPES


class SortSpec(NamedTuple):
    field: str | None  # None: as ingested
    descending: bool
    numeric: bool  # compared as numbers, not text


def sort_table(kind: str) -> dict[str, SortSpec]:
    """Every Sort choice of `kind` and what it sorts by: the date sorts (on the kind's date field), then
    each summary column both ways ("Supplier name (A→Z)", "Total (largest first)"). One table, so the
    label shown and the sort run can never disagree."""
    at = date_field(kind)
    table = {label: SortSpec(at if down is not None else None, bool(down), False) for label, down in SORTS.items()}
    for f in filter_fields(kind):
        numeric = _numeric(kind, f)
        up, down = ("smallest first", "largest first") if numeric else ("A→Z", "Z→A")
        table[f"{column_label(f)} ({up})"] = SortSpec(f, False, numeric)
        table[f"{column_label(f)} ({down})"] = SortSpec(f, True, numeric)
    return table


def sort_choices(kind: str) -> list[str]:
    return list(sort_table(kind))


def sort_spec(kind: str, sort: str) -> SortSpec:
    """What a Sort choice sorts by; an unknown choice (a stale link) sorts by date, oldest first."""
    return sort_table(kind).get(sort, SortSpec(date_field(kind), False, False))


def _reader() -> DateReader:
    from ingest.api import read_date

    return read_date


def read_day(text: str, read: DateReader, year: int | None = None) -> date | None:
    """One typed date; without a year of its own ("June 19", "19.06", "06/19") it is read in `year`."""
    text = text.strip()
    day = read(text)
    if day is not None or year is None or _YEAR.search(text):
        return day
    joins = [sep for sep in "/.-" if sep in text] + [" "]  # "06/19" -> "06/19/2026", "June 19" -> "June 19 2026"
    return next((d for sep in joins if (d := read(f"{text.rstrip(sep)}{sep}{year}")) is not None), None)


def date_range(text: str, read: DateReader | None = None, year: int | None = None) -> tuple[date, date] | None:
    """One date, or two separated by "to" / "–" / "..", as a (from, to) range; None if it does not read.
    A date without its year is read in `year` (the records' own, see `years_in_view`)."""
    text = (text or "").strip()
    if not text:
        return None
    read = read or _reader()
    parts = [p for p in _RANGE.split(text, maxsplit=1) if p.strip()]
    days = [read_day(p, read, year) for p in parts] if len(parts) == 2 else [read_day(text, read, year)]
    if any(d is None for d in days):
        return None
    return (days[0], days[-1]) if days[0] <= days[-1] else (days[-1], days[0])


def needs_year(text: str) -> bool:
    return bool((text or "").strip()) and not _YEAR.search(text)


def years_in_view(store: Store, kind: str, field: str) -> tuple[int, int] | None:
    """(oldest, newest) year of the kind's dated records: two one-record pages, sorted in the store (the
    from-date leaves undated records out of the sort, which PostgreSQL would put first)."""
    def end(descending: bool) -> int | None:
        recs, _ = store.records_page(kind, 0, 1, date_field=field, date_from=date(1, 1, 1), sort_field=field,
                                     descending=descending)
        value = getattr(recs[0], field, None) if recs else None
        return value.year if value is not None else None

    newest = end(True)
    return (end(False) or newest, newest) if newest else None


def count_text(offset: int, shown: int, total: int) -> str:
    if not total:
        return "No records match."
    return f"{offset + 1:,}–{offset + shown:,} of {total:,}"


def _query(store: Store, kind: str, text: str, dates: str, offset: int, limit: int | None, sort: str,
           read: DateReader | None, field: str = "") -> tuple[list, int, str, str]:
    """The records of `kind` the filters give (`limit` of them from `offset`; None: all), the total, why
    the date filter was not applied, and how a date typed without its year was read. `field`: the column
    the word filter applies to (else anywhere in the record)."""
    date_at = date_field(kind)
    years = years_in_view(store, kind, date_at) if date_at and needs_year(dates) else None
    span = date_range(dates, read, years[1] if years else None) if dates and date_at else None
    note = read_as = ""
    if dates and dates.strip() and span is None:
        note = (f"“{dates.strip()}” does not read as a date (try 06/19/2026, 19.06.2026, June 19 or 2026-06-19)"
                if date_at else "this kind has no date to filter on")
    elif span and years:
        shown = str(span[0]) if span[0] == span[1] else f"{span[0]} to {span[1]}"
        others = (f"; the records span {years[0]}–{years[1]}, type the year for another"
                  if years[0] != years[1] else "")
        read_as = f"“{dates.strip()}” read as {shown} (the year of the newest records{others})"
    sort_field, descending, numeric = sort_spec(kind, sort)
    word = (text or "").strip() or None
    in_field = field if field in filter_fields(kind) else None

    def page(off: int, n: int) -> tuple[list, int]:
        return store.records_page(kind, max(0, off), n, text=None if in_field else word, date_field=date_at,
                                  date_from=span[0] if span else None, date_to=span[1] if span else None,
                                  sort_field=sort_field, descending=descending, sort_numeric=numeric,
                                  field_text={in_field: word} if in_field and word else None)

    if limit is not None:
        return (*page(offset, limit), note, read_as)
    records, total = page(0, EXPORT_CHUNK)
    while len(records) < total:  # every match, a chunk at a time (the store pages, it never lists them all)
        more, total = page(len(records), EXPORT_CHUNK)
        if not more:
            break
        records += more
    return records, total, note, read_as


def matching_records(store: Store, kind: str, text: str, dates: str, sort: str = "date (oldest first)",
                     read: DateReader | None = None, field: str = "") -> list:
    """Every record of the current filter, in the table's order (not just the page shown): what an export
    of the current view writes."""
    return _query(store, kind, text, dates, 0, None, sort, read, field)[0] if kind else []


def load_page(store: Store, kind: str, text: str, dates: str, offset: int, sort: str = "date (oldest first)",
              read: DateReader | None = None, field: str = "") -> RecordsPage:
    """Page `offset // PAGE_SIZE` of `kind`'s records after the filters (`field`: the word in that column)."""
    if not kind:
        return RecordsPage(records_frame([], "invoice"), "", 0, 0)
    records, total, note, read_as = _query(store, kind, text, dates, offset, PAGE_SIZE, sort, read, field)
    if offset and offset >= total:  # the filter shrank the result under the page shown: back to page 1
        return load_page(store, kind, text, dates, 0, sort, read, field)
    return RecordsPage(records_frame(records, kind), count_text(offset, len(records), total), offset, total, note,
                       read_as)
