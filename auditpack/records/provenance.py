"""Where a value came from.

A certifier can ask for the page behind any number in the package, so every
record and every extracted field carries a `SourceRef` back to the stored
original (by sha256), the page (or sheet cell) and the text it was read from.
"""
from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class ExtractionMethod(StrEnum):
    TEXT = "text"          # text layer of a PDF/DOCX, found by label
    TABLE = "table"        # a table cell found by structure
    OCR = "ocr"            # Tesseract on a rendered page or image
    CELL = "cell"          # spreadsheet / CSV cell
    LLM = "llm"            # a configured language model filled a gap
    MANUAL = "manual"      # typed in by a person
    GENERATED = "generated"  # written by the sample generator (ground truth)


class SourceRef(BaseModel):
    """Pointer from a value to the evidence it rests on."""

    model_config = ConfigDict(extra="forbid")

    document_sha256: str = Field(description="sha256 of the stored original")
    filename: str = Field(description="file name as received")
    page: int | None = Field(default=None, description="1-based page (or sheet index)")
    span: str | None = Field(default=None, description="the text the value was read from")
    cell: str | None = Field(default=None, description="sheet cell, e.g. 'Log!C7', for spreadsheets")
    bbox: tuple[float, float, float, float] | None = Field(
        default=None, description="x0, top, x1, bottom in PDF points (or pixels for images)"
    )
    extraction_method: ExtractionMethod = ExtractionMethod.TEXT
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
