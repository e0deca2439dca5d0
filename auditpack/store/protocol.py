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
from typing import Any, Protocol

from auditpack.records import (
    Decision, DocumentInfo, DocumentStatus, Finding, FindingState, FindingStatus, RecordBase, RecordKind, Suggestion,
)
from auditpack.store.admin import AuditEntry, CorpusSection, OidEntry, User
from auditpack.store.findings import SyncResult

__all__ = ["Store"]


class Store(Protocol):
    """The store every stage reads and writes through (see the module docstring)."""

    # --- documents and records ---
    def get_document(self, sha256: str) -> DocumentInfo | None:
        """The stored document with this content hash, or None."""

    def list_documents(self, kind: str | None = None, status: DocumentStatus | None = None) -> list[DocumentInfo]:
        """Every stored document, oldest first, optionally of one kind or status."""

    def add_document(self, info: DocumentInfo, records: Sequence[RecordBase], actor: str) -> bool:
        """Store a document and its records in one transaction; False if the same content is already stored."""

    def add_records(self, records: Iterable[RecordBase], actor: str) -> None:
        """Add records typed in by a person for documents already stored."""

    def records(
        self, kind: RecordKind | str | None = None, include_superseded: bool = False,
        document_sha256: str | None = None,
    ) -> list[RecordBase]:
        """Current records (superseded ones too if asked), optionally of one kind or one document."""

    def get_record(self, record_id: str) -> RecordBase | None:
        """The record with this id, or None."""

    def record_counts(self) -> dict[str, int]:
        """Number of current records per record kind."""

    def document_counts(self) -> dict[str, int]:
        """Number of documents per kind (per status for documents without a kind)."""

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
        """Add a user, or update the role and password of an existing one (and reactivate it)."""

    def get_user(self, name: str) -> User | None:
        """The user with this name, or None."""

    def list_users(self) -> list[User]:
        """Every user, by name."""

    def log(self, actor: str, action: str, entity_kind: str, entity_id: str,
            before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> None:
        """Write an audit entry for something done outside a store write (package generated, upload refused)."""

    def audit_log(self, entity_id: str | None = None, limit: int = 1000) -> list[AuditEntry]:
        """Audit entries, newest first, optionally about one entity."""

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
