"""The queued work itself: ingest one document, run the checks, build a package.

These are plain functions of the services and a job item, with no Celery in
sight: the embedded queue calls them in the server process, a Celery worker
calls the very same functions (app/celery_app.py). Each is safe to run twice,
because a broker that lost sight of a worker (killed mid-document) hands the
task to another:

* ingest is idempotent by content hash: the original is stored by sha256
  before the task is queued, and a document already in the store is not read
  again (the store's `add_document` is itself a no-op for stored content, and
  writes the document with its records in one transaction);
* a check run is idempotent by nature (findings are matched by id, decisions kept);
* a package is written to a folder named after its job, so a second run rewrites it.

An item's outcome is recorded once (the first finisher wins), and the worker
that finishes the last item of an upload creates the check run in that same
transaction and queues it, once.
"""
from __future__ import annotations

import traceback
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditpack.errors import AuditPackError
from auditpack.store import Job, JobItemSpec
from auditpack.store.jobs import FollowUp

if TYPE_CHECKING:
    from app.services import Services

# (task name, job id, item position) -> queued somewhere: the embedded queue or a broker
Submit = Callable[[str, str, int], None]

INGEST, CHECK, PACKAGE = "auditpack.ingest_document", "auditpack.run_checks", "auditpack.build_package"


def new_job_id() -> str:
    return uuid.uuid4().hex


def ingest_document(services: Services, job_id: str, position: int, worker: str, submit: Submit) -> None:
    """Read one stored original into records (in a budgeted reader process) and store them in one transaction."""
    store, ws = services.store, services.workspace
    item = store.start_job_item(job_id, position, worker)
    if item.state == "done":  # a redelivered task whose first run got as far as recording its outcome
        return
    job = store.get_job(job_id)
    known = store.get_document(item.sha256 or "")
    if known is not None:
        # Stored already: by an earlier attempt of this very task (its worker died before acknowledging it),
        # or by another upload. Either way nothing is read or written again.
        mine = known.ingested_at is not None and known.ingested_at >= job.created_at
        outcome = {"filename": item.filename, "sha256": known.sha256,
                   "status": getattr(known.status, "value", known.status) if mine else "duplicate",
                   "kind": known.kind, "records": known.record_count,
                   "reason": None if mine else "same content already ingested"}
    else:
        original = ws.root / (item.stored_path or "")
        summary = services.stage("ingest").ingest_paths(ws, store, [original], actor=job.created_by, workers=1,
                                                        names={original: item.filename or original.name},
                                                        keep_pool=True)
        o = summary.outcomes[0]
        outcome = {"filename": item.filename, "sha256": o.sha256, "status": getattr(o.status, "value", o.status),
                   "kind": o.kind, "records": o.records, "reason": o.reason,
                   "problems": [str(p) for p in o.problems]}
    _finish_ingest(services, job_id, position, outcome, submit)


READ = ("ingested", "needs_attention")  # an upload with a document read in any of these is followed by checks


def _finish_ingest(services: Services, job_id: str, position: int, outcome: dict[str, Any], submit: Submit) -> None:
    """Record the outcome; the last document of an upload creates the check run in the same transaction (so a
    client that sees the upload done sees its check run), and queues it once."""
    check = FollowUp(id=new_job_id(), kind="check", when_any=READ)
    if services.store.finish_job_item(job_id, position, outcome, followup=check) \
            and services.store.get_job(job_id).followup_job == check.id:
        submit(CHECK, check.id, 0)


def _after_ingest(services: Services, job: Job, submit: Submit) -> None:
    """A finished upload without its check run (its server died between the two): run the checks once."""
    done = services.store.get_job(job.id)
    if not any((i.outcome or {}).get("status") in READ for i in done.items):
        return
    check_id = new_job_id()
    if services.store.claim_job_followup(job.id, check_id):
        services.store.create_job(check_id, "check", job.created_by, [JobItemSpec()], {"after": job.id})
        submit(CHECK, check_id, 0)


def run_checks(services: Services, job_id: str, position: int, worker: str, submit: Submit) -> None:
    """Every rule over the current records; findings synced, decisions kept."""
    store = services.store
    if store.start_job_item(job_id, position, worker).state == "done":
        return
    job = store.get_job(job_id)
    run = services.stage("knowledge").run_check(services.workspace, store, actor=job.created_by)
    s = run.sync
    store.finish_job_item(job_id, position, {
        "status": "done", "findings": len(run.findings), "new": s.new, "resolved": s.resolved,
        "kept_decisions": s.kept_decisions, "warnings": list(run.warnings)})


def build_package(services: Services, job_id: str, position: int, worker: str, submit: Submit) -> None:
    """The audit package for the job's certifier, into packages/<certifier>-<job id>/."""
    store, ws = services.store, services.workspace
    if store.start_job_item(job_id, position, worker).state == "done":
        return
    job = store.get_job(job_id)
    p: dict[str, Any] = job.params
    period = (date.fromisoformat(p["period"][0]), date.fromisoformat(p["period"][1])) if p.get("period") else None
    out_dir = ws.packages_dir / f"{p['certifier']}-{job_id}"
    result = services.stage("generators").build_package(ws, store, p["certifier"], out_dir, period=period,
                                                        trace_lots=p.get("trace_lots") or None,
                                                        pdf=p.get("pdf", True),
                                                        allow_open=bool(p.get("allow_open")))
    zip_path = Path(result.zip_path)
    store.log(job.created_by, "api.generate", "package", str(zip_path), after={"job": job_id, **p})
    store.finish_job_item(job_id, position, {"status": "done", "zip": str(zip_path.relative_to(ws.root)),
                                             "warnings": list(result.warnings or [])})


TASKS: dict[str, Callable[[Services, str, int, str, Submit], None]] = {
    INGEST: ingest_document, CHECK: run_checks, PACKAGE: build_package,
}


# the task that runs each item of a job of this kind (how a resumed job is queued again)
TASK_FOR_KIND: dict[str, str] = {"ingest": INGEST, "check": CHECK, "package": PACKAGE}


def ensure_followup(services: Services, job: Job, submit: Submit) -> bool:
    """A finished upload whose process died before its check run was queued gets it now (True if queued).

    Two steps can be cut apart by a kill: naming the follow-up (claim) and creating it; either way the check
    runs once, because the claim is a compare-and-set and a named follow-up is created under its own id."""
    if job.kind != "ingest" or job.done != job.total:
        return False
    if job.followup_job is None:
        before = services.store.get_job(job.id).followup_job
        _after_ingest(services, job, submit)
        return before != services.store.get_job(job.id).followup_job
    if services.store.has_job(job.followup_job):
        return False
    services.store.create_job(job.followup_job, "check", job.created_by, [JobItemSpec()], {"after": job.id})
    submit(CHECK, job.followup_job, 0)
    return True


def run_task(services: Services, name: str, job_id: str, position: int, worker: str, submit: Submit) -> None:
    """Run one task; a failure becomes the item's outcome (a reason for the user, a traceback for a bug),
    so a job never waits forever on an item nobody will finish."""
    try:
        TASKS[name](services, job_id, position, worker, submit)
        return
    except AuditPackError as exc:
        outcome: dict[str, Any] = {"status": "failed", "reason": str(exc)}
    except Exception as exc:  # noqa: BLE001 - a bug: kept with its traceback, the worker goes on
        outcome = {"status": "failed", "reason": f"unexpected error (a bug in AuditPack): {type(exc).__name__}: {exc}",
                   "traceback": traceback.format_exc()}
    if name == INGEST:
        _finish_ingest(services, job_id, position, outcome, submit)
    else:
        services.store.finish_job_item(job_id, position, outcome)
