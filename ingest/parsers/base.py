"""The parser protocol and a small helper to build records with provenance.

A parser declares its document `kind`, the `record_kind` it produces, how
sure it is that a document is its kind (`score`, 0..1, from content only) and
`parse(document) -> ParseResult`. `split_key` lets a multi-document PDF be
cut where, e.g., the invoice number changes.
"""
from __future__ import annotations

from typing import Any

from auditpack.records import Problem, ProblemCode, RecordBase, RecordKind, SourceRef, record_id
from auditpack.records.kinds import MODEL_BY_KIND
from ingest.fields import Found, label_score
from ingest.models import LoadedDocument, Page, ParseResult


class Parser:
    kind: str = ""
    record_kind: RecordKind
    keywords: dict[str, float] = {}
    full_score: float = 3.0  # keyword weight that means "certainly this kind"
    core_fields: tuple[str, ...] = ()  # a record with fewer than `min_core` of these is not this kind
    min_core: int = 0

    def plausible(self, record: RecordBase, document: LoadedDocument | None = None) -> bool:
        """Guard against fake records from look-alike documents (blank templates, manuals):
        a record must carry at least `min_core` of its kind's core fields."""
        found = sum(1 for f in self.core_fields if getattr(record, f, None) not in (None, [], "", "unknown"))
        return found >= self.min_core

    def score(self, document: LoadedDocument, cap: bool = True) -> float:
        """How sure this parser is that `document` is its kind (1.0 = certain; uncapped for ranking)."""
        s = label_score(document.text, self.keywords) / self.full_score
        return min(1.0, s) if cap else s

    def page_score(self, page: Page, cap: bool = True) -> float:
        s = label_score(page.text, self.keywords) / self.full_score
        return min(1.0, s) if cap else s

    def split_key(self, page: Page) -> str | None:
        return None

    def parse(self, document: LoadedDocument) -> ParseResult:  # pragma: no cover - interface
        raise NotImplementedError


class RecordBuilder:
    """Collects field values with their sources, and the fields that were not found."""

    def __init__(self, doc: LoadedDocument, kind: RecordKind, *id_parts: object) -> None:
        self.doc = doc
        self.kind = kind
        self.id_parts = id_parts
        self.values: dict[str, Any] = {}
        self.sources: dict[str, SourceRef] = {}
        self.missing: list[str] = []
        self.first_page: int | None = None
        self.dayfirst = doc.dayfirst  # once per document, not per row (a 5,000-row log was quadratic)

    def set(self, name: str, found: Found | None, value: Any = None, required: bool = True) -> Any:
        if found is None or (value is None and found.value is None):
            if required:
                self.missing.append(name)
            return None
        v = found.value if value is None else value
        self.values[name] = v
        self.sources[name] = found.source(self.doc)
        if self.first_page is None:
            self.first_page = found.page.number
        return v

    def put(self, name: str, value: Any, source: SourceRef | None = None) -> None:
        self.values[name] = value
        if source is not None:
            self.sources[name] = source

    def source_for(self, page: Page, span: str | None = None, cell: str | None = None,
                   bbox=None, confidence: float = 1.0, method: str | None = None) -> SourceRef:
        method = method or {"ocr": "ocr", "cell": "cell"}.get(page.method, "text")
        return SourceRef(document_sha256=self.doc.sha256, filename=self.doc.filename, page=page.number,
                         span=(span or "")[:300] or None, cell=cell, bbox=bbox, extraction_method=method,
                         confidence=round(min(1.0, confidence * page.confidence), 3))

    def build(self) -> RecordBase:
        model = MODEL_BY_KIND[self.kind]
        page = self.first_page or (self.doc.pages[0].number if self.doc.pages else None)
        src = SourceRef(document_sha256=self.doc.sha256, filename=self.doc.filename, page=page,
                        extraction_method={"ocr": "ocr", "cell": "cell"}.get(
                            self.doc.pages[0].method if self.doc.pages else "text", "text"))
        rid = record_id(self.kind, self.doc.sha256, *self.id_parts)
        return model(id=rid, source=src, field_sources=self.sources,
                     missing_fields=sorted(set(self.missing)), **self.values)


def missing_field_problems(record: RecordBase) -> list[Problem]:
    """One typed problem per field the parser looked for and did not find."""
    return [Problem(code=ProblemCode.MISSING_FIELD, field=name, record_id=record.id,
                    message=f"{record.id}: not found: {name}") for name in record.missing_fields]


def result(records: list[RecordBase]) -> ParseResult:
    return ParseResult(records=records, problems=[p for r in records for p in missing_field_problems(r)])
