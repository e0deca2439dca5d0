"""What the documents view shows of a document's records, computed once when they are stored.

The list must not parse record JSON for every row, so the issuer, the document date, the fields still
missing and the number of low-confidence values are derived here (from the kind declarations' summary
fields, never from a list of field names of our own) and kept in columns of `documents`.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from auditpack.declarations import KindDeclaration, declarations, load_declarations
from auditpack.plugins import installed

LOW_CONFIDENCE = 0.5
"""A value read with a confidence under this puts its document in the inbox (a person should look); a
letterhead guess (0.5) is not under it."""

ISSUER_TYPES = ("name",)
DATE_TYPES = ("date", "datetime")


@dataclass(frozen=True)
class Summary:
    issuer: str | None = None
    document_date: date | None = None
    missing_fields: list[str] = field(default_factory=list)
    low_confidence: int = 0


def _declarations() -> Mapping[str, KindDeclaration]:
    """The declarations every stage reads; the built-ins alone when no plugin manager is installed
    (a migration run from a bare script), so a backfill never fails for want of plugins."""
    return declarations() if installed() else load_declarations()


def _as_date(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def summarize(records: Iterable[Mapping[str, Any]]) -> Summary:
    """`records` in the public JSON shape (`record_to_json`): the first declared name-typed summary value
    is the issuer, the earliest declared date-typed summary value the document date."""
    decls = _declarations()
    issuer: str | None = None
    dates: list[date] = []
    missing: dict[str, None] = {}
    low = 0
    for data in records:
        decl = decls.get(str(data.get("kind")))
        for name in decl.summary_fields if decl else ():
            kind = decl.field(name).type
            value = data.get(name)
            if issuer is None and kind in ISSUER_TYPES and isinstance(value, str) and value.strip():
                issuer = value.strip()[:512]
            elif kind in DATE_TYPES and (d := _as_date(value)) is not None:
                dates.append(d)
        missing.update(dict.fromkeys(data.get("missing_fields") or []))
        low += sum(1 for src in (data.get("field_sources") or {}).values()
                   if float(src.get("confidence", 1.0)) < LOW_CONFIDENCE)
    return Summary(issuer, min(dates) if dates else None, list(missing), low)
