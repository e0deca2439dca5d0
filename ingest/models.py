"""Data passed between the ingest steps (pydantic models only, no behaviour).

Every loader turns its format into the same `LoadedDocument` of `Page`s, so
classifiers and parsers never care whether text came from a PDF text layer,
OCR or a spreadsheet cell.
"""
from __future__ import annotations

from functools import cached_property
from typing import Literal

from pydantic import BaseModel, Field

from auditpack.records import Problem, RecordBase, Status, status_of

PageMethod = Literal["text", "ocr", "cell"]


class Word(BaseModel):
    text: str
    bbox: tuple[float, float, float, float] = Field(description="x0, top, x1, bottom (points or pixels)")
    conf: float = 1.0


class Line(BaseModel):
    """One visual line of text with the words it is made of."""

    text: str
    words: list[Word] = Field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:
        if not self.words:
            return None
        xs0, ts, xs1, bs = zip(*(w.bbox for w in self.words))
        return (min(xs0), min(ts), max(xs1), max(bs))


class Table(BaseModel):
    """Rows of cell strings; `cells` holds the sheet address of each cell when known."""

    rows: list[list[str]]
    sheet: str | None = None
    cells: list[list[str]] | None = Field(default=None, description="e.g. 'Log!C7' per cell")
    header_row: int | None = Field(default=None, description="index of the detected header row")


class Page(BaseModel):
    number: int = Field(description="1-based page, or sheet index for spreadsheets")
    text: str = ""
    lines: list[Line] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    method: PageMethod = "text"
    confidence: float = 1.0
    name: str | None = Field(default=None, description="sheet name, for spreadsheets")


class LoadedDocument(BaseModel):
    sha256: str
    filename: str
    media_type: str
    pages: list[Page]
    notes: list[str] = Field(default_factory=list, description="loader remarks (e.g. pages sent to OCR)")

    @cached_property
    def text(self) -> str:
        """All pages' text; computed once (a row-by-row parser asks for it on every row)."""
        return "\n".join(p.text for p in self.pages)

    @cached_property
    def dayfirst(self) -> bool:
        """The document's day/month order, decided once from its own unambiguous dates."""
        from ingest.normalize import dayfirst_for

        return dayfirst_for(self.text)

    def subset(self, numbers: list[int]) -> "LoadedDocument":
        """The named pages as a document of their own (built anew: cached text and habits are per document)."""
        keep = set(numbers)
        return LoadedDocument(sha256=self.sha256, filename=self.filename, media_type=self.media_type,
                              pages=[p for p in self.pages if p.number in keep], notes=list(self.notes))


class ParseResult(BaseModel):
    """What a parser made of a document: records and the problems.

    `status` is computed from them whenever it is read, so it can never
    describe an earlier state of the result (never "ingested" while problems exist)."""

    records: list[RecordBase] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)

    @property
    def status(self) -> Status:
        return status_of(len(self.records), self.problems)


class FileOutcome(BaseModel):
    """The result of ingesting one file, as shown in the summary table and `--json`."""

    path: str
    filename: str
    sha256: str | None = None
    status: Status
    kind: str | None = None
    records: int = 0
    pages: int | None = None
    reason: str | None = None
    problems: list[Problem] = Field(default_factory=list)
    traceback: str | None = Field(default=None, exclude=True,
                                  description="an internal error's traceback, shown under --verbose")


class IngestSummary(BaseModel):
    outcomes: list[FileOutcome] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list, description="hidden files and non-files not read, "
                               "each as 'name (why)'")

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ingested(self) -> int:
        """Files read into records, with or without problems."""
        return self.count(Status.INGESTED) + self.count(Status.NEEDS_ATTENTION)

    @property
    def needs_attention(self) -> int:
        return self.count(Status.NEEDS_ATTENTION)

    @property
    def duplicates(self) -> int:
        return self.count(Status.DUPLICATE)

    @property
    def unknown(self) -> int:
        return self.count(Status.UNKNOWN)

    @property
    def rejected(self) -> int:
        return self.count(Status.REJECTED)

    @property
    def records(self) -> int:
        return sum(o.records for o in self.outcomes)

    def counts(self) -> dict[str, int]:
        return {"files": len(self.outcomes), "ingested": self.ingested, "needs_attention": self.needs_attention,
                "duplicate": self.duplicates, "unknown": self.unknown, "rejected": self.rejected,
                "records": self.records}
