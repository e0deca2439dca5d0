"""The FastAPI app of the REST API: routers under /api/v1, the OpenAPI document, one error handler.

Routes are plain (sync) functions: FastAPI runs them on its thread pool, so a
store call or a file read never blocks the event loop. A user error
(`AuditPackError`) meets the client as a 400 with the same one-line message
the CLI prints; an unexpected error is a 500 that says it is a bug.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Path, Request
from fastapi.responses import JSONResponse

from app.api.auth import current_session
from app.api.models import Me
from app.api.routes import checks, documents, findings, jobs, oid, operations, packages, records
from app.operations import OperationHub
from app.queue import TaskQueue
from app.services import Services
from auditpack.errors import AuditPackError
from review_ui.auth import ACTION_WORDS, Session

PREFIX = "/api/v1"


def me(session: Session = Depends(current_session)) -> Me:
    return Me(user=session.user, role=session.role, may=[a for a in ACTION_WORDS if session.can(a)])


def _routes(prefix: str, **kwargs: Any) -> APIRouter:
    """Every resource's routes under `prefix` (an operation's routes, or the default operation's)."""
    router = APIRouter(prefix=prefix, **kwargs)
    router.add_api_route("/me", me, methods=["GET"], response_model=Me, tags=["auth"],
                         summary="Who the token belongs to and what they may do (in this operation)")
    for module in (documents, jobs, records, findings, checks, packages, oid):
        router.include_router(module.router)
    return router


def _operation_path(operation: str = Path(description="the operation's slug (`GET /api/v1/operations`)")) -> None:
    """Declares the path parameter for the OpenAPI document; `operation_context` reads and checks it."""


def create_app(services: Services, queue: TaskQueue, hub: OperationHub | None = None) -> FastAPI:
    """The API over `services` (the default operation, which holds the accounts) and, under
    /api/v1/operations/{operation}/, every operation of `hub`; queued work goes to each operation's queue."""
    api = FastAPI(title="AuditPack API", version="1",
                  description="Documents, records, findings, decisions, packages and OID imports of each operation "
                              "(/api/v1/... is the default operation, /api/v1/operations/{slug}/... another). "
                              "Authenticate with `Authorization: Bearer <token>` (`auditpack token create USER`).",
                  openapi_url=f"{PREFIX}/openapi.json", docs_url=f"{PREFIX}/docs", redoc_url=None)
    api.state.services = services
    api.state.queue = queue
    api.state.operations = hub or OperationHub(services, queue)
    api.include_router(_routes(PREFIX))
    # the same routes again for a named operation; plain /api/v1/... stays the default operation
    api.include_router(_routes(f"{PREFIX}/operations/{{operation}}", dependencies=[Depends(_operation_path)]))
    api.include_router(operations.router, prefix=PREFIX)

    @api.exception_handler(AuditPackError)
    async def user_error(request: Request, exc: AuditPackError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    return api
