"""The per-file chain run in a worker: detect -> load -> classify -> parse -> validate.

It never touches the store (the main process writes it, a batch of files per
transaction: ingest/save.py). Bad documents become a rejection reason; any other exception is a bug,
recorded as ``internal error: ...`` with its traceback kept for ``--verbose``.
"""
from __future__ import annotations

import traceback
from pathlib import Path

from pydantic import BaseModel, Field

from auditpack.declarations import declarations
from auditpack.records.documents import TEXT_CHARS
from auditpack.records import (KindCandidate, Problem, ProblemCode, RecordBase, Status, parse_record, record_to_json,
                               status_of)
from ingest.classify import segment
from ingest.detect import detect
from ingest.errors import DocumentError, OverBudget, ZeroPages
from ingest.loaders import LoadOptions, loader_for, loaders
from ingest.models import LoadedDocument
from ingest.combine import combine, completeness
from ingest.parsers import by_kind, parsers
from ingest.parsers.base import missing_field_problems
from ingest.profiles.api import LayoutProfile, active_profiles, best_match, read_with_profile
from ingest.resolve import read_declared
from auditpack.hashing import sha256_file  # noqa: F401 - re-exported for callers


class Analysis(BaseModel):
    """What a worker sends back to the main process for one file."""

    media_type: str | None = None
    pages: int | None = None
    kind: str | None = None
    kind_candidates: list[KindCandidate] = Field(default_factory=list)
    records: list[dict] = Field(default_factory=list)
    status: Status
    reason: str | None = None
    problems: list[Problem] = Field(default_factory=list)
    traceback: str | None = None
    text: str | None = Field(default=None, description="the document's text for search, first TEXT_CHARS only")


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
    """Ask the configured model for what the readers missed; a value it returns that the document does
    not show is discarded (the field stays missing) and said so."""
    from ingest.layout import read_document
    from ingest.llm import chat_model, fill_missing

    try:
        model = model or chat_model(llm_settings)
    except Exception as exc:  # a misconfigured model must not lose the document
        problems.append(Problem(code=ProblemCode.LLM_FAILED, message=f"language model unavailable "
                                f"({type(exc).__name__}: {exc}); missing fields left empty"))
        return records
    key_values = read_document(doc).key_values if any(r.missing_fields for r in records) else []
    out = []
    for r in records:
        try:
            if r.missing_fields:
                r, filled, discarded = fill_missing(r, doc, model, key_values)
            else:
                filled, discarded = [], []
            problems.extend(Problem(code=ProblemCode.LLM_FILLED, field=f, record_id=r.id,
                                    message=f"{r.id}: {f} filled by the language model (check it)") for f in filled)
            problems.extend(Problem(code=ProblemCode.LLM_FAILED, field=f, record_id=r.id, message=f"{r.id}: {f}: "
                                    "language model value not found in the document: discarded") for f in discarded)
        except Exception as exc:
            problems.append(Problem(code=ProblemCode.LLM_FAILED, record_id=r.id, message=f"{r.id}: language "
                                    f"model failed ({type(exc).__name__}); missing fields left empty"))
        out.append(r)
    return out


def _missing_after_fill(records: list[RecordBase], problems: list[Problem]) -> list[Problem]:
    """Missing-field problems describe the records as they are now: a field the model filled is gone."""
    still = {(r.id, f) for r in records for f in r.missing_fields}
    return [p for p in problems if p.code is not ProblemCode.MISSING_FIELD or (p.record_id, p.field) in still]


def _document_kind(record_kind: str) -> str:
    """The document kind that holds records of `record_kind` ("cleaning_event" -> "cleaning_log")."""
    return next((p.kind for p in parsers() if p.record_kind.value == record_kind), record_kind)


def _declared(doc: LoadedDocument, records: list[RecordBase], kinds: list[str], problems: list[Problem],
              embeddings: str | None, parser_score: float = 0.0) -> tuple[list[RecordBase], list[str], list[KindCandidate]]:
    """The declared reader's reading of the whole document, combined with the parsers' (see ingest/combine.py).

    A document the parsers split into several kinds keeps the parsers' records; one they could not
    read at all takes the declared reader's. A document a parser read completely (every required
    field of every record) is not read twice: the second reader could only add noise, and time.
    Candidates are named by document kind."""
    if len(set(kinds)) == 1 and records:
        decl = declarations()[by_kind(kinds[0]).record_kind.value]
        if completeness(records, decl) >= 1.0:
            return records, kinds, [KindCandidate(kind=kinds[0], score=round(min(1.0, parser_score), 3))]
    if len(set(kinds)) > 1:  # a bundle the parsers split into several kinds keeps their reading
        return records, kinds, [KindCandidate(kind=k, score=round(min(1.0, parser_score), 3))
                                for k in dict.fromkeys(kinds)]
    # the parsers' kind, when they found one, is read directly: the layout is read once, not twice
    known = by_kind(kinds[0]).record_kind.value if kinds else None
    result = read_declared(doc, embeddings, kind=known)
    candidates = [KindCandidate(kind=_document_kind(c.kind), score=c.score) for c in result.candidates[:3]]
    record_kind = known or result.kind
    if record_kind is None:
        return records, kinds, candidates
    if not kinds and not result.claimed:
        return records, kinds, candidates  # nobody's parser read it and the declarations say little: unknown
    if not kinds and declarations()[record_kind].one_per == "row" and len(result.records) < 2:
        return records, kinds, candidates  # a "log" of one entry in a layout no parser knows is a form: unknown
    combined = combine(records, result.records, declarations()[record_kind])
    if combined is not records:  # the missing-field problems describe the records that are kept
        problems[:] = [p for p in problems if p.code not in (ProblemCode.MISSING_FIELD, ProblemCode.NO_ENTRIES,
                                                             ProblemCode.NOT_PLAUSIBLE)]
        problems += [p for r in combined for p in missing_field_problems(r)]
    return combined, ([_document_kind(record_kind)] if combined else kinds), candidates


def parse_document(doc: LoadedDocument, llm=None, model=None, embeddings: str | None = None,
                   profiles: list[LayoutProfile] | None = None) -> Analysis:
    """Classify each page range, parse it with its kind's parser, read it by the declarations, combine,
    and collect typed problems. The status is computed last, from the records and problems as they are."""
    records: list[RecordBase] = []
    problems: list[Problem] = []
    kinds: list[str] = []
    parser_score = 0.0
    # a layout profile whose fingerprint matches decides the kind and reads first (ingest/profiles/);
    # `profiles=None` means the shipped ones
    matched = best_match(doc, active_profiles() if profiles is None else profiles)
    for seg in ([] if matched else segment(doc)):
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
            parser_score = max(parser_score, seg.score)
            records += kept
        elif not res.problems:
            problems.append(Problem(code=ProblemCode.NO_ENTRIES, pages=pages,
                                    message=f"looks like a {name} but no entries were found (a blank template?)"))
    candidates: list[KindCandidate] = []
    bug: str | None = None
    try:
        records, kinds, candidates = read_with_profile(doc, matched, problems, embeddings) if matched else \
            _declared(doc, records, kinds, problems, embeddings, parser_score)
    except Exception as exc:  # noqa: BLE001 - a bug in the second reader must not lose what the parsers read
        bug = traceback.format_exc()
        problems.append(Problem(code=ProblemCode.NOTE, message="internal error in the declared reader (a bug in "
                                f"AuditPack, reported with --verbose): {type(exc).__name__}: {exc}"))
    if records and (llm is not None or model is not None):
        records = _llm_fill(records, doc, llm, problems, model)
        problems = _missing_after_fill(records, problems)
    records = _unique_ids(records)
    # validate: every record must round-trip through the public contract
    payload = [record_to_json(parse_record(record_to_json(r))) for r in records]
    kind = max(set(kinds), key=kinds.count) if kinds else None
    if len(set(kinds)) > 1:
        kind = "mixed"
    return Analysis(media_type=doc.media_type, pages=len(doc.pages), kind=kind, kind_candidates=candidates,
                    records=payload, traceback=bug,
                    status=status_of(len(payload), problems), problems=problems,
                    reason=None if payload else "not one of the known document kinds; kept and listed as unknown")


def warm() -> None:
    """Import the readers and load the parsers and declarations in the process the reader processes fork
    from (`DocumentPool.submit`, ingest/workers.py): each reader then starts with them, where it paid about
    half a second of CPU on its first document, and a reader replaced after a budget starts warm too."""
    loaders()
    parsers()
    declarations()


def analyze(stored: str, filename: str, sha256: str, opts: LoadOptions) -> Analysis:
    """Run in a worker process: never raises."""
    try:
        data = Path(stored).read_bytes()
        doc, note = load(data, filename, sha256, opts)
        out = parse_document(doc, llm=opts.llm, embeddings=opts.embeddings, profiles=active_profiles(opts.layouts))
        notes = ([note] if note else []) + [n for n in doc.notes if "OCR" not in n]
        problems = [Problem(code=ProblemCode.LOADER_NOTE, severity="info", message=n) for n in notes] + out.problems
        return out.model_copy(update={"problems": problems, "status": status_of(len(out.records), problems),
                                      "text": doc.text[:TEXT_CHARS]})
    except DocumentError as exc:
        return Analysis(status=Status.REJECTED, reason=exc.detail)
    except MemoryError:  # over the worker's memory cap (ingest/workers.py) after loading: a budget, not a bug
        return Analysis(status=Status.REJECTED, reason=OverBudget(
            "memory needed to read it", None, f"{opts.limits.worker_memory_mb} MB", "worker_memory_mb").detail)
    except Exception as exc:  # a bug in AuditPack, not a bad document: keep the traceback
        return Analysis(status=Status.REJECTED, reason=f"internal error: {type(exc).__name__}: {exc}",
                        traceback=traceback.format_exc())
