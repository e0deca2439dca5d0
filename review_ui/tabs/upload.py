"""Upload: drop many files, see per-file progress and what each became; checks run afterwards."""
from __future__ import annotations

from pathlib import Path

import gradio as gr
import pandas as pd

from review_ui import actions
from review_ui.auth import PermissionDenied
from review_ui.presenters import esc
from review_ui.ports import StageMissing

COLUMNS = ["File", "Status", "Kind", "Records", "Reason / problems"]


def build(ui):
    missing = ui.services.missing("ingest")
    if missing:
        gr.HTML(f'<div class="ap-warn">{esc(missing)}</div>')
    limit = ui.services.settings.ui.max_upload_mb
    gr.Markdown(f"Drop PDFs, scans, Word files, spreadsheets or CSV logs (up to {limit:g} MB each). "
                "Each file is stored by its content hash; the same file twice is recognised as a duplicate. "
                "The checks run once the files are in.")
    files = gr.File(label="Documents", file_count="multiple", type="filepath", elem_id="ap-upload-files",
                    height=160)
    go = ui.guard(gr.Button("Ingest files", variant="primary", elem_id="ap-ingest"), "upload")
    status = gr.HTML(elem_id="ap-upload-status")
    summary = gr.Dataframe(headers=COLUMNS, label="Ingest summary", interactive=False, wrap=True,
                           elem_id="ap-upload-summary", max_height=420)

    def ingest(paths, request: gr.Request, progress=gr.Progress()):
        if not paths:
            return '<div class="ap-warn">Choose one or more files first.</div>', pd.DataFrame(columns=COLUMNS)
        try:
            session = ui.session(request)
            items = [(Path(p).name, Path(p)) for p in paths]
            progress((0, len(items)), desc="starting")

            def on_file(i: int, name: str) -> None:
                progress((i, len(items)), desc=f"ingesting {name}", unit="files")

            result = actions.upload(ui.services, session, items, on_file)
        except (PermissionDenied, StageMissing) as exc:
            return f'<div class="ap-warn">{esc(str(exc))}</div>', pd.DataFrame(columns=COLUMNS)
        rows = [[r.filename, r.status, r.kind or "", r.records, r.reason or ""] for r in result.rows]
        counts = pd.Series([r.status for r in result.rows]).value_counts().to_dict()
        text = ", ".join(f"{n} {s}" for s, n in counts.items())
        return (f'<div class="ap-ok">{len(rows)} files: {esc(text)}. {esc(result.check_message)}</div>',
                pd.DataFrame(rows, columns=COLUMNS))

    go.click(ingest, [files], [status, summary], concurrency_limit=1)
