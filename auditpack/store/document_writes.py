"""The write path of ingest: documents with their records and text, many in one transaction.

Ingest stores thousands of documents a run. Writing each record as its own ORM object, and each document
in its own transaction, costs a flush per row and a commit (an fsync) per document. Here a batch of
documents is one transaction, and the records of a batch go to the database as one executemany (rows as
plain dicts), flushed before anything that must see them (a supersede reads the replaced document's
records). The contract is the one `add_document` always had: a document whose content is stored is not
written again (False), a replaced document and its records are marked superseded, never deleted, every
stored document has its `document.ingest` entry in the audit log, and a failure writes nothing of the batch.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from auditpack.records import DocumentInfo, RecordBase, record_to_json
from auditpack.records.documents import TEXT_CHARS
from auditpack.store.schema import DocumentRow, DocumentTextRow, RecordRow
from auditpack.store.summary import summarize

Audit = Callable[..., None]


@dataclass(frozen=True)
class NewDocument:
    """One document to store: what ingest read about it, its records and its text (for search)."""

    info: DocumentInfo
    records: Sequence[RecordBase] = field(default_factory=tuple)
    text: str | None = None


def supersede(s: Session, old: DocumentRow, by: str, at: datetime) -> None:
    """`old` and its current records are replaced by document `by` (kept, marked, never deleted)."""
    old.superseded_by = by
    for rec in s.scalars(select(RecordRow).where(RecordRow.document_sha256 == old.sha256,
                                                 RecordRow.superseded_by.is_(None))):
        rec.superseded_by = by
        rec.superseded_at = at


class _PendingRecords:
    """Record rows waiting for one executemany; written before anything reads records."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self.rows: list[dict[str, Any]] = []

    def write(self) -> None:
        if self.rows:
            self.s.flush()  # their documents first (foreign key)
            self.s.execute(insert(RecordRow), self.rows)
            self.rows = []


LOOKUP_CHUNK = 500  # shas per IN (...) look-up, well under SQLite's limit of bound parameters


def _already_stored(s: Session, shas: Iterable[str]) -> set[str]:
    """Which of `shas` are stored: one query per chunk, not one (autoflushing) `get` per document."""
    wanted = list(dict.fromkeys(shas))
    found: set[str] = set()
    for k in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[k:k + LOOKUP_CHUNK]
        found.update(s.scalars(select(DocumentRow.sha256).where(DocumentRow.sha256.in_(chunk))))
    return found


def write_documents(s: Session, items: Sequence[NewDocument], actor: str, at: datetime, audit: Audit) -> list[bool]:
    """Store `items` in the session's transaction, in order; per item, whether it was stored (False: the
    same content is already stored, possibly earlier in this batch)."""
    pending = _PendingRecords(s)
    taken = _already_stored(s, (i.info.sha256 for i in items))
    stored: list[bool] = []
    for item in items:
        info = item.info
        if info.sha256 in taken:  # stored before, or earlier in this batch
            stored.append(False)
            continue
        taken.add(info.sha256)
        previous = s.get(DocumentRow, info.previous_version) if info.previous_version else None
        prev_sha = previous.sha256 if previous else None
        payloads = [record_to_json(r) for r in item.records]
        summary = summarize(payloads)
        s.add(DocumentRow(
            sha256=info.sha256, filename=info.filename, media_type=info.media_type,
            size_bytes=info.size_bytes, pages=info.pages, kind=info.kind, status=info.status.value,
            reason=info.reason, problems=[p.model_dump(mode="json") for p in info.problems],
            kind_candidates=[c.model_dump(mode="json") for c in info.kind_candidates], stored_path=info.stored_path,
            ingested_at=info.ingested_at or at, ingested_by=info.ingested_by or actor,
            previous_version=prev_sha, record_count=len(payloads), source_path=info.source_path,
            issuer=summary.issuer, document_date=summary.document_date, missing_fields=summary.missing_fields,
            low_confidence=summary.low_confidence, revision=0,
        ))
        if item.text:
            s.add(DocumentTextRow(sha256=info.sha256, text=item.text[:TEXT_CHARS],
                                  truncated=len(item.text) > TEXT_CHARS))
        if previous is not None:
            pending.write()  # the replaced document's records may be in this batch
            supersede(s, previous, info.sha256, at)
        pending.rows += [{"id": r.id, "kind": r.kind.value, "document_sha256": info.sha256, "data": data,
                          "created_at": at} for r, data in zip(item.records, payloads)]
        audit(s, actor, "document.ingest", "document", info.sha256,
              after={"filename": info.filename, "status": info.status.value, "kind": info.kind,
                     "records": len(payloads), "previous_version": prev_sha, "source_path": info.source_path})
        stored.append(True)
    pending.write()
    return stored
