"""Where queued work runs: in this process (the embedded default) or on Celery workers.

The embedded queue needs nothing installed: the server process runs the tasks
of app/tasks.py on a few threads, exactly as a worker would. With
`[queue] kind = "celery"` (or env AUDITPACK_BROKER_URL) tasks go to the broker
and `auditpack worker` processes, on this machine or others, run them; Celery
is imported only then. Either way a job's progress is read from the store.
"""
from __future__ import annotations

import os
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Protocol

from auditpack.errors import ConfigError
from auditpack.settings import Settings
from auditpack.workspace import DEFAULT_OPERATION

if TYPE_CHECKING:
    from app.services import Services
    from auditpack.store import Job


class TaskQueue(Protocol):
    """Accepts a task by name for one job item; never runs it in the caller's thread."""

    kind: str

    def submit(self, name: str, job_id: str, position: int) -> None: ...

    def close(self, wait: bool = True) -> None: ...


EMBEDDED = "in-process:"  # an embedded worker's name: this prefix, the server's process id and a start token
# a container restarted with the same process id is still another process: the token tells them apart
_START = uuid.uuid4().hex[:8]


def this_worker() -> str:
    return f"{EMBEDDED}{os.getpid()}:{_START}"


def worker_gone(worker: str | None) -> bool:
    """True when `worker` is an embedded worker whose process no longer runs (killed with its server).

    Only an embedded worker can be judged from here: a Celery worker's death is the broker's to notice
    (it hands the unacknowledged task to another worker, app/celery_app.py)."""
    if not worker or not worker.startswith(EMBEDDED):
        return False
    pid_text, _, start = worker[len(EMBEDDED):].partition(":")
    try:
        pid = int(pid_text)
    except ValueError:
        return False
    if pid == os.getpid():
        return start != _START
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


class EmbeddedQueue:
    """The same task functions on a thread pool of this process: no broker, nothing to start.

    Its queue is memory, so a server killed mid-job loses the queued tasks; the jobs and their items are in
    the store, though, and `resume()` (called by `make_queue` when a server starts) queues again every item
    an embedded worker that is gone left unfinished. The tasks are idempotent by content hash, so an item
    whose document was stored just before the kill stores nothing twice."""

    kind = "embedded"

    def __init__(self, services: Services, threads: int | None = None) -> None:
        self.services = services
        n = threads or services.settings.ingest.workers or os.cpu_count() or 1
        self._pool = ThreadPoolExecutor(max_workers=max(1, n), thread_name_prefix="auditpack-task")
        self._pending: set[tuple[str, int]] = set()  # queued or running here: a resume leaves them alone
        self._lock = threading.Lock()

    def submit(self, name: str, job_id: str, position: int) -> None:
        with self._lock:
            self._pending.add((job_id, position))
        self._pool.submit(self._run, name, job_id, position)

    def _run(self, name: str, job_id: str, position: int) -> None:
        from app.tasks import run_task

        try:
            run_task(self.services, name, job_id, position, this_worker(), self.submit)
        finally:
            with self._lock:
                self._pending.discard((job_id, position))

    def resume(self, job_id: str | None = None) -> list[str]:
        """Queue again the unfinished items of jobs no live embedded worker holds; the ids of the jobs resumed.

        A job one of whose items a live process (another server on this workspace) is running is left to
        that process. An upload that finished but whose check run was lost with the server gets it now."""
        from app.tasks import TASK_FOR_KIND, ensure_followup

        store = self.services.store
        jobs = [store.get_job(job_id)] if job_id else store.list_jobs(limit=10_000, unfinished=True)
        resumed = []
        for job in jobs:
            if _held_elsewhere(job):
                continue
            with self._lock:
                left = [i for i in job.items if i.state != "done" and (job.id, i.position) not in self._pending]
            for item in left:
                self.submit(TASK_FOR_KIND[job.kind], job.id, item.position)
            if left:
                resumed.append(job.id)
        for job in (jobs if job_id else store.list_jobs(limit=50)):
            if ensure_followup(self.services, job, self.submit):
                resumed.append(job.id)
        return resumed

    def close(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=not wait)


class CeleryQueue:
    """Tasks sent to the broker by name; whichever `auditpack worker` is free takes the next one."""

    kind = "celery"

    def __init__(self, settings: Settings, operation: str = DEFAULT_OPERATION) -> None:
        from app.celery_app import QUEUE, make_celery

        self.celery = make_celery(settings)
        self._queue = QUEUE
        self.operation = operation  # every message names it: a worker serves all operations of the server

    def submit(self, name: str, job_id: str, position: int) -> None:
        self.celery.send_task(name, args=[job_id, position, self.operation], queue=self._queue)

    def close(self, wait: bool = True) -> None:
        self.celery.close()


def require_shared_store(settings: Settings) -> None:
    """Workers on several machines share one database: PostgreSQL, never the workspace's SQLite file."""
    if settings.queue.kind == "celery" and settings.database.kind == "sqlite":
        raise ConfigError("queue.kind = \"celery\" spreads work over processes and machines, which must share one "
                          "database: set AUDITPACK_DATABASE_URL=postgresql+psycopg://... (SQLite is the embedded, "
                          "one-machine store)")


def _held_elsewhere(job: Job) -> bool:
    """An item of `job` is running in another live embedded process (so the job is not lost)."""
    return any(i.state == "running" and (i.worker or "").startswith(EMBEDDED) and i.worker != this_worker()
               and not worker_gone(i.worker) for i in job.items)


def make_queue(services: Services) -> TaskQueue:
    """The queue the settings ask for (embedded unless queue.kind is celery), once per services: the API
    and the review UI of one server share it. An embedded queue starts by resuming what a killed server left."""
    if services.task_queue_attached() is not None:
        return services.task_queue_attached()
    settings = services.settings
    queue: TaskQueue
    if settings.queue.kind == "celery":
        require_shared_store(settings)
        queue = CeleryQueue(settings, services.workspace.operation)
    else:
        embedded = EmbeddedQueue(services)
        embedded.resume()
        queue = embedded
    services.attach_task_queue(queue)
    return queue
