"""One server for both: the REST API and the review UI mounted in the same FastAPI app.

The UI is mounted at `/` behind its own session gate (review_ui/web_auth.py: the
gate is middleware of the mounted UI app, so it guards every UI route and none
of the API's); the API lives under /api/v1 with token authentication. This is
what `auditpack serve` runs (uvicorn).
"""
from __future__ import annotations

from fastapi import FastAPI

from app.api.app import create_app
from app.queue import TaskQueue
from app.services import Services


def build_server(services: Services, queue: TaskQueue, ui: bool = True) -> FastAPI:
    api = create_app(services, queue)
    if ui:
        from review_ui.app import ReviewUI

        ReviewUI(services).mount(api, "/")
    return api


def serve(services: Services, queue: TaskQueue, host: str, port: int) -> None:
    """Run the server until Ctrl+C."""
    import uvicorn

    uvicorn.run(build_server(services, queue), host=host, port=port, log_level="warning")
