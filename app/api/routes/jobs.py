"""Progress of queued work: done / total and each item's outcome, read from the store.

`progress` is the model the review UI's Upload tab shows (auditpack/store/job_progress.py):
state (with `interrupted` when an embedded worker died holding an item), failed count,
the files being read now and each failure's reason. POST /jobs/{id}/resume queues a
job's unfinished items again (idempotent by content hash).
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import Field

from app.api.auth import current_session, require
from app.api.deps import get_queue, get_services
from app.api.models import JobView
from app.queue import TaskQueue
from app.services import Services
from auditpack.errors import StoreError
from auditpack.store.job_progress import JobProgress
from review_ui.auth import Session

router = APIRouter(tags=["jobs"])


class JobDetail(JobView):
    progress: JobProgress = Field(description="state, done / total, failed, current files, failures with reasons "
                                              "(the same figures the review UI shows)")


def _detail(services: Services, job_id: str) -> JobDetail:
    try:
        job = services.store.get_job(job_id)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc
    return JobDetail(**JobView.of(job).model_dump(), progress=services.job(job_id, items=False))


@router.get("/jobs", response_model=list[JobProgress], summary="Recent jobs, newest first (who, what, when, state)")
def jobs(limit: int = Query(20, ge=1, le=200), session: Session = Depends(current_session),
         services: Services = Depends(get_services)) -> list[JobProgress]:
    return services.jobs(limit)


@router.get("/jobs/{job_id}", response_model=JobDetail, summary="A job's progress and each item's outcome")
def job(job_id: str, session: Session = Depends(current_session),
        services: Services = Depends(get_services)) -> JobDetail:
    return _detail(services, job_id)


@router.post("/jobs/{job_id}/resume", response_model=JobDetail,
             summary="Queue a job's unfinished items again (an interrupted job; nothing stored is read twice)")
def resume(job_id: str, session: Session = Depends(current_session), services: Services = Depends(get_services),
           queue: TaskQueue = Depends(get_queue)) -> JobDetail:
    require(services, session, "upload", "job")
    _detail(services, job_id)  # 404 first
    services.resume_job(job_id, session.user, queue)
    return _detail(services, job_id)
