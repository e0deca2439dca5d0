"""Views that read a year of records, kept until something is written to the store.

The Dashboard and the Generate tab's checklist each read every record (seconds at a
year's scale: bench/ui_tabs.py), and people open those tabs far more often than the
data changes. Every store write (ingest, checks, decisions, corrections) appends to
the append-only audit log, so the newest audit entry's id is a cheap fingerprint of
the store; a view is recomputed only when it (or the view's own key) changed.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def store_fingerprint(store, settings) -> tuple:  # noqa: ANN001 - Store, Settings
    """Changes whenever anything is written to the store (the audit log is append-only)."""
    latest = store.audit_log(limit=1)
    return (latest[0].id if latest else 0, settings.operation.name)


class StoreCache(Generic[K, V]):
    """key -> value, kept until the store's fingerprint changes (then every stale entry is dropped)."""

    def __init__(self, compute: Callable[[K], V], fingerprint: Callable[[], tuple]) -> None:
        self._compute, self._fingerprint = compute, fingerprint
        self._cache: dict[tuple, V] = {}
        self._lock = threading.Lock()
        self.computed = 0  # how many times the slow path ran (what the cache is for)

    def get(self, key: K) -> V:
        full = (key, self._fingerprint())
        with self._lock:
            if full not in self._cache:
                self._cache = {k: v for k, v in self._cache.items() if k[1] == full[1]}
                self._cache[full] = self._compute(key)
                self.computed += 1
            return self._cache[full]
