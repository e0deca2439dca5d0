"""The documents view: one page of documents with filters, sort, full-text search and a total.

Two queries per page (the rows, the count), read from indexed columns of `documents`: no record JSON
and no per-row query, so a page stays fast with thousands of documents. Search runs on SQLite FTS5
(`document_fts`) or PostgreSQL full-text search (`document_texts.tsv`, `websearch_to_tsquery`).
"""
from __future__ import annotations

import re

from sqlalchemy import Integer, String, column, func, or_, select, text
from sqlalchemy.sql.elements import ColumnElement

from auditpack.errors import StoreError
from auditpack.records import DocumentInfo, DocumentListItem, DocumentPage, DocumentQuery, Status
from auditpack.store.base import StoreBase
from auditpack.store.documents import _doc_info
from auditpack.store.schema import DocumentRow, DocumentTextRow

INBOX_STATUSES = (Status.UNKNOWN.value, Status.REJECTED.value, Status.NEEDS_ATTENTION.value)
TS_CONFIG = "simple"
"""PostgreSQL text-search configuration: no stemming, so a French or German document matches as typed."""

_SORT = {
    "ingested_at": DocumentRow.ingested_at, "filename": DocumentRow.filename, "kind": DocumentRow.kind,
    "status": DocumentRow.status, "date": DocumentRow.document_date, "record_count": DocumentRow.record_count,
}
_LIST_COLUMNS = (
    DocumentRow.sha256, DocumentRow.filename, DocumentRow.kind, DocumentRow.status, DocumentRow.superseded_by,
    DocumentRow.issuer, DocumentRow.document_date, DocumentRow.record_count, DocumentRow.missing_fields,
    DocumentRow.low_confidence, DocumentRow.reason, DocumentRow.kind_candidates, DocumentRow.ingested_at,
    DocumentRow.revision,
)


def fts5_query(search: str) -> str:
    """A person's words as an FTS5 query: every word (or "quoted phrase") must occur; FTS5 operators and
    punctuation in the input are taken as text, so no input is a syntax error."""
    terms = re.findall(r'"([^"]+)"|(\S+)', search)
    quoted = ['"' + (phrase or word).replace('"', '""') + '"' for phrase, word in terms]
    return " ".join(quoted)


class DocumentsViewMixin(StoreBase):
    def _search_filter(self, search: str) -> ColumnElement[bool]:
        if self.engine.dialect.name == "postgresql":
            hits = text(f"SELECT sha256 FROM document_texts WHERE tsv @@ websearch_to_tsquery('{TS_CONFIG}', :q)")
            return DocumentRow.sha256.in_(hits.bindparams(q=search).columns(column("sha256", String)))
        hits = text("SELECT rowid FROM document_fts WHERE document_fts MATCH :q")
        ids = hits.bindparams(q=fts5_query(search)).columns(column("rowid", Integer))
        return DocumentRow.sha256.in_(select(DocumentTextRow.sha256).where(DocumentTextRow.id.in_(ids)))

    def _conditions(self, q: DocumentQuery) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        if q.kind:
            conds.append(DocumentRow.kind == q.kind)
        if q.status is Status.SUPERSEDED:
            conds.append(DocumentRow.superseded_by.is_not(None))
        elif q.status is not None:
            conds += [DocumentRow.status == q.status.value, DocumentRow.superseded_by.is_(None)]
        if q.inbox:
            conds += [DocumentRow.superseded_by.is_(None),
                      or_(DocumentRow.status.in_(INBOX_STATUSES), DocumentRow.low_confidence > 0)]
        if q.issuer:
            conds.append(func.lower(DocumentRow.issuer).contains(q.issuer.lower(), autoescape=True))
        if q.date_from:
            conds.append(DocumentRow.document_date >= q.date_from)
        if q.date_to:
            conds.append(DocumentRow.document_date <= q.date_to)
        if q.search and q.search.strip():
            conds.append(self._search_filter(q.search.strip()))
        return conds

    def documents_page(self, query: DocumentQuery) -> DocumentPage:
        conds = self._conditions(query)
        key = _SORT[query.sort]
        order = key.desc().nulls_last() if query.descending else key.asc().nulls_last()
        rows_q = (select(*_LIST_COLUMNS).where(*conds).order_by(order, DocumentRow.sha256)
                  .limit(query.limit).offset(query.offset))
        count_q = select(func.count()).select_from(DocumentRow).where(*conds)
        with self.transaction() as s:
            total = s.scalar(count_q) or 0
            items = [DocumentListItem(
                sha256=r.sha256, filename=r.filename, kind=r.kind,
                status=Status.SUPERSEDED if r.superseded_by else Status(r.status), issuer=r.issuer,
                document_date=r.document_date, record_count=r.record_count, missing_fields=r.missing_fields or [],
                low_confidence=r.low_confidence or 0, reason=r.reason, kind_candidates=r.kind_candidates or [],
                ingested_at=r.ingested_at, revision=r.revision or 0,
            ) for r in s.execute(rows_q)]
        return DocumentPage(items=items, total=total, limit=query.limit, offset=query.offset)

    def resolve_document(self, sha256_prefix: str) -> DocumentInfo:
        prefix = sha256_prefix.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{4,64}", prefix):
            raise StoreError(f"{sha256_prefix!r} is not a document id: give at least 4 hex digits of its sha256")
        with self.transaction() as s:
            rows = list(s.scalars(select(DocumentRow).where(DocumentRow.sha256.startswith(prefix)).limit(2)))
            if not rows:
                raise StoreError(f"no document whose sha256 starts with {prefix}")
            if len(rows) > 1:
                raise StoreError(f"more than one document starts with {prefix}: give more digits")
            return _doc_info(rows[0])
