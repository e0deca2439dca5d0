"""Stored originals and the outcome of ingesting them."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class DocumentStatus(StrEnum):
    INGESTED = "ingested"      # parsed into records (possibly with problems)
    UNKNOWN = "unknown"        # readable, but not one of our kinds: kept, listed
    REJECTED = "rejected"      # unreadable (corrupt, encrypted, empty...): kept, with reason


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
    problems: list[str] = Field(default_factory=list)
    stored_path: str = Field(description="path relative to the workspace")
    ingested_at: datetime | None = None
    ingested_by: str | None = None
    previous_version: str | None = Field(
        default=None, description="sha256 of the earlier file with the same name, if any"
    )
    record_count: int = 0
