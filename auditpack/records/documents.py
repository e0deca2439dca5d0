"""Stored originals and the outcome of ingesting them."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from auditpack.records.outcome import Problem, Status

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
        default=None, description="sha256 of the earlier file with the same name, if any"
    )
    record_count: int = 0
