"""Documents and their records."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import func, select

from auditpack.records import DocumentInfo, DocumentStatus, RecordBase, RecordKind, parse_record, record_to_json
from auditpack.store.base import StoreBase, now
from auditpack.store.schema import DocumentRow, RecordRow


def _doc_info(row: DocumentRow) -> DocumentInfo:
    return DocumentInfo(
        sha256=row.sha256, filename=row.filename, media_type=row.media_type, size_bytes=row.size_bytes,
        pages=row.pages, kind=row.kind, status=DocumentStatus(row.status), reason=row.reason,
        problems=list(row.problems or []), kind_candidates=list(row.kind_candidates or []),
        stored_path=row.stored_path, ingested_at=row.ingested_at,
        ingested_by=row.ingested_by, previous_version=row.previous_version, record_count=row.record_count,
    )


class DocumentsMixin(StoreBase):
    def get_document(self, sha256: str) -> DocumentInfo | None:
        with self.transaction() as s:
            row = s.get(DocumentRow, sha256)
            return _doc_info(row) if row else None

    def list_documents(self, kind: str | None = None, status: DocumentStatus | None = None) -> list[DocumentInfo]:
        q = select(DocumentRow).order_by(DocumentRow.ingested_at, DocumentRow.filename)
        if kind:
            q = q.where(DocumentRow.kind == kind)
        if status:
            q = q.where(DocumentRow.status == status.value)
        with self.transaction() as s:
            return [_doc_info(r) for r in s.scalars(q)]


    def add_document(self, info: DocumentInfo, records: Sequence[RecordBase], actor: str) -> bool:
        """Store a document and its records in one transaction.

        Returns False (and writes nothing) when the same content is already
        stored: re-ingesting a file is a no-op. When an earlier file with the
        same name exists, its records are marked superseded, never deleted.
        """
        at = now()
        with self.transaction() as s:
            if s.get(DocumentRow, info.sha256) is not None:
                return False
            previous = s.scalars(
                select(DocumentRow).where(DocumentRow.filename == info.filename)
                .order_by(DocumentRow.ingested_at.desc()).limit(1)
            ).first()
            prev_sha = previous.sha256 if previous else None
            row = DocumentRow(
                sha256=info.sha256, filename=info.filename, media_type=info.media_type,
                size_bytes=info.size_bytes, pages=info.pages, kind=info.kind, status=info.status.value,
                reason=info.reason, problems=[p.model_dump(mode="json") for p in info.problems],
                kind_candidates=[c.model_dump(mode="json") for c in info.kind_candidates], stored_path=info.stored_path,
                ingested_at=info.ingested_at or at, ingested_by=info.ingested_by or actor,
                previous_version=info.previous_version or prev_sha, record_count=len(records),
            )
            s.add(row)
            s.flush()
            if prev_sha:
                for old in s.scalars(
                    select(RecordRow).where(RecordRow.document_sha256 == prev_sha, RecordRow.superseded_by.is_(None))
                ):
                    old.superseded_by = info.sha256
                    old.superseded_at = at
            for rec in records:
                s.add(RecordRow(
                    id=rec.id, kind=rec.kind.value, document_sha256=info.sha256,
                    data=record_to_json(rec), created_at=at,
                ))
            self._audit(
                s, actor, "document.ingest", "document", info.sha256,
                after={"filename": info.filename, "status": info.status.value, "kind": info.kind,
                       "records": len(records), "previous_version": prev_sha},
            )
            return True

    def records(
        self, kind: RecordKind | str | None = None, include_superseded: bool = False,
        document_sha256: str | None = None,
    ) -> list[RecordBase]:
        q = select(RecordRow.data).order_by(RecordRow.created_at, RecordRow.id)
        if kind:
            q = q.where(RecordRow.kind == RecordKind(kind).value)
        if not include_superseded:
            q = q.where(RecordRow.superseded_by.is_(None))
        if document_sha256:
            q = q.where(RecordRow.document_sha256 == document_sha256)
        with self.transaction() as s:
            return [parse_record(d) for d in s.scalars(q)]

    def get_record(self, record_id: str) -> RecordBase | None:
        with self.transaction() as s:
            row = s.get(RecordRow, record_id)
            return parse_record(row.data) if row else None

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
