"""Tables a person opens in a spreadsheet: records and findings as CSV or XLSX.

Every value goes through `auditpack.cells.safe_cell`, so a supplier's `=HYPERLINK(...)` read as text
stays text in the export too. Nested values (invoice lines, ingredients) are written as JSON text in one
cell, so each record stays one row and nothing is dropped.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from auditpack.cells import safe_cell
from auditpack.errors import AuditPackError
from auditpack.records import FindingState, RecordBase, record_to_json

FORMATS = (".csv", ".xlsx")


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False, default=str)
    return safe_cell("" if value is None else value)


def write_table(path: Path, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    """`rows` under `columns` into `path` (.csv or .xlsx, by its suffix)."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise AuditPackError(f"export to .csv or .xlsx, not {path.suffix or 'a name without suffix'} ({path})")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8-sig") as f:  # the BOM makes spreadsheets read UTF-8
            writer = csv.writer(f)
            writer.writerow(columns)
            writer.writerows([_cell(v) for v in row] for row in rows)
        return path
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(path.stem[:31] or "export")
    ws.append(list(columns))
    for row in rows:
        ws.append([_cell(v) for v in row])
    wb.save(path)
    return path


def records_table(records: Sequence[RecordBase]) -> tuple[list[str], list[list[Any]]]:
    """One row per record: kind, id, source file and page, then every field of every kind present."""
    data = [record_to_json(r) for r in records]
    skip = {"kind", "id", "source", "field_sources"}
    fields = list(dict.fromkeys(k for d in data for k in d if k not in skip))
    columns = ["kind", "id", "file", "page", *fields]
    rows = [[d["kind"], d["id"], d["source"].get("filename"), d["source"].get("page"), *(d.get(k) for k in fields)]
            for d in data]
    return columns, rows


def findings_table(states: Sequence[FindingState]) -> tuple[list[str], list[list[Any]]]:
    """One row per finding as a reviewer sees it: the gap, then its triage state (decision, due date)."""
    columns = ["id", "rule", "severity", "status", "subject", "message", "citations", "facility", "supplier",
               "assignee", "corrective_action", "due_date", "reason", "decided_by", "evidence"]
    rows = [[s.finding.id, s.finding.rule_id, s.finding.severity, s.status.value, s.finding.subject.key,
             s.finding.message, ", ".join(s.finding.citations), s.finding.facility, s.finding.supplier, s.assignee,
             s.corrective_action, s.due_date.isoformat() if s.due_date else None, s.reason, s.decided_by,
             "; ".join(f"{e.filename} {e.cell or f'p. {e.page}'}" for e in s.finding.evidence)] for s in states]
    return columns, rows
