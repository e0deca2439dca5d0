"""Tables. Nothing is ever deleted: rows are superseded, resolved or retired.

Record payloads are stored as JSON in the public record contract, so a
record read back is validated by the same pydantic model that wrote it.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine


class _Json(TypeDecorator):
    """JSON, stored as JSONB on PostgreSQL. Not `JSON().with_variant(JSONB(), ...)`: that imports the
    PostgreSQL dialect (about 40 ms) in every command, on SQLite too; this imports it only when the
    store is PostgreSQL."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())


JsonType = _Json()


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    filename: Mapped[str] = mapped_column(String(1024), index=True)
    source_path: Mapped[str | None] = mapped_column(String(4096))
    media_type: Mapped[str | None] = mapped_column(String(128))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    pages: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    problems: Mapped[list] = mapped_column(JsonType, default=list)
    kind_candidates: Mapped[list | None] = mapped_column(JsonType, default=list)
    stored_path: Mapped[str] = mapped_column(String(1024))
    ingested_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ingested_by: Mapped[str | None] = mapped_column(String(128))
    previous_version: Mapped[str | None] = mapped_column(String(64), index=True)
    record_count: Mapped[int] = mapped_column(Integer, default=0)
    # the documents view reads these columns, never the records' JSON (0003)
    issuer: Mapped[str | None] = mapped_column(String(512), index=True)
    document_date: Mapped[date | None] = mapped_column(Date, index=True)
    missing_fields: Mapped[list | None] = mapped_column(JsonType, default=list)
    low_confidence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    superseded_by: Mapped[str | None] = mapped_column(String(64), index=True)


class DocumentTextRow(Base):
    """A document's text (capped), for full-text search.

    SQLite indexes it in the FTS5 table `document_fts` (filled by a trigger on insert); PostgreSQL in the
    generated `tsv` column with a GIN index. Both are made by migration 0003, not by this model.
    """

    __tablename__ = "document_texts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("documents.sha256"), unique=True)
    text: Mapped[str] = mapped_column(Text)
    truncated: Mapped[bool] = mapped_column(Boolean, default=False)


class CorrectionRow(Base):
    """Append-only: a person's correction; the extracted record it applies to is never changed."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_sha256: Mapped[str] = mapped_column(ForeignKey("documents.sha256"), index=True)
    record_id: Mapped[str | None] = mapped_column(String(255), index=True)
    op: Mapped[str] = mapped_column(String(16))
    field: Mapped[str | None] = mapped_column(String(255))
    value: Mapped[Any] = mapped_column(JsonType)
    source: Mapped[dict | None] = mapped_column(JsonType)
    actor: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer)


class RecordRow(Base):
    __tablename__ = "records"

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    kind: Mapped[str] = mapped_column(String(64), index=True)
    document_sha256: Mapped[str] = mapped_column(ForeignKey("documents.sha256"), index=True)
    data: Mapped[dict] = mapped_column(JsonType)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    superseded_by: Mapped[str | None] = mapped_column(String(64), index=True)
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime)


class FindingRow(Base):
    __tablename__ = "findings"

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    rule_id: Mapped[str] = mapped_column(String(64), index=True)
    severity: Mapped[str] = mapped_column(String(16), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    data: Mapped[dict] = mapped_column(JsonType)
    version: Mapped[int] = mapped_column(Integer, default=1)
    assignee: Mapped[str | None] = mapped_column(String(128))
    corrective_action: Mapped[str | None] = mapped_column(Text)
    due_date: Mapped[datetime | None] = mapped_column(DateTime)
    reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(128))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    first_seen: Mapped[datetime] = mapped_column(DateTime)
    last_seen: Mapped[datetime] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)


class DecisionRow(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    finding_id: Mapped[str] = mapped_column(ForeignKey("findings.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(DateTime)
    data: Mapped[dict] = mapped_column(JsonType)


class SuggestionRow(Base):
    __tablename__ = "suggestions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    finding_id: Mapped[str] = mapped_column(ForeignKey("findings.id"), index=True)
    reviewer: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(DateTime)
    data: Mapped[dict] = mapped_column(JsonType)


class AuditLogRow(Base):
    """Append-only: who did what, when, with the state before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(128), index=True)
    action: Mapped[str] = mapped_column(String(64), index=True)
    entity_kind: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(255), index=True)
    before: Mapped[dict | None] = mapped_column(JsonType)
    after: Mapped[dict | None] = mapped_column(JsonType)


class UserRow(Base):
    __tablename__ = "users"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    role: Mapped[str] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SignInAttemptRow(Base):
    """Every sign-in attempt, append-only: lockout counts failures here, so it holds across restarts and processes."""

    __tablename__ = "sign_in_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_name: Mapped[str] = mapped_column(String(128))
    client: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))  # ok | failed | locked


class UISessionRow(Base):
    """A signed-in browser session; the cookie holds the token, the store only its sha256. Ended, never deleted."""

    __tablename__ = "ui_sessions"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_name: Mapped[str] = mapped_column(String(128), index=True)
    client: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    ended_reason: Mapped[str | None] = mapped_column(String(64))


class ApiTokenRow(Base):
    """A REST API token of one user; the store keeps only its sha256. Revoked, never deleted (0006)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    user_name: Mapped[str] = mapped_column(String(128), index=True)
    label: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(128))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(128))


class JobRow(Base):
    """A unit of queued work (an upload's ingest, a check run, a package build) and who asked for it (0006)."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    total: Mapped[int] = mapped_column(Integer)
    params: Mapped[dict] = mapped_column(JsonType)
    followup_job: Mapped[str | None] = mapped_column(String(32))


class JobItemRow(Base):
    """One task of a job (one document of an ingest job): attempts count redeliveries after a worker died."""

    __tablename__ = "job_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str | None] = mapped_column(String(1024))
    sha256: Mapped[str | None] = mapped_column(String(64))
    stored_path: Mapped[str | None] = mapped_column(String(1024))
    state: Mapped[str] = mapped_column(String(16))  # queued | running | done
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str | None] = mapped_column(String(255))
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    outcome: Mapped[dict | None] = mapped_column(JsonType)


class CorpusSectionRow(Base):
    """Regulation text loaded by `auditpack corpus update` (one row per section and load)."""

    __tablename__ = "corpus_sections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    load_id: Mapped[str] = mapped_column(String(64), index=True)
    section: Mapped[str] = mapped_column(String(32), index=True)
    citation: Mapped[str] = mapped_column(String(64))
    heading: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    currency: Mapped[str] = mapped_column(String(255))
    version_date: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[datetime] = mapped_column(DateTime)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)


class OidEntryRow(Base):
    """Rows imported from an Organic Integrity Database export."""

    __tablename__ = "oid_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    import_id: Mapped[str] = mapped_column(String(64), index=True)
    operation_name: Mapped[str] = mapped_column(String(512), index=True)
    nop_id: Mapped[str | None] = mapped_column(String(64), index=True)
    certifier: Mapped[str | None] = mapped_column(String(512))
    status: Mapped[str | None] = mapped_column(String(32))
    status_date: Mapped[datetime | None] = mapped_column(DateTime)
    data_as_of: Mapped[datetime | None] = mapped_column(DateTime)
    data: Mapped[dict] = mapped_column(JsonType)
    imported_at: Mapped[datetime] = mapped_column(DateTime)


class MetaRow(Base):
    """Small key/value facts about the workspace (corpus version, last check...)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    value: Mapped[dict] = mapped_column(JsonType)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


Index("ix_findings_rule_status", FindingRow.rule_id, FindingRow.status)
Index("ux_job_items_job_position", JobItemRow.job_id, JobItemRow.position, unique=True)
Index("ix_sign_in_attempts_user_at", SignInAttemptRow.user_name, SignInAttemptRow.at)
Index("ix_sign_in_attempts_client_at", SignInAttemptRow.client, SignInAttemptRow.at)
