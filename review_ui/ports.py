"""What the review UI needs from the composition root, as a protocol.

The UI sits below the composition root (`app`), so it cannot import the
`Services` class that wires the stages; it states the shape it uses instead,
and `app.services.Services` satisfies it. Tests pass any object of this shape.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from auditpack.errors import StageMissing
from auditpack.records import (DocumentDetail, DocumentInfo, DocumentPage, DocumentQuery, FindingState, RecordBase,
                               SourceRef)
from auditpack.settings import Settings
from auditpack.store import Store
from auditpack.store.job_progress import JobProgress, UploadJob
from auditpack.workspace import Workspace

__all__ = ["Services", "StageMissing"]


class Services(Protocol):
    workspace: Workspace
    store: Store

    @property
    def settings(self) -> Settings: ...

    def stage(self, name: str) -> Any:
        """The public `api` module of stage `name` ("ingest", "knowledge", "generators")."""

    def missing(self, name: str) -> str | None:
        """None when the stage is usable, else a message saying what is disabled."""

    # --- the documents view and corrections (app/document_services.py) ---
    def documents(self, query: DocumentQuery) -> DocumentPage:
        """One page of the documents view (filters, full-text search, sort, total)."""

    def document(self, sha256_prefix: str) -> DocumentInfo:
        """The document a unique sha256 prefix names."""

    def document_detail(self, sha256_prefix: str) -> DocumentDetail:
        """Info, records as corrected now, and the corrections history of one document."""

    def correct(self, sha256: str, record_id: str, field: str, value: Any, actor: str, role: str,
                revision: int, source: SourceRef | None = None, note: str | None = None) -> DocumentDetail:
        """Set a field's value (manual source); refused for viewers, on a stale revision or a value of the
        wrong type."""

    def add_line(self, sha256: str, record_id: str, field: str, row: dict[str, Any], actor: str, role: str,
                 revision: int, source: SourceRef | None = None, note: str | None = None) -> DocumentDetail:
        """Append a row to a list field of a record."""

    def remove_line(self, sha256: str, record_id: str, row_path: str, actor: str, role: str, revision: int,
                    note: str | None = None) -> DocumentDetail:
        """Leave a row out of the current view (the extracted row is kept)."""

    def set_kind(self, sha256: str, kind: str, actor: str, role: str, revision: int,
                 note: str | None = None) -> DocumentDetail:
        """Say what kind a document is; ingest re-reads it as that kind (old records kept, superseded)."""

    # --- what the Documents tab needs beyond the CLI ---
    def loaded_document(self, sha256: str) -> Any:
        """The stored original as ingest reads it: pages with lines of words (boxes in page units) and sheet
        tables with cell addresses, so a click maps to what ingest and teaching use."""

    def read_field_value(self, sha256: str, kind: str, field: str, text: str) -> Any:
        """Text a person pointed at or typed, read as the field's type the way ingest reads this document;
        None when it does not read as one."""

    def start_record(self, sha256: str, kind: str, actor: str, role: str, revision: int) -> DocumentDetail:
        """A blank record of `kind` for a document no reader found one in (filled by corrections)."""

    def teach_layout(self, sha256: str, actor: str, role: str, name: str | None = None) -> Any:
        """Save a layout profile taught by this document's corrections. The result has `name`, `kind`,
        `hinted` (field -> how it is found), `typed_only` (field -> why not) and `others` (sha256 of the
        other stored documents it fits)."""

    def apply_layout(self, name: str, sha256s: list[str], actor: str, role: str) -> list[DocumentInfo]:
        """Re-read documents with a saved layout profile: new record versions, the old ones kept."""

    def map_columns(self, sha256: str, kind: str, mapping: dict[str, str], actor: str, role: str,
                    save: bool = False) -> Any:
        """A sheet's column mapping (header -> field) as a layout profile's column hints: `preview` (records
        read with it), and with `save` the profile kept, this document re-read, `others` that fit."""

    # --- queued work and its progress (app/job_services.py) ---
    def submit_upload(self, files: list[tuple[str, Path]], actor: str) -> UploadJob:
        """Keep the files as originals and queue one ingest task each (the checks follow); files over the
        upload limit are refused with a reason. The caller checked the actor may upload."""

    def job(self, job_id: str, items: bool = True) -> JobProgress:
        """A job's progress: state, done / total, what runs now, failures with reasons (and each item)."""

    def jobs(self, limit: int = 10) -> list[JobProgress]:
        """The newest jobs first."""

    def resume_job(self, job_id: str, actor: str) -> JobProgress:
        """Queue again a job's unfinished items (idempotent by content hash)."""

    # --- the current view as a file to download (app/export_services.py) ---
    def export_records(self, records: Sequence[RecordBase], fmt: str, name: str = "records") -> Path:
        """Records, one row each, written as a new `fmt` ("csv" or "xlsx") file; every value made safe for a
        spreadsheet (formula-like text stays text)."""

    def export_findings(self, states: Sequence[FindingState], fmt: str, name: str = "findings") -> Path:
        """Findings with their triage state, written as a new csv/xlsx file (values made safe the same way)."""
