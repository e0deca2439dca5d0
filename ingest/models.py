"""Data passed between the ingest steps (pydantic models only, no behaviour).

Every loader turns its format into the same `LoadedDocument` of `Page`s, so
classifiers and parsers never care whether text came from a PDF text layer,
OCR or a spreadsheet cell.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from auditpack.records import RecordBase

PageMethod = Literal["text", "ocr", "cell"]
FileStatus = Literal["ingested", "duplicate", "unknown", "rejected"]
ParseStatus = Literal["ok", "partial", "failed"]


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

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)

    def subset(self, numbers: list[int]) -> "LoadedDocument":
        keep = set(numbers)
        return self.model_copy(update={"pages": [p for p in self.pages if p.number in keep]})


class ParseResult(BaseModel):
    """What a parser made of a document: records, an honest status and the problems."""

    records: list[RecordBase] = Field(default_factory=list)
    status: ParseStatus = "ok"
    problems: list[str] = Field(default_factory=list)

    def model_post_init(self, __context: object) -> None:
        if self.problems and self.status == "ok":
            self.status = "partial"
        if not self.records and self.status != "failed":
            self.status = "failed" if self.problems else self.status


class FileOutcome(BaseModel):
    """The result of ingesting one file, as shown in the summary table and `--json`."""

    path: str
    filename: str
    sha256: str | None = None
    status: FileStatus
    kind: str | None = None
    records: int = 0
    pages: int | None = None
    reason: str | None = None
    problems: list[str] = Field(default_factory=list)


class IngestSummary(BaseModel):
    outcomes: list[FileOutcome] = Field(default_factory=list)

    def count(self, status: FileStatus) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ingested(self) -> int:
        return self.count("ingested")

    @property
    def duplicates(self) -> int:
        return self.count("duplicate")

    @property
    def unknown(self) -> int:
        return self.count("unknown")

    @property
    def rejected(self) -> int:
        return self.count("rejected")

    @property
    def records(self) -> int:
        return sum(o.records for o in self.outcomes)

    @property
    def with_problems(self) -> int:
        return sum(1 for o in self.outcomes if o.problems)

    def counts(self) -> dict[str, int]:
        return {"files": len(self.outcomes), "ingested": self.ingested, "duplicate": self.duplicates,
                "unknown": self.unknown, "rejected": self.rejected, "records": self.records}
