"""The review web app: a thin class that receives the services and builds the Blocks once.

Each tab lives in its own module under `review_ui.tabs` and only calls the
services (`Services`: store, workspace, stage APIs) and `review_ui.actions`.
"""
from __future__ import annotations

import os
from pathlib import Path

import gradio as gr

from review_ui import links, roles_view, switcher
from review_ui.auth import Session, role_needs, session_for
from review_ui.ports import Services
from review_ui.queues import tab_queue

STATIC = Path(__file__).parent / "static"
TAB_LABELS = [("Dashboard", "dashboard"), ("Upload", "upload"), ("Documents", "documents"), ("Records", "records"),
              ("Triage", "triage"), ("Ask", "ask"), ("Generate", "generate")]


class ReviewUI:
    def __init__(self, services: Services, gate=None) -> None:  # noqa: ANN001 - review_ui.web_auth.OperationGate
        """`gate`: which operation these services are and who may open it (default: the workspace's own
        operation, its users in its own store); one server mounts one ReviewUI per operation."""
        from review_ui.web_auth import OperationGate

        self.services = services
        self.gate = gate or OperationGate(services.store, default_name=services.settings.operation.name)
        self.blocks = None
        self._guarded: list[tuple[object, str]] = []
        self.tabs = None  # the gr.Tabs, so a tab can open itself (a link to a document: ?doc=<sha256>)
        self.page_load: list[tuple] = []  # (fn, inputs, outputs) run once when the page loads, not on tab select

    def guard(self, component, action: str):
        """Hide `component` (a control or a group of them) from roles that may not `action`
        (`review_ui.roles_view`; the handler still checks: this is courtesy)."""
        self._guarded.append((component, action))
        return component

    # --- what every handler needs -------------------------------------------------
    def session(self, request) -> Session:
        """The signed-in user behind a Gradio request (`request.username`) and their role."""
        username = getattr(request, "username", None) if request is not None else None
        return session_for(self.gate.directory(), username, self.services.settings.ui.allow_anonymous)

    # --- building -----------------------------------------------------------------
    def build(self):
        if self.blocks is not None:
            return self.blocks
        from review_ui.tabs import ask, dashboard, documents, generate, records, triage, upload

        ws = self.services.workspace
        title = ws.settings.operation.name or ws.root.name
        with gr.Blocks(title=f"AuditPack · {title}", delete_cache=(3600, 3600)) as blocks:
            with gr.Row(elem_classes="ap-topbar"):
                gr.Markdown(f"### AuditPack review · {_md(title)}")
                who = gr.Markdown(elem_id="ap-who")
                operation = switcher.dropdown()
            needs = gr.Markdown(elem_id="ap-role-needs")  # what the signed-in role may not do, and who may
            on_load = []
            with gr.Tabs(elem_id="ap-tabs") as self.tabs:
                modules = {"dashboard": dashboard, "upload": upload, "documents": documents, "records": records,
                           "triage": triage, "ask": ask, "generate": generate}
                for label, tab_id in TAB_LABELS:
                    module = modules[tab_id]
                    with gr.Tab(label, id=tab_id, elem_id=f"ap-tab-{tab_id}") as tab:
                        hooks = module.build(self) or []
                    on_load += hooks
                    for fn, inputs, outputs in hooks:  # a tab shows fresh data each time it is opened
                        # one queue per tab (see tab_queue): a slow reload never lands after a newer filter
                        tab.select(fn, inputs, outputs, concurrency_id=tab_queue(tab_id))

            def whoami(request: gr.Request) -> str:
                s = self.session(request)
                return f"Signed in as **{_md(s.user)}** ({s.role}) · [sign out](/logout)"

            blocks.load(whoami, None, who)

            def role_line(request: gr.Request) -> str:
                return role_needs(self.session(request).role)

            blocks.load(role_line, None, needs)
            switcher.wire(self, blocks, operation)
            guarded = [c for c, _ in self._guarded]

            def permissions(request: gr.Request):
                return roles_view.visibility(self.session(request), self._guarded)

            if guarded:
                blocks.load(permissions, None, guarded)
            blocks.load(links.restore_tab, None, self.tabs)  # ?tab=<id> (items: their tab's page_load)
            blocks.load(None, None, None, js=links.tab_click_js(TAB_LABELS))  # a tab click names it
            for fn, inputs, outputs in on_load + self.page_load:
                blocks.load(fn, inputs, outputs)
        self.blocks = blocks
        return blocks

    def launch(self, host: str | None = None, port: int | None = None, block: bool = True, quiet: bool = False):
        """Start the server: auth on (unless the admin allowed anonymous read-only), loopback by default."""
        ui = self.services.settings.ui
        return self._prepared().launch(
            server_name=host or ui.host, server_port=port or ui.port, **self._sign_in(), **self._options(),
            prevent_thread_lock=not block, quiet=quiet,
        )

    def mount(self, app, path: str = "/"):
        """Mount the UI into an existing FastAPI app (the REST API's, app/api/server.py: one server serves both),
        behind the same sign-in gate as `launch`; the gate guards the mounted UI's routes only."""
        sign_in = self._sign_in()
        before = os.environ.get("GRADIO_TEMP_DIR")
        try:  # Gradio takes its upload folder (which its file route serves) from the env when the app is made
            return gr.mount_gradio_app(app, self._prepared(), path, auth_dependency=sign_in.get("auth_dependency"),
                                       app_kwargs=sign_in.get("app_kwargs"), **self._options())
        finally:
            if self.gate.slug != "default":  # an operation's UI keeps its own folder; the process keeps the default's
                os.environ.pop("GRADIO_TEMP_DIR", None) if before is None else os.environ.update(GRADIO_TEMP_DIR=before)

    def _prepared(self):
        """The Blocks with their queue, refusing to serve a workspace nobody can sign in to."""
        ui = self.services.settings.ui
        ws = self.services.workspace
        # Gradio's temporary upload copies stay inside the workspace, like everything else.
        upload_dir = ws.cache_dir / "uploads"
        upload_dir.mkdir(parents=True, exist_ok=True)
        os.environ["GRADIO_TEMP_DIR"] = str(upload_dir)
        os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
        blocks = self.build()
        if not ui.allow_anonymous and not self.gate.accounts.list_users():
            from auditpack.errors import AuditPackError

            raise AuditPackError("no users yet: create one with `auditpack user add NAME --role admin` first")
        ws.packages_dir.mkdir(parents=True, exist_ok=True)
        return blocks.queue(default_concurrency_limit=4)

    def _options(self) -> dict:
        """What launch() and mount() share: limits, downloadable paths, look."""
        ui = self.services.settings.ui
        return dict(ssr_mode=False, max_file_size=f"{ui.max_upload_mb:g}mb",
                    allowed_paths=[str(self.services.workspace.packages_dir),
                                   str(self.services.workspace.cache_dir / "exports")],  # exported views
                    show_error=True, footer_links=[],
                    css=(STATIC / "app.css").read_text(encoding="utf-8"),
                    head="".join(f"<script>{(STATIC / js).read_text(encoding='utf-8')}</script>"
                                 for js in ("shortcuts.js", "documents.js")))


    def _sign_in(self) -> dict:
        """launch() arguments for sign-in: AuditPack's own sessions through Gradio's `auth_dependency` hook.

        See review_ui/web_auth.py for why this replaces `launch(auth=...)`. With
        ui.allow_anonymous there is no gate: every visitor reads as an inspector.
        The Documents list's thumbnails (`review_ui/thumbnails.py`) are routes of the same app, behind the gate.
        """
        from review_ui import thumbnails

        pictures = thumbnails.routes(self.services)
        if self.services.settings.ui.allow_anonymous:
            return {"app_kwargs": {"routes": pictures}}
        from starlette.middleware import Middleware

        from review_ui.web_auth import SignInGate, WebSessions, current_user

        sessions = WebSessions(self.gate.accounts, self.services.settings.ui, self.gate)
        return {"auth_dependency": current_user,
                "app_kwargs": {"routes": sessions.routes() + pictures,
                               "middleware": [Middleware(SignInGate, sessions=sessions)]}}


def _md(text: str) -> str:
    """Escape text for a Markdown component (HTML and Markdown punctuation)."""
    import html
    import re

    return re.sub(r"([\\`*_{}\[\]()#+!|~>-])", r"\\\1", html.escape(text or ""))

