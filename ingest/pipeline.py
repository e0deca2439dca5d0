"""The per-file chain run in a worker: detect -> load -> classify -> parse -> validate.

It never touches the store (the main process writes it, one transaction per
file). Bad documents become a rejection reason; any other exception is a bug,
recorded as ``internal error: ...`` with its traceback kept for ``--verbose``.
"""
from __future__ import annotations

import traceback
from pathlib import Path

from pydantic import BaseModel, Field

from auditpack.records import RecordBase, parse_record, record_to_json
from ingest.classify import segment
from ingest.detect import detect
from ingest.errors import DocumentError, ZeroPages
from ingest.loaders import LoadOptions, loader_for
from ingest.models import LoadedDocument
from ingest.parsers import by_kind
from auditpack.hashing import sha256_file  # noqa: F401 - re-exported for callers


class Analysis(BaseModel):
    """What a worker sends back to the main process for one file."""

    media_type: str | None = None
    pages: int | None = None
    kind: str | None = None
    records: list[dict] = Field(default_factory=list)
    status: str = "ingested"   # ingested | unknown | rejected
    reason: str | None = None
    problems: list[str] = Field(default_factory=list)
    traceback: str | None = None



def load(data: bytes, filename: str, sha256: str, opts: LoadOptions) -> tuple[LoadedDocument, str | None]:
    found = detect(data, filename)
    pages, notes = loader_for(found.kind)(data, opts)
    if not pages:
        raise ZeroPages()
    doc = LoadedDocument(sha256=sha256, filename=filename, media_type=found.media_type, pages=pages, notes=notes)
    return doc, found.note


def _unique_ids(records: list[RecordBase]) -> list[RecordBase]:
    seen: dict[str, int] = {}
    out = []
    for r in records:
        n = seen.get(r.id, 0)
        seen[r.id] = n + 1
        out.append(r if n == 0 else r.model_copy(update={"id": f"{r.id}~{n}"}))
    return out


def _llm_fill(records: list[RecordBase], doc: LoadedDocument, llm_settings, problems: list[str],
              model=None) -> list[RecordBase]:
    from ingest.llm import chat_model, fill_missing

    try:
        model = model or chat_model(llm_settings)
    except Exception as exc:  # a misconfigured model must not lose the document
        problems.append(f"language model unavailable ({type(exc).__name__}: {exc}); missing fields left empty")
        return records
    out = []
    for r in records:
        try:
            r, filled = fill_missing(r, doc, model) if r.missing_fields else (r, [])
            if filled:
                problems.append(f"{r.id}: filled by the language model (check them): {', '.join(filled)}")
        except Exception as exc:
            problems.append(f"{r.id}: language model failed ({type(exc).__name__}); missing fields left empty")
        out.append(r)
    return out


def parse_document(doc: LoadedDocument, llm=None, model=None) -> Analysis:
    records: list[RecordBase] = []
    problems: list[str] = []
    kinds: list[str] = []
    for seg in segment(doc):
        if seg.kind is None:
            if len(doc.pages) > len(seg.pages):
                problems.append(f"pages {seg.pages[0]}-{seg.pages[-1]}: not one of the known document kinds")
            continue
        part = doc.subset(seg.pages) if len(seg.pages) < len(doc.pages) else doc
        parser = by_kind(seg.kind)
        res = parser.parse(part)
        where = f"pages {seg.pages[0]}-{seg.pages[-1]}: " if len(seg.pages) < len(doc.pages) else ""
        kept = [r for r in res.records if parser.plausible(r, part)]
        if res.records and not kept:
            problems.append(f"{where}resembles a {seg.kind.replace('_', ' ')} but too few of its fields were "
                            "found; not used as one")
            continue
        res.records = kept
        problems += [where + p for p in res.problems]
        if res.records:
            kinds.append(seg.kind)
            records += res.records
        elif not res.problems:
            problems.append(f"{where}looks like a {seg.kind.replace('_', ' ')} but no entries were found "
                            "(a blank template?)")
    if records and (llm is not None or model is not None):
        records = _llm_fill(records, doc, llm, problems, model)
    records = _unique_ids(records)
    # validate: every record must round-trip through the public contract
    payload = [record_to_json(parse_record(record_to_json(r))) for r in records]
    kind = max(set(kinds), key=kinds.count) if kinds else None
    if len(set(kinds)) > 1:
        kind = "mixed"
    return Analysis(media_type=doc.media_type, pages=len(doc.pages), kind=kind, records=payload,
                    status="ingested" if payload else "unknown", problems=problems,
                    reason=None if payload else "not one of the known document kinds; kept and listed as unknown")


def analyze(stored: str, filename: str, sha256: str, opts: LoadOptions) -> Analysis:
    """Run in a worker process: never raises."""
    try:
        data = Path(stored).read_bytes()
        doc, note = load(data, filename, sha256, opts)
        out = parse_document(doc, llm=opts.llm)
        extra = ([note] if note else []) + [n for n in doc.notes if "OCR" not in n]
        out.problems = extra + out.problems
        return out
    except DocumentError as exc:
        return Analysis(status="rejected", reason=exc.detail)
    except Exception as exc:  # a bug in AuditPack, not a bad document: keep the traceback
        return Analysis(status="rejected", reason=f"internal error: {type(exc).__name__}: {exc}",
                        traceback=traceback.format_exc())
