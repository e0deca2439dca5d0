"""Progress of queued work: done / total and each item's outcome, read from the store."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException

from app.api.auth import current_session
from app.api.deps import get_services
from app.api.models import JobView
from app.services import Services
from auditpack.errors import StoreError
from review_ui.auth import Session

router = APIRouter(tags=["jobs"])


@router.get("/jobs/{job_id}", response_model=JobView, summary="A job's progress and each item's outcome")
def job(job_id: str, session: Session = Depends(current_session),
        services: Services = Depends(get_services)) -> JobView:
    try:
        return JobView.of(services.store.get_job(job_id))
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc
