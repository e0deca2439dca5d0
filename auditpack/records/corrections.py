"""A person's correction of what was extracted: kept beside the extraction, never written over it.

The extracted record stays as it was read (it is evidence, 7 CFR 205.103). A `Correction` is one
append-only row; the store overlays the corrections on the extracted record to give the current view
that checks and packages read. The corrected value's `SourceRef` says `manual` and points where the
person pointed (page and box, cell or span); who and when are on the correction and in the audit log.
"""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from auditpack.records.documents import DocumentInfo
from auditpack.records.kinds import Record
from auditpack.records.provenance import SourceRef


class CorrectionOp(StrEnum):
    SET_VALUE = "set_value"      # a field takes a new value (`invoice_number`, `lines[2].lot_number`)
    SET_KIND = "set_kind"        # the person says what kind the document is (ingest re-reads it as that kind)
    ADD_LINE = "add_line"        # a row is appended to a list field (`lines`, `inputs`...)
    REMOVE_LINE = "remove_line"  # a row of a list field is left out of the current view (`lines[2]`)


class Correction(BaseModel):
    """One correction as asked for (id, at and revision are set by the store when it is kept)."""

    model_config = ConfigDict(extra="forbid")

    id: int | None = None
    document_sha256: str
    record_id: str | None = Field(default=None, description="None for a document-level correction (set_kind)")
    op: CorrectionOp
    field: str | None = Field(default=None, description="field path: 'invoice_number', 'lines[2].lot_number', "
                              "the list for add_line ('lines'), the row for remove_line ('lines[2]')")
    value: Any = Field(default=None, description="JSON value (the kind for set_kind, a row object for add_line)")
    source: SourceRef | None = Field(default=None, description="where the person pointed (extraction_method manual)")
    actor: str
    at: datetime | None = None
    note: str | None = None
    revision: int | None = Field(default=None, description="the document revision this correction produced")

    @model_validator(mode="after")
    def _shape(self) -> Correction:
        if self.op is CorrectionOp.SET_KIND:
            if not isinstance(self.value, str) or not self.value.strip():
                raise ValueError("set_kind needs the kind as its value")
            return self
        if not self.record_id or not self.field:
            raise ValueError(f"{self.op.value} needs a record id and a field path")
        if self.op is CorrectionOp.ADD_LINE and not isinstance(self.value, dict):
            raise ValueError("add_line needs the new row as an object, e.g. {\"description\": \"oats\"}")
        if self.op is CorrectionOp.REMOVE_LINE and not self.field.endswith("]"):
            raise ValueError("remove_line names a row, e.g. 'lines[2]'")
        return self


class DocumentDetail(BaseModel):
    """What opening a document shows: its info, its records as corrected now, and the corrections made."""

    model_config = ConfigDict(extra="forbid")

    document: DocumentInfo
    records: list[Record] = Field(default_factory=list)
    corrections: list[Correction] = Field(default_factory=list)
