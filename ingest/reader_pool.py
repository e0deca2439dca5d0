"""One reader pool kept for the life of a long-running process (a Celery worker, the web server's queue).

A queued upload reads its documents one task at a time. Starting a fresh `DocumentPool` per task forks a
reader that has imported nothing and warmed no cache (PDF readers, declarations, compiled label patterns,
the layout profiles), so each document paid about a second of start-up before its own work: the Celery path
read 0.9 documents/s where a batch read 5 on the same machine. A kept pool pays that once per reader
process. Budgets are unchanged: the pool is the same `DocumentPool` (memory cap per reader, time limit per
document, a dead reader replaced by pebble).
"""
from __future__ import annotations

import atexit
import threading

from auditpack.settings import IngestSettings
from ingest.workers import DocumentPool

_pools: dict[tuple[int, str], DocumentPool] = {}
_lock = threading.Lock()


def kept_pool(workers: int, limits: IngestSettings) -> DocumentPool:
    """The process's pool for these budgets, started on first use (and again if it was stopped)."""
    key = (workers, limits.model_dump_json())
    with _lock:
        pool = _pools.get(key)
        if pool is None or not pool.active:
            pool = _pools[key] = DocumentPool(workers, limits, warm_readers=False)  # threads submit here
            atexit.register(pool.close, False)
        return pool


def close_kept() -> None:
    """Stop every kept pool (a test that patched a reader must not leave a reader forked with its patch)."""
    with _lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.close(wait=False)
