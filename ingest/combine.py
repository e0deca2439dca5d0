"""Two readers of one document, one set of records.

Each kind's parser reads the layouts it was written for, precisely; the declared reader
(`ingest.resolve`) reads any layout from the kind declarations. Where both read a document as the
same kind, the parser's records are kept unless the declared reader's are clearly more complete in
the kind's required fields (or find clearly more records), and a single record (an invoice, a
certificate) takes the fields the other reader found and it did not, with their own provenance.
Nothing is guessed: a value comes from one reader or the other, with where it was read.
"""
from __future__ import annotations

from auditpack.declarations import KindDeclaration
from auditpack.records import RecordBase

EMPTY = (None, [], "", "unknown")


def _fill(base: RecordBase, other: RecordBase, decl: KindDeclaration, required_only: bool) -> RecordBase:
    """`base` with the fields it lacks taken from `other` (value and source), missing_fields updated.
    A parser's record takes only required fields: what its own layout did not show, it did not have."""
    update: dict = {}
    sources = dict(base.field_sources)
    for name, f in decl.fields.items():
        if required_only and not f.required:
            continue
        mine, theirs = getattr(base, name, None), getattr(other, name, None)
        if mine in EMPTY and theirs not in EMPTY and name in type(base).model_fields:
            update[name] = theirs
            sources.update({k: v for k, v in other.field_sources.items() if k.split("[")[0].split(".")[0] == name})
    if not update:
        return base
    missing = [m for m in base.missing_fields if m not in update]
    return base.model_copy(update={**update, "field_sources": sources, "missing_fields": missing})


def completeness(records: list[RecordBase], decl: KindDeclaration) -> float:
    """Share of the required fields the records hold (0..1)."""
    required = [n for n, f in decl.fields.items() if f.required]
    if not records or not required:
        return 0.0
    return sum(1 for r in records for n in required if getattr(r, n, None) not in EMPTY) / (len(records) * len(required))


def combine(parsed: list[RecordBase], declared: list[RecordBase], decl: KindDeclaration) -> list[RecordBase]:
    """The better of the two readings of one document as kind `decl`, completed by the other."""
    if not declared:
        return parsed
    if not parsed:
        return declared
    more_complete = completeness(declared, decl) > completeness(parsed, decl) + 0.1
    many_more = len(declared) >= 2 * len(parsed) + 2 and completeness(declared, decl) >= completeness(parsed, decl)
    base, other = (declared, parsed) if more_complete or many_more else (parsed, declared)
    if decl.one_per == "document" and len(base) == 1 and len(other) == 1:
        return [_fill(base[0], other[0], decl, required_only=base is parsed)]
    return base
