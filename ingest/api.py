"""The ingest service: files in, records in the store (used by the CLI, the demo and the UI).

Main process: expand paths, hash, keep the original (by content hash, never
modified), skip duplicates, then hand the stored copy to a worker pool for
load + classify + parse, and write each result to the store in one
transaction as it comes back. One bad file never stops the batch.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from auditpack.records import DocumentInfo, DocumentStatus, parse_record
from auditpack.workspace import Workspace
from ingest.errors import TooLarge
from ingest.loaders import LoadOptions
from ingest.models import FileOutcome, IngestSummary
from ingest.pipeline import Analysis, analyze, sha256_file

__all__ = ["FileOutcome", "IngestSummary", "expand_paths", "ingest_bytes", "ingest_paths"]

TRACEBACKS: dict[str, str] = {}  # path -> traceback of an internal error (shown under --verbose)


def expand_paths(paths: Sequence[Path]) -> Iterator[Path]:
    """Files as given, folders recursively (sorted; hidden files skipped)."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f
        else:
            yield p


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


def _save(store, info: DocumentInfo, analysis: Analysis, actor: str, strict: bool) -> FileOutcome | None:
    records = [parse_record(r) for r in analysis.records]
    status = DocumentStatus(analysis.status)
    reason = analysis.reason
    if strict and analysis.problems and status is DocumentStatus.INGESTED:
        status, records = DocumentStatus.REJECTED, []
        reason = f"--strict: {len(analysis.problems)} problem(s), first: {analysis.problems[0]}"
    info = info.model_copy(update={
        "media_type": analysis.media_type, "pages": analysis.pages, "kind": analysis.kind, "status": status,
        "reason": reason, "problems": analysis.problems, "record_count": len(records)})
    added = store.add_document(info, records, actor)
    return None if added else FileOutcome(path="", filename=info.filename, sha256=info.sha256, status="duplicate")


def _outcome(path: str, info: DocumentInfo, a: Analysis, strict: bool) -> FileOutcome:
    status = a.status
    reason = a.reason
    records = len(a.records)
    if strict and a.problems and status == "ingested":
        status, records = "rejected", 0
        reason = f"--strict: {len(a.problems)} problem(s), first: {a.problems[0]}"
    return FileOutcome(path=path, filename=info.filename, sha256=info.sha256, status=status, kind=a.kind,
                       records=records, pages=a.pages, reason=reason, problems=a.problems)


def ingest_paths(ws: Workspace, store, paths: Sequence[Path], actor: str = "cli", workers: int | None = None,
                 on_file: Callable[[FileOutcome], None] | None = None, strict: bool = False) -> IngestSummary:
    files = list(expand_paths(paths))
    summary = IngestSummary()
    llm = ws.settings.llm if ws.settings.llm.kind == "langchain" else None
    opts = LoadOptions(ocr_dpi=ws.settings.ingest.ocr_dpi, llm=llm)
    limit = ws.settings.ingest.max_file_mb * 1024 * 1024
    n_workers = workers or ws.settings.ingest.workers or os.cpu_count() or 1
    n_workers = max(1, min(n_workers, len(files)))

    def emit(o: FileOutcome) -> None:
        summary.outcomes.append(o)
        if on_file:
            on_file(o)

    pending: list[tuple[Path, DocumentInfo, Future | None]] = []
    pool = ProcessPoolExecutor(max_workers=n_workers) if n_workers > 1 else None
    try:
        seen: set[str] = set()
        for path in files:
            name = path.name
            if not path.is_file():
                emit(FileOutcome(path=str(path), filename=name, status="rejected", reason="no such file"))
                continue
            try:
                size = path.stat().st_size
                sha = sha256_file(path)
            except OSError as exc:
                emit(FileOutcome(path=str(path), filename=name, status="rejected",
                                 reason=f"cannot read the file ({exc.strerror or exc})"))
                continue
            if sha in seen or store.get_document(sha) is not None:
                emit(FileOutcome(path=str(path), filename=name, sha256=sha, status="duplicate",
                                 reason="same content already ingested"))
                continue
            seen.add(sha)
            stored = _store_original(ws, path, sha, name)
            info = DocumentInfo(sha256=sha, filename=name, size_bytes=size, status=DocumentStatus.REJECTED,
                                stored_path=stored, ingested_by=actor)
            if size > limit:
                a = Analysis(status="rejected", reason=f"{TooLarge.reason}: {size / 1048576:.1f} MB is over the "
                             f"{ws.settings.ingest.max_file_mb:g} MB limit (settings: ingest.max_file_mb)")
                pending.append((path, info, _done(a)))
                continue
            args = (str(ws.root / stored), name, sha, opts)
            pending.append((path, info, pool.submit(analyze, *args) if pool else None))
        for path, info, fut in pending:
            a = fut.result() if fut is not None else analyze(str(ws.root / info.stored_path), info.filename,
                                                             info.sha256, opts)
            if a.traceback:
                TRACEBACKS[str(path)] = a.traceback
            dup = _save(store, info, a, actor, strict)
            emit(dup.model_copy(update={"path": str(path)}) if dup else _outcome(str(path), info, a, strict))
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    return summary


def _done(a: Analysis) -> Future:
    f: Future = Future()
    f.set_result(a)
    return f


def ingest_bytes(ws: Workspace, store, filename: str, data: bytes, actor: str) -> FileOutcome:
    """An upload (e.g. from the review UI). The name is untrusted: only its last part is kept as a label
    and for the extension; the content is stored by hash inside the workspace."""
    safe = re.sub(r"[^\w.\- ]", "_", Path(filename.replace("\\", "/")).name).strip(" .") or "upload"
    ws.cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=ws.cache_dir) as tmp:
        p = Path(tmp) / safe
        p.write_bytes(data)
        summary = ingest_paths(ws, store, [p], actor=actor, workers=1)
    out = summary.outcomes[0]
    return out.model_copy(update={"path": safe})
