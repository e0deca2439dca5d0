"""Corrections and re-reads: append-only, with a document revision so nobody overwrites anybody silently.

A correction carries the revision the person saw; the store bumps the revision with a compare-and-set
and refuses a stale one with who changed the document and when. The extracted record is never changed:
the correction is a new row, its value validated by building the record model with it. A re-read (the
person set the kind) stores new records and marks the old ones superseded, keeping them.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from auditpack.errors import StoreError
from auditpack.records import (
    Correction, CorrectionOp, DocumentInfo, Problem, ProblemCode, RecordBase, Status, record_to_json, status_of,
)
from auditpack.store.base import StoreBase, now
from auditpack.store.documents import _doc_info, correction_of, corrections_by_record
from auditpack.store.errors import CorrectionError, DocumentConflictError
from auditpack.store.overlay import apply_one, current_view, parse_path, validated
from auditpack.store.schema import AuditLogRow, CorrectionRow, DocumentRow, RecordRow
from auditpack.store.summary import summarize


def _value_at(data: dict[str, Any], path: str) -> Any:
    for step in parse_path(path):
        try:
            data = data[step]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data


class CorrectionsMixin(StoreBase):
    def _bump(self, s: Session, doc: DocumentRow, expected: int | None) -> int:
        """Compare-and-set the revision (atomic across processes); DocumentConflictError if it moved."""
        seen = doc.revision if expected is None else expected
        done = s.execute(update(DocumentRow).where(DocumentRow.sha256 == doc.sha256, DocumentRow.revision == seen)
                         .values(revision=seen + 1))
        if done.rowcount != 1:
            s.refresh(doc)
            last = s.scalars(select(AuditLogRow).where(AuditLogRow.entity_id == doc.sha256)
                             .order_by(AuditLogRow.id.desc()).limit(1)).first()
            raise DocumentConflictError(doc.sha256, seen, doc.revision, last.actor if last else None,
                                        last.at if last else None)
        s.refresh(doc)
        return seen + 1

    def _current(self, s: Session, sha256: str) -> list[dict[str, Any]]:
        rows = s.execute(select(RecordRow.id, RecordRow.data).where(
            RecordRow.document_sha256 == sha256, RecordRow.superseded_by.is_(None))
            .order_by(RecordRow.created_at, RecordRow.id)).all()
        fixes = corrections_by_record(s, document_sha256=sha256)
        return [current_view(data, fixes.get(rid, [])) for rid, data in rows]

    def _refresh(self, s: Session, doc: DocumentRow) -> None:
        """The view's columns after a change; the status follows the missing fields that remain."""
        views = self._current(s, doc.sha256)
        summary = summarize(views)
        doc.issuer, doc.document_date = summary.issuer, summary.document_date
        doc.missing_fields, doc.low_confidence, doc.record_count = summary.missing_fields, summary.low_confidence, \
            len(views)
        if doc.status in (Status.INGESTED.value, Status.NEEDS_ATTENTION.value):
            still = {(v["id"], f) for v in views for f in v.get("missing_fields", [])}
            problems = [p for p in (Problem.model_validate(x) for x in doc.problems or [])
                        if p.code is not ProblemCode.MISSING_FIELD or (p.record_id, p.field) in still]
            doc.status = status_of(len(views), problems).value

    def correct(self, correction: Correction, expected_revision: int) -> Correction:
        c, at = correction, now()
        with self.transaction() as s:
            doc = s.get(DocumentRow, c.document_sha256)
            if doc is None:
                raise StoreError(f"no document {c.document_sha256}")
            if doc.superseded_by:
                raise CorrectionError(f"{doc.filename} ({doc.sha256[:12]}) was replaced by a newer file "
                                      f"({doc.superseded_by[:12]}): correct that one")
            before: dict[str, Any]
            after: dict[str, Any]
            value = c.value
            if c.op is CorrectionOp.SET_KIND:
                before, after = {"kind": doc.kind}, {"kind": c.value}
            else:
                row = s.get(RecordRow, c.record_id)
                if row is None or row.document_sha256 != doc.sha256 or row.superseded_by is not None:
                    raise CorrectionError(f"{c.record_id!r} is not a current record of {doc.filename}")
                view = current_view(row.data, corrections_by_record(s, record_ids=[row.id]).get(row.id, []))
                changed = apply_one(view, c)
                record = validated(changed, c)
                if c.op is CorrectionOp.SET_VALUE:  # keep the value as the model reads it (e.g. '2026-3-2' refused,
                    value = _value_at(record_to_json(record), c.field or "")  # '120.50' -> 120.5)
                before = {"record_id": c.record_id, "field": c.field, "value": _value_at(view, c.field or "")}
                after = {"record_id": c.record_id, "field": c.field, "value": value if c.op is not
                         CorrectionOp.REMOVE_LINE else None}
            status_before = doc.status
            revision = self._bump(s, doc, expected_revision)
            stored = CorrectionRow(
                document_sha256=doc.sha256, record_id=c.record_id, op=c.op.value, field=c.field, value=value,
                source=c.source.model_dump(mode="json") if c.source else None, actor=c.actor, at=at, note=c.note,
                revision=revision)
            s.add(stored)
            s.flush()
            if c.op is not CorrectionOp.SET_KIND:
                self._refresh(s, doc)
            self._audit(s, c.actor, f"document.{c.op.value}", "document", doc.sha256,
                        {**before, "revision": revision - 1, "status": status_before},
                        {**after, "revision": revision, "status": doc.status, "note": c.note})
            return correction_of(stored)

    def corrections(self, document_sha256: str) -> list[Correction]:
        q = select(CorrectionRow).where(CorrectionRow.document_sha256 == document_sha256).order_by(CorrectionRow.id)
        with self.transaction() as s:
            return [correction_of(r) for r in s.scalars(q)]

    def supersede_reading(self, info: DocumentInfo, records: Sequence[RecordBase], actor: str,
                          expected_revision: int | None = None) -> DocumentInfo:
        at = now()
        with self.transaction() as s:
            doc = s.get(DocumentRow, info.sha256)
            if doc is None:
                raise StoreError(f"no document {info.sha256}")
            revision = self._bump(s, doc, expected_revision)
            old = list(s.scalars(select(RecordRow).where(RecordRow.document_sha256 == doc.sha256,
                                                         RecordRow.superseded_by.is_(None))))
            for row in old:
                row.superseded_by, row.superseded_at = doc.sha256, at
            taken = set(s.scalars(select(RecordRow.id).where(RecordRow.document_sha256 == doc.sha256)))
            for rec in records:  # ids are deterministic: a second reading of the same kind gets a revision suffix
                rid = rec.id if rec.id not in taken else f"{rec.id}@r{revision}"
                data = {**record_to_json(rec), "id": rid}
                s.add(RecordRow(id=rid, kind=rec.kind.value, document_sha256=doc.sha256, data=data, created_at=at))
            s.flush()
            before = {"kind": doc.kind, "status": doc.status, "records": [r.id for r in old], "revision": revision - 1}
            doc.kind, doc.status, doc.reason = info.kind, info.status.value, info.reason
            doc.problems = [p.model_dump(mode="json") for p in info.problems]
            doc.kind_candidates = [k.model_dump(mode="json") for k in info.kind_candidates]
            self._refresh(s, doc)
            self._audit(s, actor, "document.reread", "document", doc.sha256, before,
                        {"kind": doc.kind, "status": doc.status, "records": len(records), "revision": revision})
            return _doc_info(doc)
