"""The review web app: a thin class that receives the services and builds the Blocks once.

Each tab lives in its own module under `review_ui.tabs` and only calls the
services (`Services`: store, workspace, stage APIs) and `review_ui.actions`.
"""
from __future__ import annotations

import os
from pathlib import Path

import gradio as gr

from review_ui.auth import Authenticator, Session, session_for
from review_ui.ports import Services

STATIC = Path(__file__).parent / "static"


class ReviewUI:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.blocks = None
        self._guarded: list[tuple[object, str]] = []

    def guard(self, component, action: str):
        """Disable `component` for roles that may not `action` (the handler still checks: this is courtesy)."""
        self._guarded.append((component, action))
        return component

    # --- what every handler needs -------------------------------------------------
    def session(self, request) -> Session:
        """The signed-in user behind a Gradio request (`request.username`) and their role."""
        username = getattr(request, "username", None) if request is not None else None
        return session_for(self.services.store, username, self.services.settings.ui.allow_anonymous)

    # --- building -----------------------------------------------------------------
    def build(self):
        if self.blocks is not None:
            return self.blocks
        from review_ui.tabs import ask, dashboard, generate, records, triage, upload

        ws = self.services.workspace
        title = ws.settings.operation.name or ws.root.name
        with gr.Blocks(title=f"AuditPack · {title}", delete_cache=(3600, 3600)) as blocks:
            with gr.Row(elem_classes="ap-topbar"):
                gr.Markdown(f"### AuditPack review · {_md(title)}")
                who = gr.Markdown(elem_id="ap-who")
            on_load = []
            with gr.Tabs(elem_id="ap-tabs"):
                for tab_id, label, module in (("dashboard", "Dashboard", dashboard), ("upload", "Upload", upload),
                                              ("records", "Records", records), ("triage", "Triage", triage),
                                              ("ask", "Ask", ask), ("generate", "Generate", generate)):
                    with gr.Tab(label, id=tab_id, elem_id=f"ap-tab-{tab_id}") as tab:
                        hooks = module.build(self) or []
                    on_load += hooks
                    for fn, inputs, outputs in hooks:  # a tab shows fresh data each time it is opened
                        tab.select(fn, inputs, outputs)

            def whoami(request: gr.Request) -> str:
                s = self.session(request)
                return f"Signed in as **{_md(s.user)}** ({s.role}) · [sign out](/logout)"

            blocks.load(whoami, None, who)
            guarded = [c for c, _ in self._guarded]

            def permissions(request: gr.Request):
                s = self.session(request)
                return [gr.update(interactive=s.can(action)) for _, action in self._guarded]

            if guarded:
                blocks.load(permissions, None, guarded)
            for fn, inputs, outputs in on_load:
                blocks.load(fn, inputs, outputs)
        self.blocks = blocks
        return blocks

    def launch(self, host: str | None = None, port: int | None = None, block: bool = True, quiet: bool = False):
        """Start the server: auth on (unless the admin allowed anonymous read-only), loopback by default."""
        ui = self.services.settings.ui
        ws = self.services.workspace
        # Gradio's temporary upload copies stay inside the workspace, like everything else.
        upload_dir = ws.cache_dir / "uploads"
        upload_dir.mkdir(parents=True, exist_ok=True)
        os.environ["GRADIO_TEMP_DIR"] = str(upload_dir)
        os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
        blocks = self.build()
        auth = None if ui.allow_anonymous else Authenticator(self.services.store)
        if auth is not None and not self.services.store.list_users():
            from auditpack.errors import AuditPackError

            raise AuditPackError("no users yet: create one with `auditpack user add NAME --role admin` first")
        ws.packages_dir.mkdir(parents=True, exist_ok=True)
        return blocks.queue(default_concurrency_limit=4).launch(
            server_name=host or ui.host, server_port=port or ui.port, auth=auth,
            auth_message="AuditPack: sign in with the account your administrator created.",
            max_file_size=f"{ui.max_upload_mb:g}mb", allowed_paths=[str(ws.packages_dir)],
            prevent_thread_lock=not block, quiet=quiet, show_error=True, footer_links=[],
            css=(STATIC / "app.css").read_text(encoding="utf-8"),
            head=f"<script>{(STATIC / 'shortcuts.js').read_text(encoding='utf-8')}</script>",
        )


def _md(text: str) -> str:
    """Escape text for a Markdown component (HTML and Markdown punctuation)."""
    import html
    import re

    return re.sub(r"([\\`*_{}\[\]()#+!|~>-])", r"\\\1", html.escape(text or ""))

