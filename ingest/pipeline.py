"""The per-file chain run in a worker: detect -> load -> classify -> parse -> validate.

It never touches the store (the main process writes it, one transaction per
file). Bad documents become a rejection reason; any other exception is a bug,
recorded as ``internal error: ...`` with its traceback kept for ``--verbose``.
"""
from __future__ import annotations

import traceback
from pathlib import Path

from pydantic import BaseModel, Field

from auditpack.records import Problem, ProblemCode, RecordBase, Status, parse_record, record_to_json, status_of
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
    status: Status
    reason: str | None = None
    problems: list[Problem] = Field(default_factory=list)
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


def _llm_fill(records: list[RecordBase], doc: LoadedDocument, llm_settings, problems: list[Problem],
              model=None) -> list[RecordBase]:
    from ingest.llm import chat_model, fill_missing

    try:
        model = model or chat_model(llm_settings)
    except Exception as exc:  # a misconfigured model must not lose the document
        problems.append(Problem(code=ProblemCode.LLM_FAILED, message=f"language model unavailable "
                                f"({type(exc).__name__}: {exc}); missing fields left empty"))
        return records
    out = []
    for r in records:
        try:
            r, filled = fill_missing(r, doc, model) if r.missing_fields else (r, [])
            problems.extend(Problem(code=ProblemCode.LLM_FILLED, field=f, record_id=r.id,
                                    message=f"{r.id}: {f} filled by the language model (check it)") for f in filled)
        except Exception as exc:
            problems.append(Problem(code=ProblemCode.LLM_FAILED, record_id=r.id, message=f"{r.id}: language "
                                    f"model failed ({type(exc).__name__}); missing fields left empty"))
        out.append(r)
    return out


def _missing_after_fill(records: list[RecordBase], problems: list[Problem]) -> list[Problem]:
    """Missing-field problems describe the records as they are now: a field the model filled is gone."""
    still = {(r.id, f) for r in records for f in r.missing_fields}
    return [p for p in problems if p.code is not ProblemCode.MISSING_FIELD or (p.record_id, p.field) in still]


def parse_document(doc: LoadedDocument, llm=None, model=None) -> Analysis:
    """Classify each page range, parse it with its kind's parser and collect typed problems.

    The status is computed last, from the records and problems as they finally are."""
    records: list[RecordBase] = []
    problems: list[Problem] = []
    kinds: list[str] = []
    for seg in segment(doc):
        pages = f"{seg.pages[0]}-{seg.pages[-1]}" if len(seg.pages) < len(doc.pages) else None
        if seg.kind is None:
            if pages:
                problems.append(Problem(code=ProblemCode.UNKNOWN_PAGES, pages=pages,
                                        message="not one of the known document kinds"))
            continue
        part = doc.subset(seg.pages) if pages else doc
        parser = by_kind(seg.kind)
        res = parser.parse(part)
        kept = [r for r in res.records if parser.plausible(r, part)]
        name = seg.kind.replace("_", " ")
        if res.records and not kept:
            problems.append(Problem(code=ProblemCode.NOT_PLAUSIBLE, pages=pages, message=f"resembles a {name} but "
                                    "too few of its fields were found; not used as one"))
            continue
        problems += [p.model_copy(update={"pages": pages}) for p in res.problems
                     if p.record_id is None or any(r.id == p.record_id for r in kept)]
        if kept:
            kinds.append(seg.kind)
            records += kept
        elif not res.problems:
            problems.append(Problem(code=ProblemCode.NO_ENTRIES, pages=pages,
                                    message=f"looks like a {name} but no entries were found (a blank template?)"))
    if records and (llm is not None or model is not None):
        records = _llm_fill(records, doc, llm, problems, model)
        problems = _missing_after_fill(records, problems)
    records = _unique_ids(records)
    # validate: every record must round-trip through the public contract
    payload = [record_to_json(parse_record(record_to_json(r))) for r in records]
    kind = max(set(kinds), key=kinds.count) if kinds else None
    if len(set(kinds)) > 1:
        kind = "mixed"
    return Analysis(media_type=doc.media_type, pages=len(doc.pages), kind=kind, records=payload,
                    status=status_of(len(payload), problems), problems=problems,
                    reason=None if payload else "not one of the known document kinds; kept and listed as unknown")


def analyze(stored: str, filename: str, sha256: str, opts: LoadOptions) -> Analysis:
    """Run in a worker process: never raises."""
    try:
        data = Path(stored).read_bytes()
        doc, note = load(data, filename, sha256, opts)
        out = parse_document(doc, llm=opts.llm)
        notes = ([note] if note else []) + [n for n in doc.notes if "OCR" not in n]
        problems = [Problem(code=ProblemCode.LOADER_NOTE, severity="info", message=n) for n in notes] + out.problems
        return out.model_copy(update={"problems": problems, "status": status_of(len(out.records), problems)})
    except DocumentError as exc:
        return Analysis(status=Status.REJECTED, reason=exc.detail)
    except Exception as exc:  # a bug in AuditPack, not a bad document: keep the traceback
        return Analysis(status=Status.REJECTED, reason=f"internal error: {type(exc).__name__}: {exc}",
                        traceback=traceback.format_exc())
