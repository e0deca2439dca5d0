"""The FastAPI app of the REST API: routers under /api/v1, the OpenAPI document, one error handler.

Routes are plain (sync) functions: FastAPI runs them on its thread pool, so a
store call or a file read never blocks the event loop. A user error
(`AuditPackError`) meets the client as a 400 with the same one-line message
the CLI prints; an unexpected error is a 500 that says it is a bug.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse

from app.api.auth import current_session
from app.api.models import Me
from app.api.routes import checks, documents, findings, jobs, oid, packages, records
from app.queue import TaskQueue
from app.services import Services
from auditpack.errors import AuditPackError
from review_ui.auth import ACTION_WORDS, Session

PREFIX = "/api/v1"


def create_app(services: Services, queue: TaskQueue) -> FastAPI:
    """The API over `services`; queued work goes to `queue` (embedded or Celery)."""
    api = FastAPI(title="AuditPack API", version="1",
                  description="Documents, records, findings, decisions, packages and OID imports of one workspace. "
                              "Authenticate with `Authorization: Bearer <token>` (`auditpack token create USER`).",
                  openapi_url=f"{PREFIX}/openapi.json", docs_url=f"{PREFIX}/docs", redoc_url=None)
    api.state.services = services
    api.state.queue = queue
    router = APIRouter(prefix=PREFIX)

    @router.get("/me", response_model=Me, tags=["auth"], summary="Who the token belongs to and what they may do")
    def me(session: Session = Depends(current_session)) -> Me:
        return Me(user=session.user, role=session.role, may=[a for a in ACTION_WORDS if session.can(a)])

    for module in (documents, jobs, records, findings, checks, packages, oid):
        router.include_router(module.router)
    api.include_router(router)

    @api.exception_handler(AuditPackError)
    async def user_error(request: Request, exc: AuditPackError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    return api
