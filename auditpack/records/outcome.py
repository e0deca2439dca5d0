"""One status vocabulary and typed problem items, from parser to store, CLI JSON and UI.

Every stage that reports what happened to a document (a parser, the ingest
chain, a file in a batch, a stored document) says it with `Status`, and every
problem is a `Problem` with a stable code a program can act on (the inbox,
`--strict`, the UI filter), the field it concerns and a sentence a person reads.
"""
from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Status(StrEnum):
    INGESTED = "ingested"                # read into records; nothing needs a person
    NEEDS_ATTENTION = "needs_attention"  # records read, but with problems (a missing field, a guessed value...)
    UNKNOWN = "unknown"                  # readable, but not one of the known kinds: kept and listed
    REJECTED = "rejected"                # unreadable (corrupt, encrypted, empty, too large...): kept, with a reason
    DUPLICATE = "duplicate"              # the same content was ingested before: nothing changed
    SUPERSEDED = "superseded"            # a stored document a newer file of the same name replaced (kept)


# What a stored document can be: a duplicate is reported by ingest and never stored, so no list filters on it
STORED_STATUSES = tuple(s for s in Status if s is not Status.DUPLICATE)


Severity = Literal["info", "warning", "error"]


class ProblemCode(StrEnum):
    MISSING_FIELD = "missing_field"          # a field of the kind was looked for and not found
    NOT_PLAUSIBLE = "not_plausible"          # looks like a kind, but too few of its core fields were found
    NO_ENTRIES = "no_entries"                # the kind was recognised, no record in it (a blank template?)
    UNKNOWN_PAGES = "unknown_pages"          # some pages are none of the known kinds
    LLM_FILLED = "llm_filled"                # a configured model filled a field: check it
    LLM_FAILED = "llm_failed"                # the model was asked and failed; the field stays missing
    LOADER_NOTE = "loader_note"              # what the reader had to do (wrong extension, repaired file...)
    STRICT = "strict"                        # --strict turned problems into a rejection
    POSSIBLE_VERSION = "possible_version"    # same name as a stored document, not enough evidence to replace it
    NOTE = "note"                            # anything else (also: problems stored before codes existed)


class Problem(BaseModel):
    """One thing about a document a person may need to look at."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: ProblemCode
    message: str
    severity: Severity = "warning"
    field: str | None = Field(default=None, description="record field path, e.g. 'invoice_date' or 'lines[2].lot_number'")
    record_id: str | None = None
    pages: str | None = Field(default=None, description="page range the problem concerns, e.g. '3-4'")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        """Documents stored before problems were typed hold plain sentences: read them as notes."""
        return {"code": ProblemCode.NOTE, "message": data} if isinstance(data, str) else data

    def __str__(self) -> str:
        where = f"pages {self.pages}: " if self.pages else ""
        return where + self.message


def status_of(records: int, problems: list[Problem]) -> Status:
    """The status of a read that produced `records` records with `problems`: never 'ingested' with problems."""
    if records == 0:
        return Status.UNKNOWN
    return Status.NEEDS_ATTENTION if any(p.severity != "info" for p in problems) else Status.INGESTED
