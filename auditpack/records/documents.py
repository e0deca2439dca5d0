"""Stored originals and the outcome of ingesting them."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from auditpack.records.outcome import Problem, Status

TEXT_CHARS = 200_000
"""A document's text is kept for full-text search up to this many characters (the rest is not searchable)."""

DocumentStatus = Status  # the one status vocabulary (auditpack.records.outcome); the old name stays readable


class KindCandidate(BaseModel):
    """A kind the document may be, with the classifier's score (kept so a person can see the alternatives)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str
    score: float


class DocumentInfo(BaseModel):
    """A stored original. Originals are kept by content hash and never removed."""

    model_config = ConfigDict(extra="forbid")

    sha256: str
    filename: str
    media_type: str | None = None
    size_bytes: int
    pages: int | None = None
    kind: str | None = Field(default=None, description="classified document kind")
    status: DocumentStatus
    reason: str | None = Field(default=None, description="why it was rejected or what is missing")
    problems: list[Problem] = Field(default_factory=list)
    kind_candidates: list[KindCandidate] = Field(default_factory=list, description="top kinds with their scores")
    stored_path: str = Field(description="path relative to the workspace")
    ingested_at: datetime | None = None
    ingested_by: str | None = None
    previous_version: str | None = Field(
        default=None, description="sha256 of the earlier file this one replaces (decided by ingest on evidence)"
    )
    source_path: str | None = Field(default=None, description="where the file was ingested from (None for uploads)")
    record_count: int = 0
    issuer: str | None = Field(default=None, description="supplier/issuer, from the records' declared summary fields")
    document_date: date | None = Field(default=None, description="earliest date among the records' summary fields")
    missing_fields: list[str] = Field(default_factory=list, description="fields the current records still lack")
    low_confidence: int = Field(default=0, description="values read with a confidence under the inbox threshold")
    revision: int = Field(default=0, description="bumped by every correction and re-read (conflict detection)")
    superseded_by: str | None = Field(default=None, description="sha256 of the newer file that replaced this one")

    @property
    def shown_status(self) -> Status:
        """The status a list shows: a replaced document is `superseded`, whatever its reading was."""
        return Status.SUPERSEDED if self.superseded_by else self.status


SortField = Literal["ingested_at", "filename", "kind", "status", "date", "record_count"]


class DocumentQuery(BaseModel):
    """One page of the documents view: filters, sort and paging (the CLI and the UI build the same query)."""

    model_config = ConfigDict(extra="forbid")

    kind: str | None = None
    status: Status | None = None
    inbox: bool = Field(default=False, description="only what needs a person: unknown, rejected, needs attention, "
                        "low-confidence values")
    search: str | None = Field(default=None, description="full-text search over the documents' text")
    issuer: str | None = Field(default=None, description="supplier/issuer contains this (case-insensitive)")
    date_from: date | None = None
    date_to: date | None = None
    sort: SortField = "ingested_at"
    descending: bool = False
    limit: int = Field(default=50, ge=1, le=1000)
    offset: int = Field(default=0, ge=0)


class DocumentListItem(BaseModel):
    """One row of the documents view: what the list shows, read from columns (no record JSON)."""

    model_config = ConfigDict(extra="forbid")

    sha256: str
    filename: str
    kind: str | None
    status: Status
    issuer: str | None = None
    document_date: date | None = None
    record_count: int = 0
    missing_fields: list[str] = Field(default_factory=list)
    low_confidence: int = 0
    reason: str | None = None
    kind_candidates: list[KindCandidate] = Field(default_factory=list)
    ingested_at: datetime | None = None
    revision: int = 0


class DocumentPage(BaseModel):
    """A page of documents and how many match in all."""

    model_config = ConfigDict(extra="forbid")

    items: list[DocumentListItem]
    total: int
    limit: int
    offset: int
