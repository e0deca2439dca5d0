"""Evidence entries that point a finding at the page behind it.

A finding is only as good as the document it can show; every check builds its
`Evidence` from the record's `source` or, better, from the `field_sources`
entry of the exact field it judged (``lines[2].lot_number``).
"""
from __future__ import annotations

from auditpack.records import Evidence, RecordBase, SourceRef

_SNIPPET_MAX = 240


def _from_ref(ref: SourceRef, snippet: str | None = None) -> Evidence:
    text = snippet if snippet is not None else ref.span
    if text and len(text) > _SNIPPET_MAX:
        text = text[: _SNIPPET_MAX - 1] + "…"
    return Evidence(document_sha256=ref.document_sha256, filename=ref.filename, page=ref.page, cell=ref.cell,
                    snippet=text)


def evidence_for(record: RecordBase, *field_paths: str, snippet: str | None = None) -> list[Evidence]:
    """Evidence for the given fields of a record (first one found), else the record itself.

    `snippet` replaces the stored span when the check has a clearer phrase to
    show (e.g. the invoice line it judged).
    """
    for path in field_paths:
        ref = record.field_sources.get(path)
        if ref is not None:
            return [_from_ref(ref, snippet)]
    return [_from_ref(record.source, snippet)]


def merge(*groups: list[Evidence]) -> list[Evidence]:
    """Concatenate evidence lists without repeating the same document page."""
    seen: set[tuple[str, int | None]] = set()
    out: list[Evidence] = []
    for group in groups:
        for ev in group:
            key = (ev.document_sha256, ev.page)
            if key not in seen:
                seen.add(key)
                out.append(ev)
    return out
