"""The Celery side of the queue: the app, its settings, and the worker `auditpack worker` starts.

Imported only when `queue.kind` is celery. The tasks are the plain functions
of app/tasks.py, registered by name. Settings that make a killed worker lose
nothing and duplicate nothing:

* `acks_late` + `task_reject_on_worker_lost`: a task is acknowledged after it
  ran, so a worker that dies mid-document leaves it unacknowledged;
* prefetch 1 and one task at a time per worker (the solo pool; run one worker
  per core): a dying worker holds at most one message;
* Redis gives an unacknowledged message to another worker after
  `queue.visibility_timeout_s`; the tasks are idempotent by content hash, so
  the second run of a document the first run already stored writes nothing.

No result backend: progress and outcomes are in the store (auditpack/store/jobs.py).
"""
from __future__ import annotations

import socket
import threading
from typing import TYPE_CHECKING, Callable

from celery import Celery

from auditpack.errors import ConfigError
from auditpack.settings import Settings
from auditpack.workspace import DEFAULT_OPERATION

if TYPE_CHECKING:
    from app.services import Services

QUEUE = "auditpack"


def make_celery(settings: Settings) -> Celery:
    q = settings.queue
    if not q.broker_url:
        raise ConfigError("queue.kind = \"celery\" needs a broker: set [queue] broker_url or env "
                          "AUDITPACK_BROKER_URL, e.g. redis://127.0.0.1:6379/0")
    app = Celery("auditpack", broker=q.broker_url, set_as_current=False)
    vt = q.visibility_timeout_s
    app.conf.update(
        task_acks_late=True, task_reject_on_worker_lost=True, worker_prefetch_multiplier=1,
        task_ignore_result=True, task_default_queue=QUEUE, task_serializer="json", accept_content=["json"],
        broker_connection_retry_on_startup=True, worker_hijack_root_logger=False,
        # how often a worker looks for messages a dead worker left unacknowledged: a quarter of the timeout
        broker_transport_options={"visibility_timeout": vt, "unacked_restore_interval": max(1.0, min(10.0, vt / 4)),
                                  "unacked_restore_throttle": 1},
    )
    return app


def register_tasks(app: Celery, services_for: Callable[[str], Services]) -> None:
    """Bind every task of app/tasks.py to the services of the operation each message names (messages sent
    before operations existed carry none: the default); follow-ups go back to the broker with the same one."""
    from app.tasks import TASKS, run_task

    for task_name in TASKS:
        def run(self, job_id: str, position: int, operation: str = DEFAULT_OPERATION,  # type: ignore[no-untyped-def]
                _name: str = task_name) -> None:
            def submit(name: str, job: str, pos: int) -> None:
                app.send_task(name, args=[job, pos, operation], queue=QUEUE)

            run_task(services_for(operation), _name, job_id, position,
                     self.request.hostname or socket.gethostname(), submit)

        app.task(name=task_name, bind=True, acks_late=True, reject_on_worker_lost=True)(run)


def operation_services(base: Services) -> Callable[[str], Services]:
    """The services of each operation a worker is sent work for, opened on first use and kept (one worker
    serves every operation of the server; each operation's store still sees only its own scope)."""
    from app.operations import operation_workspace
    from app.services import Services as ServicesImpl
    from auditpack.store import OperationRegistry, open_store

    registry = OperationRegistry.of(base.store)
    opened: dict[str, Services] = {DEFAULT_OPERATION: base}
    lock = threading.Lock()

    def services_for(slug: str) -> Services:
        with lock:
            if slug not in opened:
                ws = operation_workspace(base.workspace, registry, slug)  # unknown slug: OperationNotFound
                opened[slug] = ServicesImpl(ws, open_store(ws), overrides=dict(base.overrides))
            return opened[slug]

    return services_for


def run_worker(services: Services, hostname: str | None = None, loglevel: str = "INFO") -> int:
    """Start one worker (one task at a time) and block until it stops; returns its exit code."""
    app = make_celery(services.settings)
    register_tasks(app, operation_services(services))
    worker = app.Worker(pool="solo", concurrency=1, hostname=hostname or f"auditpack@{socket.gethostname()}",
                        loglevel=loglevel, queues=[QUEUE], without_mingle=True, without_gossip=True)
    worker.start()
    return int(worker.exitcode or 0)
