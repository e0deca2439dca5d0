"""Request and response models of the REST API (the boundary; the records' own models travel unchanged)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from auditpack.records import DecisionAction, FindingState
from auditpack.store import Job


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Me(_Model):
    user: str
    role: str
    may: list[str] = Field(description="actions this role may take: upload, decide, generate, correct")


class ItemView(_Model):
    position: int
    filename: str | None = None
    sha256: str | None = None
    state: Literal["queued", "running", "done"]
    attempts: int = Field(description="runs started; more than one means a worker died holding it")
    worker: str | None = None
    outcome: dict[str, Any] | None = None


class JobView(_Model):
    id: str
    kind: str
    created_by: str
    created_at: datetime
    state: Literal["queued", "running", "done"]
    done: int
    total: int
    followup_job: str | None = Field(default=None, description="the check run an upload queued when it finished")
    items: list[ItemView]

    @classmethod
    def of(cls, job: Job) -> JobView:
        done = job.done
        started = any(i.state != "queued" for i in job.items)
        state = "done" if done == job.total else "running" if started else "queued"
        return cls(id=job.id, kind=job.kind, created_by=job.created_by, created_at=job.created_at, state=state,
                   done=done, total=job.total, followup_job=job.followup_job,
                   items=[ItemView(position=i.position, filename=i.filename, sha256=i.sha256, state=i.state,
                                   attempts=i.attempts, worker=i.worker,
                                   outcome={k: v for k, v in (i.outcome or {}).items() if k != "traceback"} or None)
                          for i in job.items])


class DecisionRequest(_Model):
    action: DecisionAction
    expected_version: int = Field(description="the finding's version you read; a moved version is a 409 conflict")
    reason: str = ""
    corrective_action: str = ""
    due_date: date | None = None
    assignee: str = ""
    comment: str = ""


class Conflict(_Model):
    detail: str
    current: FindingState


class PackageRequest(_Model):
    certifier: str = Field(description="certifier profile id, e.g. generic-nop")
    period_start: date | None = None
    period_end: date | None = None
    trace_lots: list[str] = Field(default_factory=list, description="finished lots the inspector named")
    pdf: bool = Field(default=True, description="convert the sections to PDF (LibreOffice)")
    allow_open: bool = Field(default=False, description="build although findings are open with no decision "
                             "(the cover says how many); without it such a job fails, listing what is open")


class OidImport(_Model):
    filename: str
    operations: int


class OperationView(_Model):
    slug: str
    name: str
    certifier: str
    role: str = Field(description="your role in this operation")
