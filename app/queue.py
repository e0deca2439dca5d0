"""Where queued work runs: in this process (the embedded default) or on Celery workers.

The embedded queue needs nothing installed: the server process runs the tasks
of app/tasks.py on a few threads, exactly as a worker would. With
`[queue] kind = "celery"` (or env AUDITPACK_BROKER_URL) tasks go to the broker
and `auditpack worker` processes, on this machine or others, run them; Celery
is imported only then. Either way a job's progress is read from the store.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Protocol

from auditpack.errors import ConfigError
from auditpack.settings import Settings

if TYPE_CHECKING:
    from app.services import Services


class TaskQueue(Protocol):
    """Accepts a task by name for one job item; never runs it in the caller's thread."""

    kind: str

    def submit(self, name: str, job_id: str, position: int) -> None: ...

    def close(self, wait: bool = True) -> None: ...


class EmbeddedQueue:
    """The same task functions on a thread pool of this process: no broker, nothing to start."""

    kind = "embedded"

    def __init__(self, services: Services, threads: int | None = None) -> None:
        self.services = services
        n = threads or services.settings.ingest.workers or os.cpu_count() or 1
        self._pool = ThreadPoolExecutor(max_workers=max(1, n), thread_name_prefix="auditpack-task")

    def submit(self, name: str, job_id: str, position: int) -> None:
        from app.tasks import run_task

        self._pool.submit(run_task, self.services, name, job_id, position, f"in-process:{os.getpid()}", self.submit)

    def close(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=not wait)


class CeleryQueue:
    """Tasks sent to the broker by name; whichever `auditpack worker` is free takes the next one."""

    kind = "celery"

    def __init__(self, settings: Settings) -> None:
        from app.celery_app import QUEUE, make_celery

        self.celery = make_celery(settings)
        self._queue = QUEUE

    def submit(self, name: str, job_id: str, position: int) -> None:
        self.celery.send_task(name, args=[job_id, position], queue=self._queue)

    def close(self, wait: bool = True) -> None:
        self.celery.close()


def require_shared_store(settings: Settings) -> None:
    """Workers on several machines share one database: PostgreSQL, never the workspace's SQLite file."""
    if settings.queue.kind == "celery" and settings.database.kind == "sqlite":
        raise ConfigError("queue.kind = \"celery\" spreads work over processes and machines, which must share one "
                          "database: set AUDITPACK_DATABASE_URL=postgresql+psycopg://... (SQLite is the embedded, "
                          "one-machine store)")


def make_queue(services: Services) -> TaskQueue:
    """The queue the settings ask for (embedded unless queue.kind is celery)."""
    settings = services.settings
    if settings.queue.kind == "celery":
        require_shared_store(settings)
        return CeleryQueue(settings)
    return EmbeddedQueue(services)
