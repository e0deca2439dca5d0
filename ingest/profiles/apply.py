"""Read a document with the layout profile its fingerprint matched.

The profile's kind is the document's kind. Its `label` and `column` hints become exact labels of a copy of
the kind declaration, so the declared reader (`ingest.resolve.read_declared`) places them first; its
`label`, `pattern`, `cell` and `rows` hints are then looked up directly and win over anything else read
(confidence HINTED). The kind's parser still reads the document, and fields no hint names come from the
two readers combined, as without a profile. Every value is read as its declared type, with its SourceRef.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from auditpack.declarations import KindDeclaration, declarations, normalise_label
from auditpack.records import (MODEL_BY_KIND, KindCandidate, Problem, ProblemCode, RecordBase, RecordKind, SourceRef,
                               record_id)
from ingest.combine import combine
from ingest.layout import Where, read_document
from ingest.models import LoadedDocument
from ingest.parsers import parsers
from ingest.parsers.base import Parser, missing_field_problems
from ingest.profiles import hints
from ingest.profiles.match import Match
from ingest.profiles.model import LayoutProfile
from ingest.resolve import read_declared

HINTED = 0.95  # a value found where a profile says it is: a person (or the publisher's format) told us
EMPTY = (None, [], "", "unknown")

_DECLS: dict[tuple[int, str], tuple[KindDeclaration, KindDeclaration]] = {}


def profile_declaration(profile: LayoutProfile, decl: KindDeclaration) -> KindDeclaration | None:
    """`decl` with each label/column hint as an exact label of its field, and taken from every other field
    (on this layout that text means this field). None when the profile has no such hint. One copy per
    profile content, so the resolver's caches (keyed by the declaration mapping) are reused, never stale."""
    named = {path: (h.label or h.column or "") for path, h in profile.fields.items() if h.label or h.column}
    if not named:
        return None
    key = (id(decl), profile.model_dump_json(include={"kind", "fields"}))
    held = _DECLS.get(key)
    if held is not None and held[0] is decl:
        return held[1]
    data = decl.model_dump()
    taken = {normalise_label(t) for t in named.values()}

    def walk(fields: dict[str, Any], prefix: str) -> None:
        for name, f in fields.items():
            path = prefix + name
            f["labels"] = {lang: [w for w in words if normalise_label(w) not in taken]
                           for lang, words in f["labels"].items()}
            if path in named:
                f["labels"].setdefault("en", []).insert(0, named[path])
            f["labels"] = {lang: words for lang, words in f["labels"].items() if words} or {"en": [f["name"]]}
            walk(f.get("columns") or {}, path + ".")

    walk(data["fields"], "")
    copy = KindDeclaration.model_validate(data)
    if len(_DECLS) > 64:  # bounded: profiles are few
        _DECLS.clear()
    _DECLS[key] = (decl, copy)
    return copy


def _document_kind(record_kind: str) -> str:
    return next((p.kind for p in parsers() if p.record_kind.value == record_kind), record_kind)


def _parsed(doc: LoadedDocument, kind: str) -> tuple[Parser | None, list[RecordBase]]:
    parser = next((p for p in parsers() if p.record_kind.value == kind), None)
    return (parser, parser.parse(doc).records) if parser is not None else (None, [])


def _source(doc: LoadedDocument, where: Where) -> SourceRef:
    return where.source(doc, HINTED)


def _item(model: type[BaseModel] | None, values: dict[str, Any]) -> Any:
    if model is None or not hasattr(model, "model_validate"):
        return values
    try:
        return model.model_validate(values)
    except ValidationError:
        return None


def _hinted(doc: LoadedDocument, profile: LayoutProfile, decl: KindDeclaration) -> tuple[dict, dict]:
    """Field -> value and path -> SourceRef for every hint that found a value."""
    fmt = hints.doc_format(doc, profile)
    needs_reading = any(h.label for h in profile.fields.values())
    reading = read_document(doc) if needs_reading else None
    values: dict[str, Any] = {}
    sources: dict[str, SourceRef] = {}
    for path, hint in profile.fields.items():
        if "." in path or hint.column:
            continue
        hit = hints.scalar(hint, decl.field(path), doc, reading, fmt)  # type: ignore[arg-type]
        if hit is None:
            continue
        f = decl.field(path)
        if f.type == "quantity":
            number, unit = hit.value
            values[path] = number
            unit_field = next((n for n, g in decl.fields.items() if g.type == "unit"
                               and n.rsplit("_", 1)[0] == path.rsplit("_", 1)[0]), None)
            if unit and unit_field:
                values.setdefault(unit_field, unit)
                sources[unit_field] = _source(doc, hit.where)
        else:
            values[path] = hit.value
        sources[path] = _source(doc, hit.where)
    model = MODEL_BY_KIND.get(RecordKind(decl.kind)) if decl.kind in RecordKind._value2member_map_ else None
    for rh in profile.rows:
        inner = None
        if model is not None:
            inner = getattr(model.model_fields[rh.field].annotation, "__args__", (None,))[0]
        items = []
        for found in hints.rows(rh, decl, doc, fmt):
            item = _item(inner, {c: h.value for c, h in found.items()})
            if item is None:
                continue
            for col, h in found.items():
                sources[f"{rh.field}[{len(items)}].{col}"] = _source(doc, h.where)
            items.append(item)
        if items:
            values[rh.field] = items
    return values, sources


def _missing(decl: KindDeclaration, record: RecordBase) -> list[str]:
    return sorted(n for n, f in decl.fields.items() if f.required and getattr(record, n, None) in EMPTY)


def _top(path: str) -> str:
    return path.split("[")[0].split(".")[0]


def _update(record: RecordBase, values: dict[str, Any], sources: dict[str, SourceRef],
            decl: KindDeclaration) -> RecordBase:
    """`record` with the hinted values (a value the record model refuses is left out, never forced)."""
    values = {k: v for k, v in values.items() if k in type(record).model_fields}
    while True:
        kept = {k: v for k, v in record.field_sources.items() if _top(k) not in values}
        kept.update({k: v for k, v in sources.items() if _top(k) in values})
        data = {**record.model_dump(), **values,
                "field_sources": {k: v.model_dump() for k, v in kept.items()}}
        try:
            out = type(record).model_validate(data)
            return out.model_copy(update={"missing_fields": _missing(decl, out)})
        except ValidationError as exc:
            bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]} & set(values)
            if not bad:
                return record
            values = {k: v for k, v in values.items() if k not in bad}


def _new_record(doc: LoadedDocument, decl: KindDeclaration, values: dict[str, Any],
                sources: dict[str, SourceRef]) -> RecordBase | None:
    model = MODEL_BY_KIND[RecordKind(decl.kind)]
    key = [str(values[k]) for k in decl.key_fields if values.get(k) not in EMPTY]
    first = next(iter(sources.values()))
    base = model(id=record_id(decl.kind, doc.sha256, *(key or ["doc"])),
                 source=first.model_copy(update={"span": None, "bbox": None, "cell": None, "confidence": 1.0}))
    out = _update(base, values, sources, decl)
    return out if any(getattr(out, k, None) not in EMPTY for k in values) else None


def _rekeyed(record: RecordBase, decl: KindDeclaration) -> RecordBase:
    """The record id from its key fields as finally read (a hint may have corrected the number)."""
    key = [str(getattr(record, k)) for k in decl.key_fields if getattr(record, k, None) not in EMPTY]
    sha = record.source.document_sha256
    return record.model_copy(update={"id": record_id(decl.kind, sha, *(key or ["doc"]))})


def read_with_profile(doc: LoadedDocument, match: Match, problems: list[Problem], embeddings: str | None
                      ) -> tuple[list[RecordBase], list[str], list[KindCandidate]]:
    """Records of the profile's kind (the pipeline's `_declared` contract: records, document kinds,
    candidates). Missing-field problems are recomputed for the records kept; a note names the profile."""
    profile = match.profile
    decl = declarations()[profile.kind]
    parser, parsed = _parsed(doc, profile.kind)
    values, sources = _hinted(doc, profile, decl)
    scalars = {k: v for k, v in values.items() if decl.one_per == "document" or not isinstance(v, list)}
    if parsed and values:  # the hints first: a parser's record so completed is not outdone by the other reader
        parsed = [_update(r, scalars, sources, decl) for r in parsed]
    parsed = [r for r in parsed if parser is not None and parser.plausible(r, doc)]
    if not parsed and values and decl.one_per == "document":
        parsed = [new] if (new := _new_record(doc, decl, values, sources)) is not None else []
    copy = profile_declaration(profile, decl)
    result = read_declared(doc, embeddings, kind=profile.kind, declaration=copy)
    records = combine(parsed, result.records, decl)
    by_hint = {_top(p) for p, h in profile.fields.items() if h.label or h.column}
    if copy is not None and result.records:
        if decl.one_per == "document" and records and len(result.records) == 1:
            declared = result.records[0]
            taken = {n: getattr(declared, n) for n in by_hint if getattr(declared, n, None) not in EMPTY}
            src = {k: v for k, v in declared.field_sources.items() if _top(k) in taken}
            records = [_update(records[0], taken, src, decl), *records[1:]]
        elif decl.one_per != "document":
            records = result.records  # a log's rows as the taught columns place them
    if values:  # whatever the readers combined, a value found where the profile says it is wins
        records = [_update(r, scalars, sources, decl) for r in records]
    if set(values) & set(decl.key_fields):
        records = [_rekeyed(r, decl) for r in records] if decl.one_per == "document" else records
    problems[:] = [p for p in problems if p.code not in (ProblemCode.MISSING_FIELD, ProblemCode.NO_ENTRIES,
                                                         ProblemCode.NOT_PLAUSIBLE, ProblemCode.UNKNOWN_PAGES)]
    problems.append(Problem(code=ProblemCode.NOTE, severity="info",
                            message=f"read with layout profile {profile.name!r} ({profile.kind})"))
    problems += [p for r in records for p in missing_field_problems(r)]
    kind = _document_kind(profile.kind)
    candidates = [KindCandidate(kind=kind, score=1.0)] + [
        KindCandidate(kind=_document_kind(c.kind), score=c.score) for c in result.candidates
        if c.kind != profile.kind][:2]
    return records, ([kind] if records else []), candidates
