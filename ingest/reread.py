"""Re-read a stored original as the kind a person says it is (the `set_kind` correction).

The stored original is read again by the declared reader for that one kind (no classification: the
person decided), and the result is stored as a new reading that supersedes the old records, which are
kept. The worker pool is not needed: one document, read in the calling process.
"""
from __future__ import annotations

from auditpack.declarations import declarations
from auditpack.errors import AuditPackError
from auditpack.records import DocumentInfo, KindCandidate, status_of
from auditpack.store import Store
from auditpack.workspace import Workspace
from ingest.errors import DocumentError
from ingest.loaders import LoadOptions
from ingest.models import LoadedDocument
from ingest.parsers import by_kind, kinds
from ingest.parsers.base import missing_field_problems
from ingest.pipeline import _document_kind, _unique_ids, load
from ingest.resolve import read_declared


def record_kind_of(kind: str) -> str:
    """The record kind a person's choice names: a document kind ("cleaning_log") or a record kind."""
    parser = by_kind(kind)
    if parser is not None:
        return parser.record_kind.value
    if kind in declarations():
        return kind
    known = sorted({*kinds(), *declarations()})
    raise AuditPackError(f"unknown kind {kind!r}; known kinds: {', '.join(known)}")


def _stored(ws: Workspace, store: Store, sha256: str) -> tuple[DocumentInfo, LoadedDocument, LoadOptions]:
    """The stored original of `sha256`, loaded again (its info, the document, the options it was read with)."""
    info = store.get_document(sha256)
    if info is None:
        raise AuditPackError(f"no document {sha256}")
    opts = LoadOptions(ocr_dpi=ws.settings.ingest.ocr_dpi, embeddings=ws.settings.embeddings.kind)
    try:
        doc, _ = load((ws.root / info.stored_path).read_bytes(), info.filename, sha256, opts)
    except DocumentError as exc:
        raise AuditPackError(f"{info.filename} cannot be read again: {exc.detail}") from exc
    return info, doc, opts


def reread(ws: Workspace, store: Store, sha256: str, kind: str, actor: str,
           expected_revision: int | None = None) -> DocumentInfo:
    """Read document `sha256` again as `kind` and store the records as its current reading."""
    record_kind = record_kind_of(kind)
    info, doc, opts = _stored(ws, store, sha256)
    result = read_declared(doc, opts.embeddings, kind=record_kind)
    records = _unique_ids(list(result.records))
    problems = [p for r in records for p in missing_field_problems(r)]
    reason = None if records else f"read as {kind}, but none of its records were found"
    status = status_of(len(records), problems)
    candidates = [KindCandidate(kind=_document_kind(c.kind), score=c.score) for c in result.candidates[:3]]
    new = info.model_copy(update={"kind": _document_kind(record_kind) if records else None, "status": status,
                                  "reason": reason, "problems": problems, "kind_candidates": candidates})
    return store.supersede_reading(new, records, actor, expected_revision)


def reread_with_profile(ws: Workspace, store: Store, sha256: str, profile, actor: str,  # noqa: ANN001
                        expected_revision: int | None = None) -> DocumentInfo:
    """Read document `sha256` again with a layout profile (teach once: "apply to the other documents of this
    layout"). The new records become its current reading; the old ones are kept, superseded."""
    from auditpack.records import parse_record
    from ingest.pipeline import parse_document

    info, doc, opts = _stored(ws, store, sha256)
    out = parse_document(doc, embeddings=opts.embeddings, profiles=[profile])
    records = [parse_record(r) for r in out.records]
    new = info.model_copy(update={"kind": out.kind, "status": out.status, "reason": out.reason,
                                  "problems": out.problems, "kind_candidates": out.kind_candidates})
    return store.supersede_reading(new, records, actor,
                                   info.revision if expected_revision is None else expected_revision)
