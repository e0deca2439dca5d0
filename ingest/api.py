"""The ingest service: files in, records in the store (used by the CLI, the demo and the UI).

Main process: expand paths, hash, keep the original (by content hash, never
modified), skip duplicates, then hand the stored copy to a worker pool for
load + classify + parse, and write the results to the store as they come back,
a batch of finished documents per transaction (ingest/save.py). One bad file
never stops the batch.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from auditpack.records import DocumentInfo, Problem, ProblemCode, Status
from auditpack.store import Store
from auditpack.workspace import Workspace
from ingest.errors import TooLarge
from ingest.files import display_name, expand
from ingest.loaders import LoadOptions
from ingest.profiles.api import active_profiles, layouts_dir
from ingest.models import FileOutcome, IngestSummary
from ingest.pipeline import Analysis, analyze, sha256_file
from ingest.reader_pool import kept_pool
from ingest.reread import record_kind_of, reread
from ingest.save import SaveBatch
from ingest.workers import DocumentPool

__all__ = ["FileOutcome", "IngestSummary", "apply_strict", "expand_paths", "ingest_bytes", "ingest_paths", "read_date",
           "record_kind_of", "reread"]


def expand_paths(paths: Sequence[Path]) -> Iterator[Path]:
    """Files as given, folders recursively (sorted; hidden files and non-files skipped: `ingest.files`)."""
    yield from expand(list(paths)).files


def _suffix(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ""


def _store_original(ws: Workspace, src: Path, sha: str, filename: str) -> str:
    dest = ws.original_path(sha, _suffix(filename))
    if not dest.exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_suffix(dest.suffix + ".part")
        shutil.copyfile(src, tmp)
        os.replace(tmp, dest)
        dest.chmod(0o444)
    return str(dest.relative_to(ws.root))


def apply_strict(a: Analysis) -> Analysis:
    """`--strict`: a file read with problems is rejected instead (its records are not stored)."""
    if a.status is not Status.NEEDS_ATTENTION:
        return a
    reason = f"--strict: {len(a.problems)} problem(s), first: {a.problems[0]}"
    return a.model_copy(update={"status": Status.REJECTED, "records": [], "reason": reason,
                                "problems": [*a.problems, Problem(code=ProblemCode.STRICT, message=reason,
                                                                  severity="error")]})


LOOKUP_FILES = 64
"""Files hashed and looked up in the store together (one query), before their documents are handed out."""


@dataclass(frozen=True)
class _Hashed:
    """A file found and hashed: its path, the name stored and shown, size, content hash, source path."""

    path: Path
    name: str
    shown: str
    size: int
    sha: str
    source: str | None


def _hash(path: Path, names: dict[Path, str] | None) -> _Hashed | FileOutcome:
    """Hash a file; an outcome instead when it cannot be read."""
    name = (names or {}).get(path) or display_name(path.name)
    shown = (names or {}).get(path) or display_name(str(path))
    if not path.is_file():
        return FileOutcome(path=shown, filename=name, status=Status.REJECTED, reason="no such file")
    try:
        size = path.stat().st_size
        sha = sha256_file(path)
    except OSError as exc:
        return FileOutcome(path=shown, filename=name, status=Status.REJECTED,
                           reason=f"cannot read the file ({display_name(exc.strerror or str(exc))})")
    # an upload has no source path; a name that is not UTF-8 is stored in its display form
    source = None if names and path in names else display_name(str(path.resolve()))
    return _Hashed(path, name, shown, size, sha, source)


def _chunks(items: Sequence[Path], size: int) -> Iterator[Sequence[Path]]:
    for k in range(0, len(items), size):
        yield items[k:k + size]


def _reverted(store: Store, known: DocumentInfo, source: str | None, actor: str) -> str:
    """A file at the same place whose content went back to an earlier stored version makes that version
    current again (the edit stays stored, superseded); elsewhere, same content is simply a duplicate."""
    if known.superseded_by and source is not None and known.source_path == source:
        replaced = store.reinstate(known.sha256, actor)  # reads the document afresh (`known` is a chunk old)
        if replaced:
            return f"same content as an earlier version: that version is current again (replaces {replaced[:12]})"
    return "same content already ingested"


def ingest_paths(ws: Workspace, store: Store, paths: Sequence[Path], actor: str = "cli", workers: int | None = None,
                 on_file: Callable[[FileOutcome], None] | None = None, strict: bool = False,
                 names: dict[Path, str] | None = None, keep_pool: bool = False,
                 warm_readers: bool = True) -> IngestSummary:
    """Ingest files and folders. Every document is read in a worker process within the budgets of
    `settings.ingest` (ingest/workers.py); `names` overrides the name shown for a path (an upload).
    `keep_pool`: a long-running process reading one document per call (a queued upload's task) keeps its
    reader processes between calls (ingest/reader_pool.py) instead of starting them for each document.
    `warm_readers`: readers fork with the parsers loaded (ingest/workers.py `DocumentPool`); off where other
    threads may be submitting or importing at the same time (an upload in a server; kept pools never warm)."""
    found = expand(list(paths))
    files = found.files
    summary = IngestSummary(skipped=found.skipped)
    llm = ws.settings.llm if ws.settings.llm.kind == "langchain" else None
    layouts = layouts_dir(ws.root)
    active_profiles(layouts)  # a broken layout profile is one clear error here, not one per file in the workers
    opts = LoadOptions(ocr_dpi=ws.settings.ingest.ocr_dpi, llm=llm, embeddings=ws.settings.embeddings.kind,
                       limits=ws.settings.ingest, layouts=str(layouts))
    limit = ws.settings.ingest.max_file_mb * 1024 * 1024
    n_workers = workers or ws.settings.ingest.workers or os.cpu_count() or 1
    n_workers = max(1, min(n_workers, len(files)))

    def emit(o: FileOutcome) -> None:
        summary.outcomes.append(o)
        if on_file:
            on_file(o)

    pending: list[tuple[str, DocumentInfo, Future]] = []
    pool = (kept_pool(n_workers, ws.settings.ingest) if keep_pool
            else DocumentPool(n_workers, ws.settings.ingest, warm_readers=warm_readers))
    finished = False
    try:
        seen: set[str] = set()
        for chunk in _chunks(files, LOOKUP_FILES):
            found = [_hash(path, names) for path in chunk]
            known = store.get_documents(f.sha for f in found if isinstance(f, _Hashed))
            for f in found:
                if isinstance(f, FileOutcome):
                    emit(f)
                    continue
                if f.sha in seen or f.sha in known:
                    emit(FileOutcome(path=f.shown, filename=f.name, sha256=f.sha, status=Status.DUPLICATE,
                                     reason="same content already ingested" if f.sha in seen else
                                     _reverted(store, known[f.sha], f.source, actor)))
                    continue
                seen.add(f.sha)
                stored = _store_original(ws, f.path, f.sha, f.name)
                info = DocumentInfo(sha256=f.sha, filename=f.name, size_bytes=f.size, status=Status.REJECTED,
                                    stored_path=stored, ingested_by=actor, source_path=f.source)
                if f.size > limit:
                    a = Analysis(status=Status.REJECTED, reason=f"{TooLarge.reason}: {f.size / 1048576:.1f} MB is "
                                 f"over the {ws.settings.ingest.max_file_mb:g} MB limit (settings: ingest.max_file_mb)")
                    pending.append((f.shown, info, _done(a)))
                    continue
                pending.append((f.shown, info, pool.submit(analyze, str(ws.root / stored), f.name, f.sha, opts)))
        batch = SaveBatch(store, actor, emit)  # stored a batch per transaction, each outcome once stored
        for shown, info, fut in pending:
            batch.wait(fut)
            a = pool.result(fut)
            batch.add(shown, info, apply_strict(a) if strict else a)
        batch.flush()
        finished = True
    finally:
        if not keep_pool:
            pool.close(wait=finished)
        elif not finished:  # interrupted: what this call queued is not wanted any more
            for _, _, fut in pending:
                fut.cancel()
    return summary


def _done(a: Analysis) -> Future:
    f: Future = Future()
    f.set_result(a)
    return f


def ingest_bytes(ws: Workspace, store: Store, filename: str, data: bytes, actor: str) -> FileOutcome:
    """An upload (e.g. from the review UI). The name is untrusted: only its last part is kept as a label
    and for the extension; the content is stored by hash inside the workspace."""
    safe = re.sub(r"[^\w.\- ]", "_", display_name(Path(filename.replace("\\", "/")).name)).strip(" .") or "upload"
    ws.cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=ws.cache_dir) as tmp:
        p = Path(tmp) / f"upload{_suffix(safe)}"  # the temp copy is not named after the upload (255-byte names)
        p.write_bytes(data)
        summary = ingest_paths(ws, store, [p], actor=actor, workers=1, names={p: safe}, warm_readers=False)
    out = summary.outcomes[0]
    return out.model_copy(update={"path": safe})


def read_date(text: str) -> dt.date | None:
    """A date as a person types it or a document prints it ("06/19/2026", "19.06.2026", "19 juin 2026"),
    read the way ingest reads dates (the day/month order decided from the text itself); None if no date.
    The review UI's date filters use it, so a date copied from a log finds its records."""
    from ingest.normalize import dayfirst_for, parse_date

    return parse_date(text, dayfirst_for(text))
