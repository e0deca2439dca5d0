"""Build an audit package (a queued job) and download its zip."""
from __future__ import annotations

from datetime import date
from typing import Any

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


def _checked(services: Services, certifier: str, start: date | None, end: date | None) -> tuple[date, date] | None:
    """The request's certifier and period, refused with 422 the way a person can act on."""
    known = {p.id for p in services.stage("generators").list_profiles()}
    if certifier not in known:
        raise HTTPException(422, f"unknown certifier profile {certifier!r}; known: {', '.join(sorted(known))}")
    if (start is None) != (end is None):
        raise HTTPException(422, "give both period_start and period_end, or neither")
    return (start, end) if start and end else None


def _readiness(services: Services, certifier: str, period: tuple[date, date] | None) -> dict[str, Any]:
    """generators' Readiness as JSON, with `ready`; through the stage's api (loaded on first use, as every stage)."""
    ready, _ = services.stage("generators").readiness(services.workspace, services.store, certifier, period)
    return {**ready.model_dump(mode="json"), "ready": ready.ready}


@router.get("/packages/readiness",
            summary="What is not ready for a certifier's package (open findings by severity, missing kinds, mismatches)")
def readiness(certifier: str, period_start: date | None = None, period_end: date | None = None,
              session: Session = Depends(current_session), services: Services = Depends(get_services)) -> dict[str, Any]:
    require(services, session, "generate", "package")
    return _readiness(services, certifier, _checked(services, certifier, period_start, period_end))


@router.post("/packages", status_code=202, response_model=JobView, summary="Build the audit package (a queued job)",
             responses={409: {"description": "findings are open and allow_open was not given: the readiness"}})
def build(body: PackageRequest, session: Session = Depends(current_session),
          services: Services = Depends(get_services), queue: TaskQueue = Depends(get_queue)) -> JobView:
    require(services, session, "generate", "package")
    period = _checked(services, body.certifier, body.period_start, body.period_end)
    if not body.allow_open:  # the same gate as the CLI and the UI, answered now; the job checks again when it runs
        ready = _readiness(services, body.certifier, period)
        if not ready["ready"]:
            n = ready["open_total"]
            raise HTTPException(409, {"message": f"not built: {n} finding{'s are' if n != 1 else ' is'} open with "
                                      "no decision; decide them, or send allow_open: true to build with them "
                                      "listed as open", "readiness": ready})
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
