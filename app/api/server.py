"""One server for both: the REST API and the review UI mounted in the same FastAPI app, for every operation.

The UI is mounted at `/` behind its own session gate (review_ui/web_auth.py: the
gate is middleware of the mounted UI app, so it guards every UI route and none
of the API's); the API lives under /api/v1 with token authentication. This is
what `auditpack serve` runs (uvicorn).

Many operations: each registered operation gets its own review UI app over its
own services at `/operations/<slug>/`, each gate asking the registry for the
signed-in user's role in its own operation. Those apps are built on their first
request (app/api/operation_uis.py), so start-up costs one UI however many
operations there are, and an operation created while the server runs is served.
"""
from __future__ import annotations

import threading

from fastapi import FastAPI

from app.api.app import create_app
from app.api.operation_uis import OperationUIs
from app.operations import OperationHub
from app.queue import TaskQueue
from app.services import Services
from auditpack.errors import ConfigError
from review_ui.web_auth import operation_path


_one_build_at_a_time = threading.Lock()


def build_server(services: Services, queue: TaskQueue, ui: bool = True, hub: OperationHub | None = None) -> FastAPI:
    hub = hub or OperationHub(services, queue)
    api = create_app(services, queue, hub)
    if ui:
        from review_ui.app import ReviewUI
        from review_ui.web_auth import OperationGate, WebSessions

        if services.settings.ui.allow_anonymous and hub.registry.list():
            raise ConfigError("ui.allow_anonymous lets anyone read without signing in: it cannot be used on a "
                              "server with several operations")
        default_name = services.settings.operation.name or services.workspace.root.name

        def operation_ui(slug: str) -> FastAPI | None:
            """The review UI app of operation `slug` (its routes under /operations/<slug>), None if none."""
            if hub.registry.get(slug) is None or services.settings.ui.allow_anonymous:
                return None
            app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
            gate = OperationGate(hub.accounts, slug, default_name)
            with _one_build_at_a_time:  # each UI's upload folder passes through the process's environment
                ReviewUI(hub.scope(slug).services, gate).mount(app, operation_path(slug).rstrip("/"))
            return app

        sessions = WebSessions(hub.accounts, services.settings.ui)

        def admits(slug: str, cookie: str | None) -> bool:
            return hub.role(slug, sessions.user(cookie)) is not None

        api.add_middleware(OperationUIs, build=operation_ui, admits=admits)
        ReviewUI(services, OperationGate(hub.accounts, default_name=default_name)).mount(api, "/")
    return api


def serve(services: Services, queue: TaskQueue, host: str, port: int) -> None:
    """Run the server until Ctrl+C (every operation's store and queue closed after)."""
    import uvicorn

    hub = OperationHub(services, queue)
    try:
        uvicorn.run(build_server(services, queue, hub=hub), host=host, port=port, log_level="warning")
    finally:
        hub.close()
