"""What the layout reader hands the field resolver: candidates, each with where it was read.

The reader knows nothing about document kinds: it reports every label/value
pair, table and check-mark line it can see, with enough provenance (`Where`)
to build an `auditpack.records.SourceRef`. The resolver decides which label
means what. Outputs are frozen slotted dataclasses rather than pydantic
models: a 50,000-row sheet makes hundreds of thousands of cells, and they
need no validation (the reader builds them, nobody parses them).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from auditpack.records import SourceRef
from auditpack.records.provenance import ExtractionMethod
from ingest.models import LoadedDocument

BBox = tuple[float, float, float, float]
Method = Literal["text", "table", "ocr", "cell"]
Arrangement = Literal["same_line", "below", "pair_table", "transposed", "question"]
RowRole = Literal["data", "subtotal", "repeat_header", "note"]
Origin = Literal["grid", "positioned"]  # a ruled/DOCX/sheet table, or one drawn with text alone


@dataclass(frozen=True, slots=True)
class Where:
    """Where a piece of text sits: page, box (positioned text), cell address (sheets), the line."""

    page: int
    span: str
    bbox: BBox | None = None
    cell: str | None = None
    method: Method = "text"

    def source(self, doc: LoadedDocument, confidence: float = 1.0) -> SourceRef:
        """The record-side provenance for this place (the reader itself never builds records)."""
        return SourceRef(document_sha256=doc.sha256, filename=doc.filename, page=self.page,
                         span=self.span[:300], cell=self.cell, bbox=self.bbox,
                         extraction_method=ExtractionMethod(self.method),
                         confidence=round(max(0.0, min(1.0, confidence)), 3))


@dataclass(frozen=True, slots=True)
class KeyValue:
    """A label and the value a reader would take for it, and how they were arranged."""

    label: str
    value: str
    arrangement: Arrangement
    label_where: Where
    value_where: Where
    score: float = 0.5  # how sure the layout is that these two belong together (0-1)


@dataclass(frozen=True, slots=True)
class CellText:
    text: str
    where: Where


@dataclass(frozen=True, slots=True)
class TableRow:
    cells: list[CellText]
    role: RowRole = "data"

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    @property
    def where(self) -> Where:
        """The row as one place: first filled cell's address, boxes united, the row text."""
        filled = [c for c in self.cells if c.text] or self.cells
        boxes = [c.where.bbox for c in filled if c.where.bbox]
        first = filled[0].where
        bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                max(b[3] for b in boxes)) if boxes else None
        return Where(first.page, " | ".join(c.text for c in filled), bbox, first.cell, first.method)


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A table as a reader sees it: one header (two header rows merged), then roled rows.

    `rows` keeps every row after the header, each with its role, so nothing the
    document says is lost; `data_rows` is what most callers want."""

    header: list[str]
    rows: list[TableRow]
    where: Where  # the header row (or the first row when no header was found)
    pages: tuple[int, ...] = ()
    origin: Origin = "grid"

    @property
    def data_rows(self) -> list[TableRow]:
        return [r for r in self.rows if r.role == "data"]

    def column(self, index: int) -> list[CellText]:
        return [r.cells[index] for r in self.data_rows if index < len(r.cells)]


@dataclass(frozen=True, slots=True)
class CheckOption:
    text: str
    checked: bool


@dataclass(frozen=True, slots=True)
class CheckLine:
    """A line (or cell) of check boxes: the text before the boxes, and each option's state."""

    label: str
    options: list[CheckOption]
    where: Where

    @property
    def checked(self) -> list[str]:
        return [o.text for o in self.options if o.checked]


@dataclass(frozen=True, slots=True)
class PageReading:
    page: int
    key_values: list[KeyValue] = field(default_factory=list)
    tables: list[TableBlock] = field(default_factory=list)
    checks: list[CheckLine] = field(default_factory=list)

    @property
    def questions(self) -> list[KeyValue]:
        return [kv for kv in self.key_values if kv.arrangement == "question"]


@dataclass(frozen=True, slots=True)
class DocumentReading:
    """Every page's reading, plus the tables joined across page breaks (a table that goes on
    under a repeated header on the next page is one `TableBlock` here)."""

    pages: list[PageReading]
    tables: list[TableBlock]

    @property
    def key_values(self) -> list[KeyValue]:
        return [kv for p in self.pages for kv in p.key_values]

    @property
    def questions(self) -> list[KeyValue]:
        return [kv for p in self.pages for kv in p.questions]

    @property
    def checks(self) -> list[CheckLine]:
        return [c for p in self.pages for c in p.checks]
