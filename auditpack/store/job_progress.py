"""A job's progress as people read it: state, done / total, what runs now, what failed and why.

One model for every reader, so the review UI's job panel and the API's
GET /jobs/{id} show the same figures: computed from the stored job and its
items, never kept separately (a worker on another machine updates the items,
and the next read sees it). Whether a running item's worker is gone is a
question about processes, which the store cannot answer: the caller passes it
(`app/queue.py` knows which embedded worker died with its server).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from auditpack.store.jobs import Job, JobItem, JobKind

JobState = Literal["queued", "running", "interrupted", "done"]
# an item outcome with one of these statuses carries a reason the user should read
FAILED = frozenset({"failed", "rejected"})


class ItemFailure(BaseModel):
    model_config = ConfigDict(extra="forbid")
    position: int
    filename: str | None = None
    status: str
    reason: str


class ItemProgress(BaseModel):
    """One item as the upload summary lists it; its outcome without the traceback (that is for --verbose)."""

    model_config = ConfigDict(extra="forbid")
    position: int
    filename: str | None = None
    state: str
    attempts: int = 0
    outcome: dict[str, Any] | None = None


class JobProgress(BaseModel):
    """Who asked for what, when, and how far it got."""

    model_config = ConfigDict(extra="forbid")
    id: str
    kind: JobKind
    created_by: str
    created_at: datetime
    state: JobState = Field(description="interrupted: an item's worker died holding it and nobody resumed it yet")
    done: int
    total: int
    failed: int = Field(description="items done with a failure (status failed or rejected)")
    current: list[str] = Field(default_factory=list, description="what is being worked on now (file names)")
    failures: list[ItemFailure] = Field(default_factory=list)
    retried: int = Field(0, description="items started more than once: a worker or server died holding them")
    interrupted: int = Field(0, description="running items whose worker is gone")
    finished_at: datetime | None = None
    followup_job: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    items: list[ItemProgress] | None = Field(None, description="each item (only when asked for: one job's view)")


def _label(item: JobItem, kind: str) -> str:
    return item.filename or (kind if item.position == 0 else f"{kind} #{item.position + 1}")


def progress_of(job: Job, gone: Callable[[str | None], bool] | None = None, items: bool = False) -> JobProgress:
    """The progress of `job`; `gone(worker)` says whether a running item's worker is no longer alive; `items`
    adds each item's state and outcome."""
    running = [i for i in job.items if i.state == "running"]
    lost = [i for i in running if gone is not None and gone(i.worker)]
    failures = [ItemFailure(position=i.position, filename=i.filename, status=str(i.outcome.get("status")),
                            reason=str(i.outcome.get("reason") or "no reason given"))
                for i in job.items if i.state == "done" and i.outcome and i.outcome.get("status") in FAILED]
    done = job.done
    state: JobState
    if done == job.total:
        state = "done"
    elif lost and len(lost) == len(running):
        state = "interrupted"
    elif running or done:
        state = "running"
    else:
        state = "queued"
    finished = [i.finished_at for i in job.items if i.finished_at is not None]
    return JobProgress(
        id=job.id, kind=job.kind, created_by=job.created_by, created_at=job.created_at, state=state, done=done,
        total=job.total, failed=len(failures), current=[_label(i, job.kind) for i in running if i not in lost],
        failures=failures, retried=sum(1 for i in job.items if i.attempts > 1), interrupted=len(lost),
        finished_at=max(finished) if state == "done" and finished else None, followup_job=job.followup_job,
        params=job.params,
        items=[ItemProgress(position=i.position, filename=i.filename, state=i.state, attempts=i.attempts,
                            outcome={k: v for k, v in i.outcome.items() if k != "traceback"} if i.outcome else None)
               for i in job.items] if items else None)


class Refused(BaseModel):
    """A file not queued, and why (the upload limit): shown next to the job's own rows."""

    filename: str
    reason: str


class UploadJob(BaseModel):
    job: JobProgress | None = Field(None, description="None when every file was refused")
    refused: list[Refused] = Field(default_factory=list)
