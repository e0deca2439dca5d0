"""Queued work and its progress: a job (who asked for what) and its items (one task each).

The state lives in the store, not in a Celery result backend, so every server
process and every worker machine sees the same progress, and a job stays
readable after the broker restarts. A task marks its item started (counting
attempts: a second attempt means a worker died holding it) and finished; the
finisher of the last item creates the job's follow-up (the check after an
upload) in the same transaction, under the job row's lock, so the follow-up
exists once however many workers finish at the same moment, and whoever reads
the job done reads its follow-up too. `claim_job_followup` (a compare-and-set)
is for a job finished without one (its server died in between: app/queue.py).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select, update

from auditpack.errors import StoreError
from auditpack.store.base import StoreBase, bounded, now
from auditpack.store.schema import JobItemRow, JobRow

JobKind = Literal["ingest", "check", "package"]
ItemState = Literal["queued", "running", "done"]


class JobItemSpec(BaseModel):
    """What a task needs to find its input: for an ingest item, the stored original."""

    model_config = ConfigDict(extra="forbid")
    filename: str | None = None
    sha256: str | None = None
    stored_path: str | None = None


class JobItem(JobItemSpec):
    position: int
    state: ItemState = "queued"
    attempts: int = 0
    worker: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    outcome: dict[str, Any] | None = None


class FollowUp(BaseModel):
    """A one-item job to create when a job's last item finishes (the check run after an upload)."""

    model_config = ConfigDict(extra="forbid")
    id: str
    kind: JobKind
    when_any: tuple[str, ...] = Field(description="created only if some item's outcome status is one of these")


class Job(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    kind: JobKind
    created_by: str
    created_at: datetime
    total: int
    params: dict[str, Any] = Field(default_factory=dict)
    followup_job: str | None = None
    items: list[JobItem] = Field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.state == "done")


def _item(row: JobItemRow) -> JobItem:
    return JobItem(position=row.position, filename=row.filename, sha256=row.sha256, stored_path=row.stored_path,
                   state=row.state, attempts=row.attempts, worker=row.worker, started_at=row.started_at,
                   finished_at=row.finished_at, outcome=row.outcome)


class JobsMixin(StoreBase):
    def create_job(self, job_id: str, kind: JobKind, actor: str, items: list[JobItemSpec],
                   params: dict[str, Any] | None = None) -> Job:
        at = now()
        with self.transaction() as s:
            s.add(JobRow(id=job_id, kind=kind, created_by=bounded(actor, 128), created_at=at, total=len(items),
                         params=params or {}))
            s.flush()
            for i, spec in enumerate(items):
                s.add(JobItemRow(job_id=job_id, position=i, filename=spec.filename, sha256=spec.sha256,
                                 stored_path=spec.stored_path, state="queued", attempts=0))
            self._audit(s, actor, f"job.{kind}", "job", job_id, None, {"items": len(items), **(params or {})})
        return self.get_job(job_id)

    def get_job(self, job_id: str) -> Job:
        with self.transaction() as s:
            row = s.get(JobRow, job_id)
            if row is None:
                raise StoreError(f"no job with id {job_id!r}")
            items = s.scalars(select(JobItemRow).where(JobItemRow.job_id == job_id).order_by(JobItemRow.position))
            return Job(id=row.id, kind=row.kind, created_by=row.created_by, created_at=row.created_at,
                       total=row.total, params=row.params or {}, followup_job=row.followup_job,
                       items=[_item(r) for r in items])

    def list_jobs(self, limit: int = 10, unfinished: bool = False) -> list[Job]:
        """The newest jobs first (with their items); `unfinished`: only those with an item not done, oldest
        first, which is what a queue resuming after a restart needs."""
        with self.transaction() as s:
            q = select(JobRow.id)
            if unfinished:
                q = q.where(JobRow.id.in_(select(JobItemRow.job_id).where(JobItemRow.state != "done")))
                q = q.order_by(JobRow.created_at, JobRow.id)
            else:
                q = q.order_by(JobRow.created_at.desc(), JobRow.id)
            ids = list(s.scalars(q.limit(max(1, limit))))
        return [self.get_job(i) for i in ids]

    def has_job(self, job_id: str) -> bool:
        with self.transaction() as s:
            return s.get(JobRow, job_id) is not None

    def start_job_item(self, job_id: str, position: int, worker: str) -> JobItem:
        with self.transaction() as s:
            row = self._item_row(s, job_id, position)
            if row.state != "done":
                row.state, row.worker, row.started_at = "running", bounded(worker, 255), now()
                row.attempts = (row.attempts or 0) + 1
            return _item(row)

    def finish_job_item(self, job_id: str, position: int, outcome: dict[str, Any],
                        followup: FollowUp | None = None) -> bool:
        """Record an item's outcome (the first one wins); True when this call finished the job's last item.

        With `followup`, finishing the last item also creates the follow-up job (when an item's outcome status
        is one of `followup.when_any`) in the same transaction: whoever sees the job done sees its follow-up,
        already created (the caller queues its task)."""
        with self.transaction() as s:
            # the job row is locked first, so two workers finishing the last two items one after the other each
            # see the other's item as it is committed, and exactly one of them learns it finished the job
            s.scalar(select(JobRow.id).where(JobRow.id == job_id).with_for_update())
            row = self._item_row(s, job_id, position)
            if row.state == "done":
                return False
            row.state, row.finished_at, row.outcome = "done", now(), outcome
            s.flush()
            left = s.scalar(select(func.count()).select_from(JobItemRow).where(
                JobItemRow.job_id == job_id, JobItemRow.state != "done"))
            if left == 0 and followup is not None:
                self._create_followup(s, job_id, followup)
            return left == 0

    def _create_followup(self, s: Any, job_id: str, followup: FollowUp) -> None:
        job = s.get(JobRow, job_id)
        statuses = s.scalars(select(JobItemRow.outcome).where(JobItemRow.job_id == job_id))
        if job.followup_job is not None or not any((o or {}).get("status") in followup.when_any for o in statuses):
            return
        job.followup_job = followup.id
        s.add(JobRow(id=followup.id, kind=followup.kind, created_by=job.created_by, created_at=now(), total=1,
                     params={"after": job_id}))
        s.flush()
        s.add(JobItemRow(job_id=followup.id, position=0, state="queued", attempts=0))
        self._audit(s, job.created_by, f"job.{followup.kind}", "job", followup.id, None, {"items": 1, "after": job_id})

    def claim_job_followup(self, job_id: str, followup_job_id: str) -> bool:
        """Name the job that follows `job_id` (compare-and-set): False if another caller named one first."""
        with self.transaction() as s:
            result = s.execute(update(JobRow).where(JobRow.id == job_id, JobRow.followup_job.is_(None))
                               .values(followup_job=followup_job_id))
            return (result.rowcount or 0) == 1

    @staticmethod
    def _item_row(s: Any, job_id: str, position: int) -> JobItemRow:
        row = s.scalar(select(JobItemRow).where(JobItemRow.job_id == job_id, JobItemRow.position == position)
                       .with_for_update())
        if row is None:
            raise StoreError(f"job {job_id!r} has no item {position}")
        return row
