"""Generate: pick the certifier profile and period, see what is not ready, build the package or renewal.

What is not ready (open findings, critical first; missing record types; an
operation name the evidence contradicts) shows before building, and a package
with open findings is built only after the explicit "Build anyway with N open
findings" confirmation. The checklist is cached until the store changes
(`review_ui.generate_view`); progress shows from the first second. Every role reads the checklist; a role
that may not generate sees no building control (what, year, trace-back lots, the confirmation, Generate):
one line says which role it needs.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import gradio as gr
import pandas as pd

from auditpack.errors import AuditPackError
from review_ui import actions
from review_ui.auth import PermissionDenied
from review_ui.generate_view import (
    CHECK_COLUMNS, Period, checklist_frame, may_build, readiness_html,
)
from review_ui.presenters import esc
from review_ui.ports import StageMissing
from review_ui.roles_view import role_note
from review_ui.store_cache import StoreCache, store_fingerprint

PACKAGE, RENEWAL = "Audit package", "Renewal"
GENERATE = "generate"  # the action (review_ui.auth.PERMISSIONS) every building control needs


def _period(start: str, end: str) -> tuple[date, date] | None:
    if not (start or "").strip() and not (end or "").strip():
        return None
    return date.fromisoformat(start.strip()), date.fromisoformat(end.strip())


def build(ui):
    missing = ui.services.missing("generators")
    if missing:
        gr.HTML(f'<div class="ap-warn">{esc(missing)}</div>')
        profiles: list[tuple[str, str]] = []
    else:
        profiles = [(f"{p.name} ({p.id})", p.id) for p in ui.services.stage("generators").list_profiles()]
    services = ui.services
    # (profile id, period) -> (readiness, checklist items), kept until the store changes
    cache: StoreCache[tuple[str, Period], tuple[Any, list]] = StoreCache(
        lambda key: services.stage("generators").readiness(services.workspace, services.store, *key),
        lambda: store_fingerprint(services.store, services.settings))
    ui.generate_cache = cache  # tests count its computations
    default = services.settings.operation.certifier
    role_note(ui, GENERATE, "ap-generate-role-note")
    with gr.Row():
        profile = gr.Dropdown(profiles, value=default if default in {v for _, v in profiles} else
                              (profiles[0][1] if profiles else None), label="Certifier profile", scale=3,
                              elem_id="ap-profile")
        mode = ui.guard(gr.Radio([PACKAGE, RENEWAL], value=PACKAGE, label="What", scale=2, elem_id="ap-mode"),
                        GENERATE)
    with gr.Row():
        start = gr.Textbox(label="Period start (package, optional)", placeholder="2026-01-01", elem_id="ap-start")
        end = gr.Textbox(label="Period end", placeholder="2026-12-31", elem_id="ap-end")
        year = ui.guard(gr.Number(label="Renewal year", value=date.today().year + 1, precision=0,
                                  elem_id="ap-year"), GENERATE)
    trace = ui.guard(gr.Textbox(label="Trace-back lots (package, optional): the finished lots the inspector "
                                "named, separated by commas or spaces; empty takes the profile's evenly spaced "
                                "sample", placeholder="MPG-260306-01, BBF-260625-02", elem_id="ap-trace"), GENERATE)
    ready = gr.HTML(elem_id="ap-readiness")
    checklist = gr.Dataframe(headers=CHECK_COLUMNS, label="Completeness checklist (what the certifier expects)",
                             interactive=False, max_height=360, elem_id="ap-checklist", wrap=True,
                             column_widths=["34%", "12%", "46%", "8%"])
    with ui.guard(gr.Row(elem_id="ap-generate-options"), GENERATE):
        confirm = gr.Checkbox(value=False, visible=False, label="Build anyway", elem_id="ap-confirm-open", scale=3)
        internal = gr.Checkbox(value=False, label="Internal copy (keeps reviewer notes and assignments; "
                                                  "not for the certifier)", elem_id="ap-internal", scale=2)
    go = ui.guard(gr.Button("Generate", variant="primary", elem_id="ap-generate"), GENERATE)
    status = gr.HTML(elem_id="ap-generate-status")
    out = ui.guard(gr.File(label="Download", interactive=False, elem_id="ap-download"), GENERATE)

    def check(pid: str | None, s: str, e: str, request: gr.Request):
        can = ui.session(request).can(GENERATE)
        empty = pd.DataFrame(columns=CHECK_COLUMNS)
        if not pid:
            return empty, "", gr.update(visible=False, value=False)
        try:
            r, items = cache.get((pid, _period(s, e)))
        except StageMissing:
            return empty, "", gr.update(visible=False, value=False)
        except ValueError as exc:
            return empty, f'<div class="ap-warn">Dates must look like 2026-01-31 ({esc(str(exc))}).</div>', \
                gr.update(visible=False, value=False)
        # a new count needs a new confirmation: the box is cleared whenever the readiness is shown again
        return (checklist_frame(items), readiness_html(r, can_build=can),
                gr.update(visible=can and not r.ready, value=False, label=r.confirm_label))

    def generate(pid, what, s, e, yr, lots, confirmed, copy, request: gr.Request, progress=gr.Progress()):
        progress(0, desc="Checking what is ready")  # from the first second, before any slow read
        try:
            session = ui.session(request)
            actions.require(services, session, GENERATE, "package")
            gen = services.stage("generators")
            if not pid:
                return '<div class="ap-warn">Choose a certifier profile.</div>', None
            ws, store = services.workspace, services.store
            period = _period(s, e)
            if what != RENEWAL:
                refused = may_build(cache.get((pid, period))[0], bool(confirmed))
                if refused:
                    return f'<div class="ap-warn" id="ap-not-built">{esc(refused)}</div>', None
            out_dir = ws.packages_dir / f"{pid}-{datetime.now():%Y%m%d-%H%M%S}"

            def on_progress(step: str, done: int, total: int) -> None:
                progress((done, total or 1), desc=step)

            if what == RENEWAL:
                result = gen.build_renewal(ws, store, pid, int(yr), out_dir, on_progress=on_progress)
            else:
                trace_lots = [t for t in re.split(r"[,;\s]+", lots or "") if t] or None
                result = gen.build_package(ws, store, pid, out_dir, period=period, trace_lots=trace_lots,
                                           on_progress=on_progress, allow_open=bool(confirmed), internal=bool(copy))
            store.log(session.user, "ui.generate", "package", str(result.zip_path),
                      after={"certifier": pid, "what": what, "period": [s, e], "year": yr, "trace": lots or "",
                             "allow_open": bool(confirmed), "internal": bool(copy)})
        except (PermissionDenied, StageMissing) as exc:
            return f'<div class="ap-warn">{esc(str(exc))}</div>', None
        except ValueError as exc:
            return f'<div class="ap-warn">Dates must look like 2026-01-31 ({esc(str(exc))}).</div>', None
        except AuditPackError as exc:  # e.g. a finding opened since the page showed none; LibreOffice missing
            return f'<div class="ap-warn" id="ap-not-built">{esc(str(exc))}</div>', None
        warnings = "".join(f"<li>{esc(w)}</li>" for w in (result.warnings or []))
        r = result.readiness
        opened = f" with {r.open_total} open findings (stated on the cover)" if r is not None and not r.ready else ""
        return (f'<div class="ap-ok">{esc(what)} ready{esc(opened)}: {esc(result.zip_path.name)}</div>'
                + (f"<ul class='ap-warnlist'>{warnings}</ul>" if warnings else "")), str(result.zip_path)

    inputs = [profile, start, end]
    outputs = [checklist, ready, confirm]
    profile.change(check, inputs, outputs)
    start.blur(check, inputs, outputs)
    end.blur(check, inputs, outputs)
    go.click(generate, [profile, mode, start, end, year, trace, confirm, internal], [status, out],
             concurrency_limit=1)
    return [(check, inputs, outputs)]
