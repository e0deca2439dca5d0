"""`Store`: what the stages, the UI, the CLI and the tests may ask of a store.

Stages depend on this interface, not on `SqlStore`, so any object of this
shape can be passed instead: an in-memory store in a test, a future store
behind a server API. `SqlStore` (SQLAlchemy: SQLite embedded, PostgreSQL on
the server path) is the one implementation today, and
tests/core/test_store_protocol.py checks that its methods keep these names
and signatures. A method a caller needs is added here first.

Nothing here offers a delete: superseded records, resolved findings and
retired corpus versions are kept, and every write leaves an audit entry.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from auditpack.records import (
    Correction, Decision, DocumentInfo, DocumentPage, DocumentQuery, DocumentStatus, Finding, FindingState,
    FindingStatus, RecordBase, RecordKind, Suggestion,
)
from auditpack.store.access import SignInFailures, SignInOutcome
from auditpack.store.admin import AuditEntry, CorpusSection, OidEntry, User
from auditpack.store.document_writes import NewDocument
from auditpack.store.findings import SyncResult
from auditpack.store.jobs import FollowUp, Job, JobItem, JobItemSpec, JobKind
from auditpack.store.tokens import ApiToken

__all__ = ["Store"]


class Store(Protocol):
    """The store every stage reads and writes through (see the module docstring)."""

    # --- documents and records ---
    def get_document(self, sha256: str) -> DocumentInfo | None:
        """The stored document with this content hash, or None."""

    def get_documents(self, sha256s: Iterable[str]) -> dict[str, DocumentInfo]:
        """The stored documents among these content hashes, by hash (one look-up for many files)."""

    def list_documents(self, kind: str | None = None, status: DocumentStatus | None = None) -> list[DocumentInfo]:
        """Every stored document, oldest first, optionally of one kind or status."""

    def add_document(self, info: DocumentInfo, records: Sequence[RecordBase], actor: str,
                     text: str | None = None) -> bool:
        """Store a document, its records and its text (searchable, capped) in one transaction; False if the
        same content is already stored. It replaces only the document `info.previous_version` names."""

    def add_documents(self, items: Sequence[NewDocument], actor: str) -> list[bool]:
        """Several documents as `add_document` stores each, in one transaction with their records written
        together; per item, whether it was stored. A failure stores none of them."""

    def current_versions(self, filename: str, source_path: str | None = None
                         ) -> list[tuple[DocumentInfo, list[RecordBase]]]:
        """Current documents stored under `filename` (from `source_path` or no known path), with their records."""

    def current_filenames(self, filenames: Iterable[str]) -> set[str]:
        """Which of `filenames` a current document is stored under (one look-up for a batch of files)."""

    def reinstate(self, sha256: str, actor: str) -> str | None:
        """Make a superseded document current again; returns the sha256 of the version it now replaces."""

    def add_records(self, records: Iterable[RecordBase], actor: str) -> None:
        """Add records typed in by a person for documents already stored."""

    def records(
        self, kind: RecordKind | str | None = None, include_superseded: bool = False,
        document_sha256: str | None = None,
    ) -> list[RecordBase]:
        """Current records (superseded ones too if asked), optionally of one kind or one document, each as
        corrected now: the extracted record with people's corrections overlaid."""

    def get_record(self, record_id: str) -> RecordBase | None:
        """The record with this id as corrected now, or None."""

    def record_counts(self) -> dict[str, int]:
        """Number of current records per record kind."""

    def document_counts(self) -> dict[str, int]:
        """Number of documents per kind (per status for documents without a kind)."""

    def records_page(self, kind: RecordKind | str, offset: int = 0, limit: int = 50, text: str | None = None,
                     date_field: str | None = None, date_from: date | None = None, date_to: date | None = None,
                     sort_field: str | None = None, descending: bool = False,
                     field_text: dict[str, str] | None = None, sort_numeric: bool = False,
                     ) -> tuple[list[RecordBase], int]:
        """One page of a kind's current records (as corrected now) and how many match in all: `text` anywhere
        in the record, `field_text` in named fields, `date_field` between `date_from` and `date_to` (inclusive),
        sorted on `sort_field` (as a number with `sort_numeric`) (auditpack/store/records_page.py; filters and
        sort run in the database)."""

    # --- the documents view and corrections (auditpack/store/documents_view.py, corrections.py) ---
    def documents_page(self, query: DocumentQuery) -> DocumentPage:
        """One page of documents matching the query's filters and search, sorted, with the total count."""

    def resolve_document(self, sha256_prefix: str) -> DocumentInfo:
        """The one document whose sha256 starts with this prefix; StoreError if none or several."""

    def document_text(self, sha256: str) -> str | None:
        """The stored (capped) text of a document, or None if none was kept."""

    def correct(self, correction: Correction, expected_revision: int) -> Correction:
        """Keep a person's correction (append-only) and return it with its id and new revision;
        CorrectionError if the value does not fit the field, DocumentConflictError if the revision moved."""

    def corrections(self, document_sha256: str) -> list[Correction]:
        """Every correction of a document, in the order they were made."""

    def supersede_reading(self, info: DocumentInfo, records: Sequence[RecordBase], actor: str,
                          expected_revision: int | None = None) -> DocumentInfo:
        """Store a new reading of a document (kind, status, problems from `info`, new records); the old
        records are kept, marked superseded. Returns the document as it is now."""

    # --- findings, decisions and suggestions ---
    def sync_findings(self, findings: Sequence[Finding], actor: str = "auditpack check") -> SyncResult:
        """Make a check run's findings current, keeping decisions and resolving the ones that vanished."""

    def findings(
        self, status: FindingStatus | str | None = None, rule_id: str | None = None,
        include_resolved: bool = True,
    ) -> list[FindingState]:
        """Findings with their review state, optionally filtered by status or rule."""

    def get_finding(self, finding_id: str) -> FindingState:
        """One finding with its review state; StoreError if there is none with this id."""

    def decide(self, decision: Decision, expected_version: int | None = None) -> FindingState:
        """Apply a reviewer's decision; ConflictError if the finding is no longer at `expected_version`."""

    def decisions(self, finding_id: str | None = None) -> list[Decision]:
        """Decisions in the order they were made, for one finding or all."""

    def save_suggestion(self, suggestion: Suggestion) -> None:
        """Keep a reviewer model's suggestion for a finding (it changes no status)."""

    def suggestions(self, finding_id: str) -> list[Suggestion]:
        """The suggestions saved for a finding, newest first."""

    # --- users and the audit log ---
    def add_user(self, name: str, role: str, password_hash: str, actor: str = "admin") -> None:
        """Add a user, or update the role and password of an existing one (reactivate it, end its sessions)."""

    def disable_user(self, name: str, actor: str = "admin") -> int:
        """Mark a user inactive (kept, not deleted) and end their open sessions; returns how many were ended."""

    def get_user(self, name: str) -> User | None:
        """The user with this name, or None."""

    def list_users(self) -> list[User]:
        """Every user, by name."""

    def log(self, actor: str, action: str, entity_kind: str, entity_id: str,
            before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> None:
        """Write an audit entry for something done outside a store write (package generated, upload refused)."""

    def audit_log(self, entity_id: str | None = None, limit: int = 1000) -> list[AuditEntry]:
        """Audit entries, newest first, optionally about one entity."""

    # --- sign-in attempts and review-UI sessions (auditpack/store/access.py) ---
    def record_sign_in(self, user_name: str, client: str | None, outcome: SignInOutcome) -> None:
        """Append a sign-in attempt (ok, failed, or refused while locked) and its audit entry."""

    def sign_in_failures(self, since: datetime, user_name: str | None = None,
                         client: str | None = None) -> SignInFailures:
        """Failed attempts for one user name or one client after its last success and after `since`."""

    def open_ui_session(self, token_sha256: str, user_name: str, client: str | None) -> None:
        """Start a review-UI session identified by the sha256 of its cookie token."""

    def ui_session_user(self, token_sha256: str, idle: timedelta, absolute: timedelta) -> str | None:
        """The user of an open session; None (the session ended) if idle too long, too old, or the user inactive."""

    def end_ui_session(self, token_sha256: str, reason: str = "signed out") -> bool:
        """End one session (sign-out); False if it was not open."""

    def open_ui_sessions(self, user_name: str) -> int:
        """How many sessions of this user are open."""

    # --- REST API tokens (auditpack/store/tokens.py) ---
    def create_api_token(self, user_name: str, token_sha256: str, label: str | None, actor: str) -> ApiToken:
        """Keep a new token of an active user by its sha256 (the token itself is never stored)."""

    def api_token_user(self, token_sha256: str) -> str | None:
        """The user of a token; None if unknown, revoked, or the user is inactive."""

    def list_api_tokens(self, user_name: str | None = None) -> list[ApiToken]:
        """Every token (revoked ones too), oldest first, optionally of one user."""

    def revoke_api_token(self, token_id: int, actor: str) -> bool:
        """Revoke a token (kept, never deleted); False if it was revoked already, StoreError if unknown."""

    # --- queued work and its progress (auditpack/store/jobs.py) ---
    def create_job(self, job_id: str, kind: JobKind, actor: str, items: list[JobItemSpec],
                   params: dict[str, Any] | None = None) -> Job:
        """Record a job and its items (one task each) before the tasks are queued."""

    def get_job(self, job_id: str) -> Job:
        """A job with its items' states and outcomes; StoreError if there is none with this id."""

    def list_jobs(self, limit: int = 10, unfinished: bool = False) -> list[Job]:
        """The newest jobs first; `unfinished`: only those with an item not done, oldest first (to resume)."""

    def has_job(self, job_id: str) -> bool:
        """Whether a job with this id exists (a follow-up named but not yet created does not)."""

    def start_job_item(self, job_id: str, position: int, worker: str) -> JobItem:
        """Mark an item running on `worker` and count the attempt (a finished item stays finished)."""

    def finish_job_item(self, job_id: str, position: int, outcome: dict[str, Any],
                        followup: FollowUp | None = None) -> bool:
        """Record an item's outcome (the first wins); True when this call finished the job's last item, which
        then also creates `followup` (if an item's status is one of its `when_any`) in the same transaction."""

    def claim_job_followup(self, job_id: str, followup_job_id: str) -> bool:
        """Name the job that follows `job_id`, once: False if another caller named one first."""

    # --- regulation corpus, Organic Integrity Database, workspace facts ---
    def replace_corpus(self, sections: Sequence[CorpusSection], source: str, actor: str = "auditpack corpus") -> str:
        """Load a new regulation corpus version (the previous one is retired) and return its load id."""

    def corpus_sections(self) -> list[CorpusSection]:
        """The sections of the current regulation corpus."""

    def add_oid_entries(self, entries: Sequence[OidEntry], actor: str = "auditpack oid import") -> str:
        """Store rows of an Organic Integrity Database export and return the import id."""

    def oid_entries(self) -> list[OidEntry]:
        """Every Organic Integrity Database row imported, in import order."""

    def set_meta(self, key: str, value: dict[str, Any]) -> None:
        """Set a small workspace fact (e.g. the corpus version, a cache fingerprint)."""

    def get_meta(self, key: str) -> dict[str, Any] | None:
        """A workspace fact set with `set_meta`, or None."""

    # --- lifetime ---
    def close(self) -> None:
        """Release the store's connections; the object is not used afterwards."""
