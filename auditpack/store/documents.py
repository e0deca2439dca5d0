"""Documents and their records."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from auditpack.records import (
    Correction, CorrectionOp, DocumentInfo, DocumentStatus, RecordBase, RecordKind, parse_record, record_to_json,
)
from auditpack.records.documents import TEXT_CHARS
from auditpack.store.base import StoreBase, now
from auditpack.store.document_writes import LOOKUP_CHUNK, NewDocument, supersede, write_documents
from auditpack.store.overlay import current_view
from auditpack.store.schema import CorrectionRow, DocumentRow, DocumentTextRow, RecordRow

MAX_TEXT_CHARS = TEXT_CHARS


def _doc_info(row: DocumentRow) -> DocumentInfo:
    return DocumentInfo(
        sha256=row.sha256, filename=row.filename, media_type=row.media_type, size_bytes=row.size_bytes,
        pages=row.pages, kind=row.kind, status=DocumentStatus(row.status), reason=row.reason,
        problems=list(row.problems or []), kind_candidates=list(row.kind_candidates or []),
        stored_path=row.stored_path, ingested_at=row.ingested_at,
        ingested_by=row.ingested_by, previous_version=row.previous_version, record_count=row.record_count,
        issuer=row.issuer, document_date=row.document_date, missing_fields=list(row.missing_fields or []),
        low_confidence=row.low_confidence or 0, revision=row.revision or 0, superseded_by=row.superseded_by,
        source_path=row.source_path,
    )


def correction_of(row: CorrectionRow) -> Correction:
    return Correction(id=row.id, document_sha256=row.document_sha256, record_id=row.record_id,
                      op=CorrectionOp(row.op), field=row.field, value=row.value, source=row.source,
                      actor=row.actor, at=row.at, note=row.note, revision=row.revision)


def corrections_by_record(session: Session, record_ids: Iterable[str] | None = None,
                          document_sha256: str | None = None) -> dict[str, list[Correction]]:
    """Record-level corrections in the order they were made, grouped by record (one query)."""
    q = select(CorrectionRow).where(CorrectionRow.record_id.is_not(None),
                                    CorrectionRow.op != CorrectionOp.SET_KIND.value).order_by(CorrectionRow.id)
    if document_sha256:
        q = q.where(CorrectionRow.document_sha256 == document_sha256)
    if record_ids is not None:
        q = q.where(CorrectionRow.record_id.in_(list(record_ids)))
    out: dict[str, list[Correction]] = defaultdict(list)
    for row in session.scalars(q):
        out[row.record_id].append(correction_of(row))
    return out


class DocumentsMixin(StoreBase):
    def get_document(self, sha256: str) -> DocumentInfo | None:
        with self.transaction() as s:
            row = s.get(DocumentRow, sha256)
            return _doc_info(row) if row else None

    def get_documents(self, sha256s: Iterable[str]) -> dict[str, DocumentInfo]:
        """The stored documents among these content hashes, by hash, in one query per 500: ingest looks up a
        chunk of files at once instead of one transaction per file."""
        wanted = list(dict.fromkeys(sha256s))
        found: dict[str, DocumentInfo] = {}
        if not wanted:
            return found
        with self.transaction() as s:
            for k in range(0, len(wanted), LOOKUP_CHUNK):
                found.update((r.sha256, _doc_info(r)) for r in s.scalars(
                    select(DocumentRow).where(DocumentRow.sha256.in_(wanted[k:k + LOOKUP_CHUNK]))))
        return found

    def list_documents(self, kind: str | None = None, status: DocumentStatus | None = None) -> list[DocumentInfo]:
        q = select(DocumentRow).order_by(DocumentRow.ingested_at, DocumentRow.filename)
        if kind:
            q = q.where(DocumentRow.kind == kind)
        if status:
            q = q.where(DocumentRow.status == status.value)
        with self.transaction() as s:
            return [_doc_info(r) for r in s.scalars(q)]


    def add_document(self, info: DocumentInfo, records: Sequence[RecordBase], actor: str,
                     text: str | None = None) -> bool:
        """Store a document, its records and its text (for search) in one transaction.

        Returns False (and writes nothing) when the same content is already
        stored: re-ingesting a file is a no-op. The document replaces exactly the
        one `info.previous_version` names (ingest decides that on evidence: see
        ingest/versions.py); the replaced document and its records are marked
        superseded, never deleted. A file name alone replaces nothing: every
        supplier's `invoice.pdf` is a different document.
        The documents view's columns (issuer, date, missing fields, low-confidence
        values) are computed here, once, from the records.
        """
        return self.add_documents([NewDocument(info, records, text)], actor)[0]

    def add_documents(self, items: Sequence[NewDocument], actor: str) -> list[bool]:
        """Store several documents (each as `add_document` would) in one transaction, their records written
        together: per item, whether it was stored. A failure stores none of them."""
        at = now()
        with self.transaction() as s:
            return write_documents(s, items, actor, at, self._audit)

    def current_versions(self, filename: str, source_path: str | None = None
                         ) -> list[tuple[DocumentInfo, list[RecordBase]]]:
        """Current (not superseded) documents stored under `filename`, with their current records: what a
        new file of that name might replace. With `source_path`, documents from another path are left out
        (they are other documents), so a scanner's thousandth `scan001.pdf` does not load the other 999."""
        where = [DocumentRow.filename == filename, DocumentRow.superseded_by.is_(None)]
        if source_path is not None:
            where.append(or_(DocumentRow.source_path.is_(None), DocumentRow.source_path == source_path))
        with self.transaction() as s:
            rows = list(s.scalars(select(DocumentRow).where(*where).order_by(DocumentRow.ingested_at.desc())))
            infos = [_doc_info(r) for r in rows]
        return [(i, self.records(document_sha256=i.sha256)) for i in infos]

    def current_filenames(self, filenames: Iterable[str]) -> set[str]:
        """Which of `filenames` a current document is stored under, in one query per 500 names: a batch of
        ingested files asks `current_versions` only for those, not once per file."""
        wanted = list(dict.fromkeys(filenames))
        found: set[str] = set()
        if not wanted:
            return found
        with self.transaction() as s:
            for k in range(0, len(wanted), LOOKUP_CHUNK):
                found.update(s.scalars(select(DocumentRow.filename).distinct().where(
                    DocumentRow.filename.in_(wanted[k:k + LOOKUP_CHUNK]), DocumentRow.superseded_by.is_(None))))
        return found

    def reinstate(self, sha256: str, actor: str) -> str | None:
        """Make a superseded document current again (a file reverted to its earlier content): the versions
        that replaced it are superseded by it in turn. Nothing is deleted; both moves are in the audit log.
        Returns the sha256 of the version it replaces, or None when it was already current."""
        at = now()
        with self.transaction() as s:
            row = s.get(DocumentRow, sha256)
            if row is None or row.superseded_by is None:
                return None
            newest = row
            while newest.superseded_by is not None and (nxt := s.get(DocumentRow, newest.superseded_by)) is not None:
                newest = nxt
            if newest.sha256 == sha256:
                return None
            successor = row.superseded_by
            supersede(s, newest, sha256, at)
            row.superseded_by = None
            # only the records the successor replaced come back (not those a re-read of this one replaced)
            for rec in s.scalars(select(RecordRow).where(RecordRow.document_sha256 == sha256,
                                                         RecordRow.superseded_by == successor)):
                rec.superseded_by = None
                rec.superseded_at = None
            self._audit(s, actor, "document.reinstate", "document", sha256,
                        before={"superseded_by": newest.sha256}, after={"replaces": newest.sha256})
            return newest.sha256

    def records(
        self, kind: RecordKind | str | None = None, include_superseded: bool = False,
        document_sha256: str | None = None,
    ) -> list[RecordBase]:
        """The current view: each extracted record with the corrections people made laid over it."""
        q = select(RecordRow.id, RecordRow.data).order_by(RecordRow.created_at, RecordRow.id)
        if kind:
            q = q.where(RecordRow.kind == RecordKind(kind).value)
        if not include_superseded:
            q = q.where(RecordRow.superseded_by.is_(None))
        if document_sha256:
            q = q.where(RecordRow.document_sha256 == document_sha256)
        with self.transaction() as s:
            rows = s.execute(q).all()
            fixes = corrections_by_record(s, document_sha256=document_sha256)
            return [parse_record(current_view(data, fixes[rid]) if rid in fixes else data) for rid, data in rows]

    def get_record(self, record_id: str) -> RecordBase | None:
        """The current view of one record (extracted + corrections), or None."""
        with self.transaction() as s:
            row = s.get(RecordRow, record_id)
            if row is None:
                return None
            fixes = corrections_by_record(s, record_ids=[record_id])
            return parse_record(current_view(row.data, fixes.get(record_id, [])))

    def document_text(self, sha256: str) -> str | None:
        with self.transaction() as s:
            return s.scalar(select(DocumentTextRow.text).where(DocumentTextRow.sha256 == sha256))

    def record_counts(self) -> dict[str, int]:
        q = (
            select(RecordRow.kind, func.count()).where(RecordRow.superseded_by.is_(None))
            .group_by(RecordRow.kind)
        )
        with self.transaction() as s:
            return {k: n for k, n in s.execute(q)}

    def document_counts(self) -> dict[str, int]:
        q = select(func.coalesce(DocumentRow.kind, DocumentRow.status), func.count()).group_by(
            func.coalesce(DocumentRow.kind, DocumentRow.status)
        )
        with self.transaction() as s:
            return {k: n for k, n in s.execute(q)}

    def add_records(self, records: Iterable[RecordBase], actor: str) -> None:
        """Records typed in by a person (extraction_method manual) for an existing document."""
        at = now()
        with self.transaction() as s:
            for rec in records:
                s.add(RecordRow(id=rec.id, kind=rec.kind.value, document_sha256=rec.source.document_sha256,
                                data=record_to_json(rec), created_at=at))
                self._audit(s, actor, "record.add", "record", rec.id, after=record_to_json(rec))
