"""Many operations, one server: the services of each operation, opened on first use and kept open.

The server's workspace is the default operation and holds the accounts (users,
tokens, sessions, memberships: auditpack/store/operations.py). Every other
operation gets its own `Services` over its own workspace (`operations/<slug>/`)
and store scope (its SQLite file or PostgreSQL schema), and its own embedded task
queue (shared by its API routes and its review UI), so a handler or task working
for one operation holds no handle on another's rows or files. Who may open which
operation is decided by the registry's `role`.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditpack.errors import StoreError
from auditpack.store import MemberDirectory, Operation, OperationRegistry, Store
from auditpack.workspace import DEFAULT_OPERATION, Workspace

if TYPE_CHECKING:
    from app.queue import TaskQueue
    from app.services import Services


class OperationNotFound(StoreError):
    """An operation that does not exist, or that the user is no member of: the same answer for both, so
    nobody learns which slugs exist by guessing."""


def operation_workspace(root: Workspace, registry: OperationRegistry, slug: str | None) -> Workspace:
    """The workspace of operation `slug` (None or "default": `root` itself); OperationNotFound otherwise."""
    if not slug or slug == DEFAULT_OPERATION:
        return root
    op = registry.get(slug)
    if op is None:
        raise OperationNotFound(f"no operation {slug!r}; see `auditpack operation list`")
    ws = root.for_operation(op.slug, op.name, op.certifier)
    ws.make_folders()
    return ws


@dataclass
class OperationScope:
    """What a request works with once its operation is resolved and the user's membership checked."""

    slug: str
    services: Services
    queue: TaskQueue


class OperationHub:
    """The default operation's services (given) and every other operation's (opened lazily, then cached)."""

    def __init__(self, services: Services, queue: TaskQueue) -> None:
        self.default = OperationScope(DEFAULT_OPERATION, services, queue)
        self.accounts: Store = services.store
        self.registry = OperationRegistry.of(services.store)
        self._open: dict[str, OperationScope] = {}
        self._lock = threading.Lock()

    def scope(self, slug: str) -> OperationScope:
        if slug == DEFAULT_OPERATION:
            return self.default
        with self._lock:
            if slug not in self._open:
                self._open[slug] = self._start(slug)
            return self._open[slug]

    def _start(self, slug: str) -> OperationScope:
        from app.queue import make_queue
        from app.services import Services
        from auditpack.store import open_store

        base = self.default.services
        ws = operation_workspace(base.workspace, self.registry, slug)
        services = Services(ws, open_store(ws), overrides=dict(base.overrides))
        return OperationScope(slug, services, make_queue(services))  # resumes what a killed server left

    def operations(self) -> list[Operation]:
        """Every operation, the default first (its name from the workspace settings)."""
        ws = self.default.services.workspace
        default = Operation(slug=DEFAULT_OPERATION, name=ws.settings.operation.name or ws.root.name,
                            certifier=ws.settings.operation.certifier)
        return [default, *self.registry.list()]

    def role(self, slug: str, user: str | None) -> str | None:
        return self.registry.role(slug, user)

    def directory(self, slug: str) -> MemberDirectory:
        return MemberDirectory(self.registry, self.accounts, slug)

    def close(self) -> None:
        """Close every opened operation's queue and store (the default's belong to whoever made them)."""
        with self._lock:
            scopes, self._open = list(self._open.values()), {}
        for scope in scopes:
            scope.queue.close(wait=False)
            scope.services.store.close()
