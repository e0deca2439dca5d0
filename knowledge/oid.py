"""`auditpack oid import FILE`: Organic Integrity Database exports (CSV or XLSX).

Column names follow the OID export ("Operation Name", "Certifier Name",
"Operation Certification Status", "Effective Date of Operation Status",
"Data as of Date", "Operation ID", scope and product columns). Extracts that
keep only some columns (like the 2019 North Carolina one) still load: the
status is then unknown and the entry only proves the operation was listed.
Every original column is kept in `data` so nothing is lost.
"""
from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from knowledge.errors import OidImportError
from auditpack.store import OidEntry, Store

NAME = "operation name"
_COLUMNS = {
    "certifier": ("certifier name", "certifier"),
    "status": ("operation certification status", "operation status", "certification status"),
    "status_date": ("effective date of operation status", "status effective date"),
    "data_as_of": ("data as of date", "data as of"),
    "nop_id": ("operation id", "nop id"),
}
_NA = {"", "na", "n/a", "null", "none"}




def _date(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    text = str(value or "").strip()
    if text.lower() in _NA:
        return None
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S", "%m/%d/%y"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _rows(path: Path) -> list[dict[str, object]]:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        with path.open(newline="", encoding="utf-8-sig", errors="replace") as fh:
            return list(csv.DictReader(fh))
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        ws = load_workbook(path, read_only=True, data_only=True).active
        rows = ws.iter_rows(values_only=True)
        header = [str(h or "").strip() for h in next(rows, [])]
        return [dict(zip(header, r)) for r in rows]
    raise OidImportError(f"{path.name}: expected an OID export as .csv or .xlsx, got {suffix or 'no extension'}")


def parse_export(path: Path) -> list[OidEntry]:
    if not path.exists():
        raise OidImportError(f"{path}: no such file")
    rows = _rows(path)
    if not rows:
        raise OidImportError(f"{path.name}: no rows")
    header = {k.strip().lower(): k for k in rows[0] if k}
    if NAME not in header:
        raise OidImportError(f"{path.name}: no 'Operation Name' column; is this an Organic Integrity Database export?")
    col = {field: next((header[n] for n in names if n in header), None) for field, names in _COLUMNS.items()}
    entries = []
    for row in rows:
        name = str(row.get(header[NAME]) or "").strip()
        if not name:
            continue

        def get(field: str) -> object:
            return row.get(col[field]) if col[field] else None

        status = str(get("status") or "").strip()
        entries.append(OidEntry(
            operation_name=name, nop_id=(str(get("nop_id")).strip() or None) if get("nop_id") else None,
            certifier=(str(get("certifier")).strip() or None) if get("certifier") else None,
            status=status.lower() if status and status.lower() not in _NA else None,
            status_date=_date(get("status_date")), data_as_of=_date(get("data_as_of")),
            data={k: (None if str(v).strip().lower() in _NA else str(v)) for k, v in row.items() if k},
        ))
    return entries


def import_file(store: Store, path: Path) -> int:
    entries = parse_export(path)
    store.add_oid_entries(entries)
    return len(entries)
