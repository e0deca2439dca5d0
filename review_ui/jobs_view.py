"""What the Upload tab shows of a job: its state and progress, the per-file summary, and the recent jobs.

Pure functions of `JobProgress` (auditpack/store/job_progress.py), the model the
API's GET /jobs/{id} reports too, so the tab and the API never disagree; the
tab polls them with a gr.Timer while the job runs (review_ui/tabs/upload.py).
"""
from __future__ import annotations

import pandas as pd

from auditpack.store.job_progress import JobProgress, Refused
from review_ui.presenters import esc

SUMMARY_COLUMNS = ["File", "Status", "Kind", "Records", "Reason / problems"]
JOBS_COLUMNS = ["When", "Who", "What", "State", "Progress"]
STATE_WORDS = {"queued": "queued", "running": "running", "interrupted": "interrupted", "done": "done"}


def what(p: JobProgress) -> str:
    """A job in a few words: 'ingest 12 files', 'checks', 'package generic-nop'."""
    if p.kind == "ingest":
        return f"ingest {p.total} file{'s' if p.total != 1 else ''}"
    if p.kind == "package":
        return f"package {p.params.get('certifier', '')}".strip()
    return "checks"


def progress_text(p: JobProgress) -> str:
    """'7 / 12 done, 1 failed' (what a person reads in a list)."""
    text = f"{p.done} / {p.total} done"
    if p.failed:
        text += f", {p.failed} failed"
    return text


def finished(p: JobProgress, check: JobProgress | None) -> bool:
    """Nothing more will change: the job is done and so is the check run it queued (if any)."""
    if p.state != "done":
        return False
    return check is None or check.state == "done"


def _check_message(check: JobProgress | None) -> str:
    if check is None:
        return ""
    if check.state != "done":
        return "Checks queued; they run once the files are in." if check.state == "queued" else "Checks running."
    out = (check.items[0].outcome if check.items else None) or {}
    if out.get("status") == "failed":
        return f"Checks failed: {out.get('reason', '')}"
    msg = (f"Checks ran: {out.get('findings', 0)} findings ({out.get('new', 0)} new, {out.get('resolved', 0)} "
           f"resolved, {out.get('kept_decisions', 0)} decided kept).")
    return " ".join([msg, *(out.get("warnings") or [])])


def status_html(p: JobProgress | None, check: JobProgress | None = None, refused: list[Refused] | None = None) -> str:
    """The job's state, done / total, the file being read, failures with reasons, and then the checks."""
    refused = refused or []
    if p is None:
        if refused:
            why = "; ".join(f"{r.filename}: {r.reason}" for r in refused)
            return f'<div class="ap-warn">Nothing queued: {esc(why)}</div>'
        return ""
    cls = {"done": "ap-ok", "interrupted": "ap-warn"}.get(p.state, "ap-msg")
    parts = [f"<b>{esc(what(p))}</b> by {esc(p.created_by)}: <b>{STATE_WORDS[p.state]}</b>, "
             f"{esc(progress_text(p))}"]
    if p.kind == "ingest" and p.items is not None and p.state == "done":
        counts: dict[str, int] = {}
        for i in p.items:
            status = str((i.outcome or {}).get("status", "?"))
            counts[status] = counts.get(status, 0) + 1
        parts.append(f"{len(p.items)} files: " + esc(", ".join(f"{n} {s}" for s, n in counts.items())) + ".")
    if p.current:
        parts.append("now reading: " + esc(", ".join(p.current[:3])) + (" …" if len(p.current) > 3 else ""))
    if p.state == "interrupted":
        parts.append(f"{p.interrupted} item(s) stopped when their server stopped: press Resume to finish them "
                     "(nothing already stored is read twice)")
    elif p.retried:
        parts.append(f"{p.retried} item(s) resumed after an interruption")
    msg = _check_message(check)
    if msg:
        parts.append(esc(msg))
    html = f'<div class="{cls}">' + "<br>".join(parts) + "</div>"
    problems = [(f.filename or f"item {f.position + 1}", f.reason) for f in p.failures]
    problems += [(r.filename, r.reason) for r in refused]
    if problems:
        html += ('<div class="ap-warn">Failed:<ul>' +
                 "".join(f"<li>{esc(name)}: {esc(reason)}</li>" for name, reason in problems) + "</ul></div>")
    return html


def summary_frame(p: JobProgress | None, refused: list[Refused] | None = None) -> pd.DataFrame:
    """One row per file once it is read: its status, kind, records, reason (a file still queued or being read
    is in the status above: done / total and "now reading"), then the refused files."""
    rows = []
    for i in (p.items or []) if p is not None else []:
        if i.state != "done":
            continue
        o = i.outcome or {}
        reason = o.get("reason") or "; ".join(o.get("problems") or []) or ""
        rows.append([i.filename or "", o.get("status", ""), o.get("kind") or "", o.get("records", ""), reason])
    rows += [[r.filename, "rejected", "", "", r.reason] for r in refused or []]
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def jobs_frame(jobs: list[JobProgress]) -> pd.DataFrame:
    """Recent jobs: when (the server's local time, as the store keeps it), who, what, state, progress."""
    rows = [[p.created_at.strftime("%Y-%m-%d %H:%M"), p.created_by, what(p), STATE_WORDS[p.state], progress_text(p)]
            for p in jobs]
    return pd.DataFrame(rows, columns=JOBS_COLUMNS)


def job_choices(jobs: list[JobProgress]) -> list[tuple[str, str]]:
    """(label, id) for the job picker: the newest first."""
    return [(f"{p.created_at:%m-%d %H:%M} {what(p)} ({p.created_by}, {STATE_WORDS[p.state]})", p.id) for p in jobs]
