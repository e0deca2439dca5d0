"""Upload: drop many files; they become a queued job whose progress shows here, and the recent jobs below.

The files are kept as originals and queued (one ingest task each, on the
server's queue: its threads, or Celery workers); the checks follow by
themselves once the last file is in. A gr.Timer polls the job while it runs,
so the page shows done / total, the file being read and failures with their
reasons, and a job started elsewhere (the API, another person) can be picked
and followed too. A job its server died holding can be resumed. A role that may not upload sees the jobs
(reading is open to every role) but no drop zone, Ingest or Resume: one line says which role they need.
"""
from __future__ import annotations

from pathlib import Path

import gradio as gr

from auditpack.errors import StoreError
from auditpack.store.job_progress import JobProgress, Refused
from review_ui import actions, jobs_view
from review_ui.auth import PermissionDenied
from review_ui.presenters import esc
from review_ui.ports import StageMissing
from review_ui.roles_view import role_note

POLL_S = 1.0
RECENT = 10


def build(ui):
    services = ui.services
    missing = services.missing("ingest")
    if missing:
        gr.HTML(f'<div class="ap-warn">{esc(missing)}</div>')
    limit = services.settings.ui.max_upload_mb
    role_note(ui, "upload", "ap-upload-role-note")
    ui.guard(gr.Markdown(f"Drop PDFs, scans, Word files, spreadsheets or CSV logs (up to {limit:g} MB each). "
                         "Each file is stored by its content hash; the same file twice is recognised as a "
                         "duplicate. The files are read in the background (you may leave this page); the checks "
                         "run once they are in.", elem_id="ap-upload-intro"), "upload")
    files = ui.guard(gr.File(label="Documents", file_count="multiple", type="filepath", elem_id="ap-upload-files",
                             height=160), "upload")
    go = ui.guard(gr.Button("Ingest files", variant="primary", elem_id="ap-ingest"), "upload")
    status = gr.HTML(elem_id="ap-upload-status")
    summary = gr.Dataframe(headers=jobs_view.SUMMARY_COLUMNS, label="Ingest summary", interactive=False, wrap=True,
                           elem_id="ap-upload-summary", max_height=420)
    gr.Markdown("#### Jobs")
    jobs_table = gr.Dataframe(headers=jobs_view.JOBS_COLUMNS, label="Recent jobs (newest first)", interactive=False,
                              elem_id="ap-jobs", max_height=300)
    with gr.Row():
        pick = gr.Dropdown([], label="Follow a job", scale=4, elem_id="ap-job-pick")
        refresh = gr.Button("Refresh jobs", scale=1, elem_id="ap-jobs-refresh")
        resume = ui.guard(gr.Button("Resume", scale=1, elem_id="ap-job-resume"), "upload")
    job_id = gr.State(None)
    refused = gr.State([])
    seen = gr.State("")  # what the last tick showed of the followed job
    timer = gr.Timer(POLL_S, active=False)

    def recent():
        jobs = services.jobs(RECENT)
        return jobs_view.jobs_frame(jobs), gr.update(choices=jobs_view.job_choices(jobs))

    def view(jid: str | None, refused_rows: list[dict]):
        """Status, summary and whether to keep polling, for the followed job."""
        gone = [Refused(**r) for r in refused_rows or []]
        if not jid:
            return jobs_view.status_html(None, None, gone), jobs_view.summary_frame(None, gone), False
        try:
            p = services.job(jid)
        except StoreError as exc:
            return f'<div class="ap-warn">{esc(str(exc))}</div>', jobs_view.summary_frame(None), False
        check, pending = _followup(p)
        # an interrupted job moves again only after Resume (which starts the timer again)
        busy = p.state != "interrupted" and (pending or not jobs_view.finished(p, check))
        return jobs_view.status_html(p, check, gone), jobs_view.summary_frame(p, gone), busy

    def _followup(p: JobProgress) -> tuple[JobProgress | None, bool]:
        """The check run an upload queued, and whether one is still to appear (named, not yet created)."""
        if p.followup_job:
            try:
                return services.job(p.followup_job), False
            except StoreError:
                return None, True
        read = any((i.outcome or {}).get("status") in ("ingested", "needs_attention") for i in p.items or [])
        return None, p.kind == "ingest" and p.state == "done" and read

    def start(paths, request: gr.Request):
        empty = jobs_view.summary_frame(None)
        if not paths:
            return ('<div class="ap-warn">Choose one or more files first.</div>', empty, None, [],
                    gr.Timer(active=False))
        try:
            session = ui.session(request)
            actions.require(services, session, "upload", "upload")
            if missing:
                raise StageMissing(missing)
            made = services.submit_upload([(Path(p).name, Path(p)) for p in paths], session.user)
        except (PermissionDenied, StageMissing) as exc:
            return f'<div class="ap-warn">{esc(str(exc))}</div>', empty, None, [], gr.Timer(active=False)
        rows = [r.model_dump() for r in made.refused]
        jid = made.job.id if made.job else None
        html, frame, busy = view(jid, rows)
        return html, frame, jid, rows, gr.Timer(active=busy)

    def poll(jid: str | None, refused_rows: list[dict], seen: str):
        """One tick: the followed job's view; the recent jobs list (every job's items read) only when the
        followed job moved, so a thousand-file upload does not reread them all every second."""
        html, frame, busy = view(jid, refused_rows)
        mark = f"{busy}{html}"  # the status shows done / total and the files being read: it moved if this did
        if mark == seen:
            return html, frame, gr.skip(), gr.skip(), gr.Timer(active=busy), mark
        table, choices = recent()
        return html, frame, table, choices, gr.Timer(active=busy), mark

    def follow(jid: str | None):
        html, frame, busy = view(jid, [])
        return html, frame, jid, [], gr.Timer(active=busy)

    def do_resume(jid: str | None, request: gr.Request):
        if not jid:
            return '<div class="ap-warn">Pick a job to resume first.</div>', jobs_view.summary_frame(None), jid, \
                [], gr.Timer(active=False)
        try:
            session = ui.session(request)
            actions.require(services, session, "upload", "job")
            services.resume_job(jid, session.user)
        except (PermissionDenied, StoreError) as exc:
            return f'<div class="ap-warn">{esc(str(exc))}</div>', jobs_view.summary_frame(None), jid, [], \
                gr.Timer(active=False)
        return follow(jid)

    outputs = [status, summary, job_id, refused, timer]
    go.click(start, [files], outputs, concurrency_limit=1).then(recent, None, [jobs_table, pick])
    timer.tick(poll, [job_id, refused, seen], [status, summary, jobs_table, pick, timer, seen])
    pick.input(follow, [pick], outputs)
    resume.click(do_resume, [pick], outputs).then(recent, None, [jobs_table, pick])
    refresh.click(recent, None, [jobs_table, pick])
    return [(recent, None, [jobs_table, pick])]
