"""Generate: pick the certifier profile and period, check completeness, build the package or renewal."""
from __future__ import annotations

import re
from datetime import date, datetime

import gradio as gr
import pandas as pd

from review_ui.auth import PermissionDenied
from review_ui.presenters import esc
from review_ui.ports import StageMissing

CHECK_COLUMNS = ["Record type", "Status", "Where", "Count"]


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
    default = ui.services.settings.operation.certifier
    with gr.Row():
        profile = gr.Dropdown(profiles, value=default if default in {v for _, v in profiles} else
                              (profiles[0][1] if profiles else None), label="Certifier profile", scale=3,
                              elem_id="ap-profile")
        mode = gr.Radio(["Audit package", "Renewal"], value="Audit package", label="What", scale=2, elem_id="ap-mode")
    with gr.Row():
        start = gr.Textbox(label="Period start (package, optional)", placeholder="2026-01-01", elem_id="ap-start")
        end = gr.Textbox(label="Period end", placeholder="2026-12-31", elem_id="ap-end")
        year = gr.Number(label="Renewal year", value=date.today().year + 1, precision=0, elem_id="ap-year")
    trace = gr.Textbox(label="Trace-back lots (package, optional): the finished lots the inspector named, "
                             "separated by commas or spaces; empty takes the profile's evenly spaced sample",
                       placeholder="MPG-260306-01, BBF-260625-02", elem_id="ap-trace")
    checklist = gr.Dataframe(headers=CHECK_COLUMNS, label="Completeness checklist (what the certifier expects)",
                             interactive=False, max_height=360, elem_id="ap-checklist", wrap=True,
                             column_widths=["34%", "12%", "46%", "8%"])
    go = ui.guard(gr.Button("Generate", variant="primary", elem_id="ap-generate"), "generate")
    status = gr.HTML(elem_id="ap-generate-status")
    out = gr.File(label="Download", interactive=False, elem_id="ap-download")

    def check(pid: str | None, request: gr.Request):
        ui.session(request)
        if not pid:
            return pd.DataFrame(columns=CHECK_COLUMNS)
        try:
            gen = ui.services.stage("generators")
            items = gen.completeness_checklist(ui.services.workspace, ui.services.store, pid)
        except StageMissing:
            return pd.DataFrame(columns=CHECK_COLUMNS)
        return pd.DataFrame([[i.record_type, i.status, i.where or "", i.count] for i in items], columns=CHECK_COLUMNS)

    def generate(pid, what, s, e, yr, lots, request: gr.Request, progress=gr.Progress()):
        try:
            session = ui.session(request)
            session.require("generate")
            gen = ui.services.stage("generators")
            if not pid:
                return '<div class="ap-warn">Choose a certifier profile.</div>', None
            ws, store = ui.services.workspace, ui.services.store
            out_dir = ws.packages_dir / f"{pid}-{datetime.now():%Y%m%d-%H%M%S}"

            def on_progress(step: str, done: int, total: int) -> None:
                progress((done, total or 1), desc=step)

            if what == "Renewal":
                result = gen.build_renewal(ws, store, pid, int(yr), out_dir, on_progress=on_progress)
            else:
                trace_lots = [t for t in re.split(r"[,;\s]+", lots or "") if t] or None
                result = gen.build_package(ws, store, pid, out_dir, period=_period(s, e), trace_lots=trace_lots,
                                           on_progress=on_progress)
            store.log(session.user, "ui.generate", "package", str(result.zip_path),
                      after={"certifier": pid, "what": what, "period": [s, e], "year": yr, "trace": lots or ""})
        except (PermissionDenied, StageMissing) as exc:
            return f'<div class="ap-warn">{esc(str(exc))}</div>', None
        except ValueError as exc:
            return f'<div class="ap-warn">Dates must look like 2026-01-31 ({esc(str(exc))}).</div>', None
        warnings = "".join(f"<li>{esc(w)}</li>" for w in (result.warnings or []))
        return (f'<div class="ap-ok">{esc(what)} ready: {esc(result.zip_path.name)}</div>'
                + (f"<ul class='ap-warnlist'>{warnings}</ul>" if warnings else "")), str(result.zip_path)

    profile.change(check, [profile], [checklist])
    go.click(generate, [profile, mode, start, end, year, trace], [status, out], concurrency_limit=1)
    return [(check, [profile], [checklist])]
