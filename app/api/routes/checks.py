"""Run the checks as a queued task (an upload through the API queues one itself when it finishes)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException

from app.api.auth import current_session
from app.api.deps import get_queue, get_services
from app.api.models import JobView
from app.queue import TaskQueue
from app.services import Services
from app.tasks import CHECK, new_job_id
from auditpack.store import JobItemSpec
from review_ui.auth import Session

router = APIRouter(tags=["checks"])
CHANGING = ("upload", "decide", "generate")  # a check run changes findings: any role that changes something


@router.post("/checks", status_code=202, response_model=JobView, summary="Run every rule (a queued job)")
def run_checks(session: Session = Depends(current_session), services: Services = Depends(get_services),
               queue: TaskQueue = Depends(get_queue)) -> JobView:
    if not any(session.can(a) for a in CHANGING):
        services.store.log(session.user, "api.refused", "check", "run",
                           after={"action": "check", "role": session.role})
        raise HTTPException(403, f"{session.user} is signed in as {session.role}, which may not run the checks")
    job_id = new_job_id()
    job = services.store.create_job(job_id, "check", session.user, [JobItemSpec()], {"via": "api"})
    queue.submit(CHECK, job_id, 0)
    return JobView.of(job)
