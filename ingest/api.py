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

from auditpack.records import DocumentInfo, Problem, ProblemCode, Status, parse_record
from auditpack.store import Store
from auditpack.workspace import Workspace
from ingest.errors import TooLarge
from ingest.loaders import LoadOptions
from ingest.models import FileOutcome, IngestSummary
from ingest.pipeline import Analysis, analyze, sha256_file

__all__ = ["FileOutcome", "IngestSummary", "apply_strict", "expand_paths", "ingest_bytes", "ingest_paths"]


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


def apply_strict(a: Analysis) -> Analysis:
    """`--strict`: a file read with problems is rejected instead (its records are not stored)."""
    if a.status is not Status.NEEDS_ATTENTION:
        return a
    reason = f"--strict: {len(a.problems)} problem(s), first: {a.problems[0]}"
    return a.model_copy(update={"status": Status.REJECTED, "records": [], "reason": reason,
                                "problems": [*a.problems, Problem(code=ProblemCode.STRICT, message=reason,
                                                                  severity="error")]})


def _save(store: Store, path: str, info: DocumentInfo, a: Analysis, actor: str) -> FileOutcome:
    """Store the document and its records in one transaction; the outcome says what happened."""
    records = [parse_record(r) for r in a.records]
    info = info.model_copy(update={
        "media_type": a.media_type, "pages": a.pages, "kind": a.kind, "kind_candidates": a.kind_candidates,
        "status": a.status,
        "reason": a.reason, "problems": a.problems, "record_count": len(records)})
    if not store.add_document(info, records, actor):  # another ingest stored the same content meanwhile
        return FileOutcome(path=path, filename=info.filename, sha256=info.sha256, status=Status.DUPLICATE)
    return FileOutcome(path=path, filename=info.filename, sha256=info.sha256, status=a.status, kind=a.kind,
                       records=len(records), pages=a.pages, reason=a.reason, problems=a.problems,
                       traceback=a.traceback)


def ingest_paths(ws: Workspace, store: Store, paths: Sequence[Path], actor: str = "cli", workers: int | None = None,
                 on_file: Callable[[FileOutcome], None] | None = None, strict: bool = False) -> IngestSummary:
    files = list(expand_paths(paths))
    summary = IngestSummary()
    llm = ws.settings.llm if ws.settings.llm.kind == "langchain" else None
    opts = LoadOptions(ocr_dpi=ws.settings.ingest.ocr_dpi, llm=llm, embeddings=ws.settings.embeddings.kind)
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
                emit(FileOutcome(path=str(path), filename=name, status=Status.REJECTED, reason="no such file"))
                continue
            try:
                size = path.stat().st_size
                sha = sha256_file(path)
            except OSError as exc:
                emit(FileOutcome(path=str(path), filename=name, status=Status.REJECTED,
                                 reason=f"cannot read the file ({exc.strerror or exc})"))
                continue
            if sha in seen or store.get_document(sha) is not None:
                emit(FileOutcome(path=str(path), filename=name, sha256=sha, status=Status.DUPLICATE,
                                 reason="same content already ingested"))
                continue
            seen.add(sha)
            stored = _store_original(ws, path, sha, name)
            info = DocumentInfo(sha256=sha, filename=name, size_bytes=size, status=Status.REJECTED,
                                stored_path=stored, ingested_by=actor)
            if size > limit:
                a = Analysis(status=Status.REJECTED, reason=f"{TooLarge.reason}: {size / 1048576:.1f} MB is over the "
                             f"{ws.settings.ingest.max_file_mb:g} MB limit (settings: ingest.max_file_mb)")
                pending.append((path, info, _done(a)))
                continue
            args = (str(ws.root / stored), name, sha, opts)
            pending.append((path, info, pool.submit(analyze, *args) if pool else None))
        for path, info, fut in pending:
            a = fut.result() if fut is not None else analyze(str(ws.root / info.stored_path), info.filename,
                                                             info.sha256, opts)
            emit(_save(store, str(path), info, apply_strict(a) if strict else a, actor))
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    return summary


def _done(a: Analysis) -> Future:
    f: Future = Future()
    f.set_result(a)
    return f


def ingest_bytes(ws: Workspace, store: Store, filename: str, data: bytes, actor: str) -> FileOutcome:
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
