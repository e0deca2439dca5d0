"""Build an audit package (a queued job) and download its zip."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import FileResponse

from app.api.auth import current_session, require
from app.api.deps import get_queue, get_services
from app.api.models import JobView, PackageRequest
from app.queue import TaskQueue
from app.services import Services
from app.tasks import PACKAGE, new_job_id
from auditpack.errors import StoreError
from auditpack.store import JobItemSpec
from review_ui.auth import Session

router = APIRouter(tags=["packages"])


@router.post("/packages", status_code=202, response_model=JobView, summary="Build the audit package (a queued job)")
def build(body: PackageRequest, session: Session = Depends(current_session),
          services: Services = Depends(get_services), queue: TaskQueue = Depends(get_queue)) -> JobView:
    require(services, session, "generate", "package")
    known = {p.id for p in services.stage("generators").list_profiles()}
    if body.certifier not in known:
        raise HTTPException(422, f"unknown certifier profile {body.certifier!r}; known: {', '.join(sorted(known))}")
    if (body.period_start is None) != (body.period_end is None):
        raise HTTPException(422, "give both period_start and period_end, or neither")
    params = {"certifier": body.certifier, "trace_lots": body.trace_lots, "pdf": body.pdf,
              "allow_open": body.allow_open,
              "period": [body.period_start.isoformat(), body.period_end.isoformat()]
              if body.period_start and body.period_end else None}
    job_id = new_job_id()
    job = services.store.create_job(job_id, "package", session.user, [JobItemSpec()], params)
    queue.submit(PACKAGE, job_id, 0)
    return JobView.of(job)


@router.get("/packages/{job_id}/download", response_class=FileResponse, summary="The zip a package job built")
def download(job_id: str, session: Session = Depends(current_session),
             services: Services = Depends(get_services)) -> FileResponse:
    try:
        job = services.store.get_job(job_id)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc
    outcome = job.items[0].outcome if job.kind == "package" and job.items else None
    if not outcome or not outcome.get("zip"):
        raise HTTPException(404, f"job {job_id} has no package (yet): see GET /api/v1/jobs/{job_id}")
    path = services.workspace.root / outcome["zip"]
    services.store.log(session.user, "api.download", "package", outcome["zip"], after={"job": job_id})
    return FileResponse(path, media_type="application/zip", filename=path.name)
