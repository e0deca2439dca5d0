"""One page of a kind's records, filtered and sorted in the database.

A year of cleaning events is thousands of records; parsing every one to show fifty took the Records tab
seconds. The filters (a date range on one declared date field, a word anywhere in the record, a word in
named fields) and the sort (on any top-level field, as text or as a number) run as SQL over the stored
JSON, so only the page's records are parsed and corrected.
"""
from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import Text, cast, func, or_, select

from auditpack.records import RecordBase, RecordKind, parse_record
from auditpack.store.base import StoreBase
from auditpack.store.documents import corrections_by_record
from auditpack.store.overlay import current_view
from auditpack.store.schema import RecordRow


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class RecordsPageMixin(StoreBase):
    def records_page(self, kind: RecordKind | str, offset: int = 0, limit: int = 50, text: str | None = None,
                     date_field: str | None = None, date_from: date | None = None, date_to: date | None = None,
                     sort_field: str | None = None, descending: bool = False,
                     field_text: dict[str, str] | None = None, sort_numeric: bool = False,
                     ) -> tuple[list[RecordBase], int]:
        """`limit` records of `kind` from `offset` and how many match. `field_text`: field -> a word its value
        must contain (case-insensitive); `sort_numeric`: sort `sort_field` as a number (amounts), not as text."""
        where = [RecordRow.kind == RecordKind(kind).value, RecordRow.superseded_by.is_(None)]
        if date_field and (date_from or date_to):
            value = RecordRow.data[date_field].as_string()
            if date_from:
                where.append(value >= date_from.isoformat())
            if date_to:
                where.append(value < (date_to + timedelta(days=1)).isoformat())
        needle = (text or "").strip().lower()
        if needle:
            body = func.lower(cast(RecordRow.data, Text))
            # SQLite keeps the JSON ASCII-escaped ("\u00e9"), PostgreSQL as typed: either form matches
            where.append(or_(body.like(_like(needle), escape="\\"),
                             body.like(_like(json.dumps(needle)[1:-1]), escape="\\")))
        for name, word in (field_text or {}).items():
            word = (word or "").strip().lower()
            if word:  # the value as stored: SQLite's json_extract gives the text, PostgreSQL's ->> too
                value = func.lower(cast(RecordRow.data[name].as_string(), Text))
                where.append(value.like(_like(word), escape="\\"))
        order = [RecordRow.created_at, RecordRow.id]
        if sort_field:
            key = RecordRow.data[sort_field].as_float() if sort_numeric else RecordRow.data[sort_field].as_string()
            order = [key.desc() if descending else key.asc()] + order
        with self.transaction() as s:
            total = s.scalar(select(func.count()).select_from(RecordRow).where(*where)) or 0
            rows = s.execute(select(RecordRow.id, RecordRow.data).where(*where).order_by(*order)
                             .offset(max(0, offset)).limit(max(0, limit))).all()
            fixes = corrections_by_record(s, record_ids=[rid for rid, _ in rows])
            return [parse_record(current_view(data, fixes[rid]) if rid in fixes else data) for rid, data in rows], total
