"""How a spreadsheet cell's value is written as text, in one place.

Ingest reads values with this function and the package's evidence appendix
prints them with it, so the appendix shows the same text a record's provenance
quotes (`Log!C7` -> "2026-03-04"), and an inspector comparing the two sees no
reformatting."""
from __future__ import annotations

import datetime as dt
import re


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == dt.time() else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(round(value, 10))
    return str(value).strip()


def decode_text(data: bytes) -> str:
    """Text files from office exports come in UTF-8 (with or without BOM) or Windows-1252."""
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")  # pragma: no cover - latin-1 decodes any bytes


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d[\d,]*)?(\.\d+)?([eE][+-]?\d+)?%?")


def safe_cell(value: object) -> object:
    """A value about to be written into a CSV or XLSX cell that a person will open in a spreadsheet.

    Text read from a supplier's sheet can be a formula (`=HYPERLINK(...)`, `=cmd|' /C calc'!A0`,
    `@SUM(...)`); AuditPack stores it as text and never evaluates it, and every CSV/XLSX writer passes
    values through here so a spreadsheet will not either: text starting with = + - @ (or a tab or
    carriage return) gets a leading apostrophe. Numbers, including "-12.5", pass unchanged."""
    if isinstance(value, str) and value[:1] in _FORMULA_START and not _NUMBER.fullmatch(value.strip()):
        return "'" + value
    return value
