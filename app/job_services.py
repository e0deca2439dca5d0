"""Queued work as services: upload files as a job, read a job's progress, list recent jobs, resume one.

Mixed into `app.services.Services`, so the review UI (through review_ui/ports.py)
and the REST API read progress the same way: `auditpack.store.job_progress`
computed from the store, with `app.queue.worker_gone` saying which embedded
worker died with its server. The queue is one per services: the server's
(`make_queue` attaches it), or made on first use by a UI launched alone.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditpack.store import Job, JobItemSpec, Store
from auditpack.store.job_progress import JobProgress, Refused, UploadJob, progress_of
from auditpack.workspace import Workspace

if TYPE_CHECKING:
    from app.queue import TaskQueue

QUEUE_KEY = "task_queue"


class JobServices:
    """Provided by Services: `workspace`, `store`, `settings` and the `_cache` dict."""

    workspace: Workspace
    store: Store
    _cache: dict[str, Any]

    # --- the queue of this services object ---
    def task_queue_attached(self) -> TaskQueue | None:
        return self._cache.get(QUEUE_KEY)

    def attach_task_queue(self, queue: TaskQueue) -> None:
        self._cache[QUEUE_KEY] = queue

    def task_queue(self) -> TaskQueue:
        """The attached queue, or the one the settings ask for (made, resumed and attached now)."""
        from app.queue import make_queue

        return self.task_queue_attached() or make_queue(self)  # type: ignore[arg-type]

    # --- progress ---
    def job(self, job_id: str, items: bool = True) -> JobProgress:
        """One job's progress, with each item unless `items` is False (StoreError if there is no such job)."""
        from app.queue import worker_gone

        return progress_of(self.store.get_job(job_id), worker_gone, items=items)

    def jobs(self, limit: int = 10) -> list[JobProgress]:
        """The newest jobs first: who asked for what, when, and how far it got."""
        from app.queue import worker_gone

        return [progress_of(j, worker_gone) for j in self.store.list_jobs(limit=limit)]

    # --- starting and resuming work ---
    def submit_upload(self, files: list[tuple[str, Path]], actor: str) -> UploadJob:
        """Keep each file as an original and queue one ingest task per file; the checks follow by themselves.

        The caller has checked the actor may upload. A file over the upload limit is refused (logged), the
        rest are queued."""
        from app.api.uploads import store_upload
        from review_ui.actions import safe_filename

        mb = self.workspace.settings.ui.max_upload_mb
        limit = int(mb * 1024 * 1024)
        items: list[JobItemSpec] = []
        refused: list[Refused] = []
        for name, path in files:
            label = safe_filename(name)
            size = path.stat().st_size
            if size > limit:
                reason = f"larger than the {mb:g} MB upload limit (ui.max_upload_mb)"
                self.store.log(actor, "upload.refused", "upload", label, after={"size": size, "reason": reason})
                refused.append(Refused(filename=label, reason=reason))
                continue
            items.append(store_upload(self.workspace, label, path.read_bytes()))
        if not items:
            return UploadJob(refused=refused)
        return UploadJob(job=self.job(self.queue_ingest(items, actor, "ui").id), refused=refused)

    def queue_ingest(self, items: list[JobItemSpec], actor: str, via: str, queue: TaskQueue | None = None) -> Job:
        """One ingest job for originals already stored (app/api/uploads.py), one task per document, on `queue`
        (the API's) or this services' own. The Upload tab and POST /documents both come here."""
        from app.tasks import INGEST, new_job_id

        queue = queue or self.task_queue()
        job = self.store.create_job(new_job_id(), "ingest", actor, items, {"via": via})
        for i in range(len(items)):
            queue.submit(INGEST, job.id, i)
        return job

    def resume_job(self, job_id: str, actor: str, queue: TaskQueue | None = None) -> JobProgress:
        """Queue again a job's unfinished items (idempotent: a stored document is not read twice), on `queue`
        (the API's) or this services' own."""
        from app.queue import EmbeddedQueue

        queue = queue or self.task_queue()
        job = self.store.get_job(job_id)
        if isinstance(queue, EmbeddedQueue):
            queue.resume(job_id)
        else:  # a broker redelivers what a dead worker held; this queues what it never had
            from app.tasks import TASK_FOR_KIND

            for item in job.items:
                if item.state != "done":
                    queue.submit(TASK_FOR_KIND[job.kind], job_id, item.position)
        self.store.log(actor, "job.resume", "job", job_id, after={"left": job.total - job.done})
        return self.job(job_id)
