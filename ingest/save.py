"""Storing what the readers read: finished documents written to the store in batches.

Writing each document alone (a look-up of the versions it might replace, then its own transaction) cost
about three transactions and a commit, with its fsync, per document: the main process spent more time in
the store than anywhere else, CPU the readers needed on a small machine. `SaveBatch` collects finished
documents and writes them with `Store.add_documents` (one transaction, records in one executemany) once
it holds `BATCH_DOCUMENTS`, once its oldest has waited `BATCH_SECONDS`, or sooner when the next document
is not read yet by then (the main process would only wait).

What a user relies on stays: each file's outcome is reported as soon as it is stored, in order, so
progress moves at least every `BATCH_SECONDS`; a run that dies loses at most the batch not yet written,
whose originals are kept and whose content is not stored, so the next run reads them again; stored
content is never written twice. New versions (ingest/versions.py) are decided when the batch is written,
against the store as it is then; a file never shares a batch with an earlier file of the same name (that
one is written first), so every earlier document it could replace is stored when it is decided.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from concurrent import futures
from dataclasses import dataclass

from auditpack.records import DocumentInfo, Status, parse_record, status_of
from auditpack.store import Store
from auditpack.store.document_writes import NewDocument
from ingest.models import FileOutcome
from ingest.pipeline import Analysis
from ingest.versions import decide as decide_version

BATCH_DOCUMENTS = 64
"""Documents per transaction: past a few dozen, a commit is a small share of writing a document."""
BATCH_SECONDS = 1.0
"""The longest a finished document waits to be stored (and its outcome to be reported)."""


@dataclass(frozen=True)
class Finished:
    """A document read by a worker, waiting in the batch: shown path, what is stored about it, the reading."""

    path: str
    info: DocumentInfo
    analysis: Analysis


def _replaceable(f: Finished) -> bool:
    """Whether the file could replace a stored version at all (ingest/versions.py: one read as nothing cannot)."""
    return bool(f.analysis.records) and f.analysis.status is not Status.REJECTED


def prepare(store: Store, f: Finished, names_stored: set[str]) -> tuple[NewDocument, FileOutcome]:
    """Decide the version and build what to write, and what to report once it is stored. `names_stored`: the
    file names current documents are stored under; only a file of such a name has candidates to read."""
    a = f.analysis
    records = [parse_record(r) for r in a.records]
    named = _replaceable(f) and f.info.filename in names_stored
    candidates = store.current_versions(f.info.filename, f.info.source_path) if named else []
    version = decide_version(f.info.source_path, a.kind, a.status, records, candidates)
    if version.problem is not None:
        a = a.model_copy(update={"problems": [*a.problems, version.problem],
                                 "status": status_of(len(records), [*a.problems, version.problem])})
    info = f.info.model_copy(update={
        "media_type": a.media_type, "pages": a.pages, "kind": a.kind, "kind_candidates": a.kind_candidates,
        "status": a.status, "previous_version": version.previous,
        "reason": a.reason, "problems": a.problems, "record_count": len(records)})
    outcome = FileOutcome(path=f.path, filename=info.filename, sha256=info.sha256, status=a.status, kind=a.kind,
                          records=len(records), pages=a.pages, reason=a.reason, problems=a.problems,
                          traceback=a.traceback)
    return NewDocument(info, records, a.text), outcome


class SaveBatch:
    """Finished documents of one ingest run, stored in order, a batch per transaction (module docstring)."""

    def __init__(self, store: Store, actor: str, emit: Callable[[FileOutcome], None],
                 size: int = BATCH_DOCUMENTS, seconds: float = BATCH_SECONDS) -> None:
        self.store, self.actor, self.emit = store, actor, emit
        self.size, self.seconds = max(1, size), seconds
        self._items: list[Finished] = []
        self._since: float | None = None

    def add(self, path: str, info: DocumentInfo, a: Analysis) -> None:
        if any(f.info.filename == info.filename for f in self._items):
            self.flush()  # its version is decided against the store: the earlier file of its name goes first
        self._items.append(Finished(path, info, a))
        if self._since is None:
            self._since = time.monotonic()
        if len(self._items) >= self.size or self.seconds_left() == 0.0:
            self.flush()

    def seconds_left(self) -> float | None:
        """Until the batch is due (0 when it is); None when empty."""
        if self._since is None:
            return None
        return max(0.0, self._since + self.seconds - time.monotonic())

    def wait(self, future: futures.Future) -> None:
        """Wait for the next document, storing the batch if it is due before that document is read."""
        left = self.seconds_left()
        if left is None or future.done():
            return
        futures.wait([future], timeout=left)
        if not future.done():
            self.flush()

    def flush(self) -> None:
        """Store the batch (one transaction) and report each file's outcome."""
        items, self._items, self._since = self._items, [], None
        if not items:
            return
        names = self.store.current_filenames(f.info.filename for f in items if _replaceable(f))
        prepared = [prepare(self.store, f, names) for f in items]
        stored = self.store.add_documents([new for new, _ in prepared], self.actor)
        for (_, outcome), ok in zip(prepared, stored):
            # not stored: another ingest stored the same content meanwhile
            self.emit(outcome if ok else FileOutcome(path=outcome.path, filename=outcome.filename,
                                                     sha256=outcome.sha256, status=Status.DUPLICATE))
