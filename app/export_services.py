"""The rows a screen shows, written as a CSV or XLSX file a person downloads (app/export.py's writers).

Mixed into `app.services.Services`, so the review UI exports through its port (review_ui/ports.py) without
importing `app`: it passes the records or findings of its current filter, and gets back the path of a file
written with `write_table`, where every value went through `safe_cell` (a `=HYPERLINK(...)` read from a
document stays text in the spreadsheet). Files go to the workspace's cache (`cache/exports/`), named by
what they hold and when, so two people exporting at once never overwrite each other's file.
"""
from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from auditpack.errors import AuditPackError
from auditpack.records import FindingState, RecordBase
from auditpack.workspace import Workspace

EXPORT_DIR = "exports"


def export_dir(workspace: Workspace) -> Path:
    """Where exported views are written (the review UI allows downloads from here)."""
    return workspace.cache_dir / EXPORT_DIR


class ExportServices:
    """Provided by Services: `workspace`."""

    workspace: Workspace

    def _export_path(self, name: str, fmt: str) -> Path:
        fmt = fmt.lower().lstrip(".")
        if fmt not in ("csv", "xlsx"):
            raise AuditPackError(f"export as csv or xlsx, not {fmt!r}")
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
        return export_dir(self.workspace) / f"{name}-{stamp}-{secrets.token_hex(3)}.{fmt}"

    def export_records(self, records: Sequence[RecordBase], fmt: str, name: str = "records") -> Path:
        """The records as one row each (every field; nested values as JSON text) in a new csv/xlsx file."""
        from app.export import records_table, write_table

        return write_table(self._export_path(name, fmt), *records_table(records))

    def export_findings(self, states: Sequence[FindingState], fmt: str, name: str = "findings") -> Path:
        """The findings with their triage state (decision, due date, reason) in a new csv/xlsx file."""
        from app.export import findings_table, write_table

        return write_table(self._export_path(name, fmt), *findings_table(states))
