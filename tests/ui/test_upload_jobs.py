"""The Upload tab's job view without a browser (issue 16): an upload is a queued job whose state and progress
(done / total, the file being read, failures with reasons) the tab polls until the checks have run; the recent
jobs list says who, what, when, state; a job whose server died can be resumed."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import gradio as gr
import pandas as pd
import pytest

from auditpack.store import JobItemSpec
from review_ui import jobs_view
from review_ui.auth import session_for

GOOD = "cleaning/Main_Street_Bakery_sanitation_2026-H1.csv"


@pytest.fixture
def tab(services):
    from review_ui.tabs import upload

    ui = SimpleNamespace(services=services, guard=lambda c, action: c,
                         session=lambda request: session_for(services.store, request.username, False))
    with gr.Blocks() as blocks:
        [(recent, _, _)] = upload.build(ui)
    fns = {f.name: f.fn for f in blocks.fns.values()}
    yield SimpleNamespace(start=fns["start"], poll=fns["poll"], resume=fns["do_resume"], follow=fns["follow"],
                          recent=recent, services=services)
    queue = services.task_queue_attached()
    if queue is not None:
        queue.close()


def _who(name: str) -> SimpleNamespace:
    return SimpleNamespace(username=name)  # what Gradio's request carries for a signed-in user


def _poll_until_finished(tab, jid: str, refused: list, deadline_s: float = 240):
    end, seen, table = time.monotonic() + deadline_s, "", None
    while True:
        html, frame, listed, _, timer, seen = tab.poll(jid, refused, seen)
        if isinstance(listed, pd.DataFrame):  # else a skip: the job did not move since the last tick
            table = listed
        if not timer.active:
            again = tab.poll(jid, refused, seen)
            assert not isinstance(again[2], pd.DataFrame), "an unchanged job must not reread the jobs list"
            return html, frame, table
        assert time.monotonic() < end, f"job {jid} still running: {html}"
        time.sleep(0.2)


def test_progress_view_model_shows_done_total_current_file_and_failures(services):
    from app.queue import this_worker

    store = services.store
    store.create_job("j1", "ingest", "sam", [JobItemSpec(filename=n) for n in ("a.pdf", "b.pdf", "c.pdf")])
    store.start_job_item("j1", 0, this_worker())
    store.finish_job_item("j1", 0, {"status": "ingested", "kind": "invoice", "records": 3})
    store.start_job_item("j1", 1, this_worker())
    store.finish_job_item("j1", 1, {"status": "rejected", "reason": "not a PDF (the file is damaged)"})
    store.start_job_item("j1", 2, this_worker())

    p = services.job("j1")
    html = jobs_view.status_html(p)
    assert "running" in html and "2 / 3 done, 1 failed" in html and "now reading: c.pdf" in html
    assert "b.pdf: not a PDF (the file is damaged)" in html
    frame = jobs_view.summary_frame(p)
    assert frame["File"].tolist() == ["a.pdf", "b.pdf"]  # what each file became; c.pdf is "now reading"
    assert frame["Status"].tolist() == ["ingested", "rejected"]
    [row] = jobs_view.jobs_frame(services.jobs()).values.tolist()
    assert row[1:] == ["sam", "ingest 3 files", "running", "2 / 3 done, 1 failed"]

    store.finish_job_item("j1", 2, {"status": "failed", "reason": "unexpected error (a bug in AuditPack): boom"})
    done = services.job("j1")
    assert done.state == "done" and done.failed == 2 and done.current == []
    assert jobs_view.finished(done, None) and "boom" in jobs_view.status_html(done)


def test_upload_runs_as_a_job_the_tab_follows_until_the_checks_ran(tab, sample_small, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really a PDF")
    good = sample_small / GOOD
    html, frame, jid, refused, timer = tab.start([str(good), str(broken)], _who("ann"))
    assert jid and timer.active and "ingest 2 files" in html
    html, frame, table = _poll_until_finished(tab, jid, refused)
    assert "done" in html and "2 / 2 done, 1 failed" in html and "Checks ran:" in html
    assert "broken.pdf:" in html  # the failure and its reason
    statuses = dict(zip(frame["File"], frame["Status"]))
    assert statuses[good.name] in ("ingested", "needs_attention") and statuses["broken.pdf"] == "rejected"
    whats = table["What"].tolist()
    assert whats[:2] == ["checks", "ingest 2 files"] and table["Who"].tolist()[:2] == ["ann", "ann"]
    assert sorted(d.filename for d in tab.services.store.list_documents()) == sorted([good.name, "broken.pdf"])


def test_an_inspector_cannot_upload_and_nothing_is_queued(tab, sample_small):
    html, _, jid, _, timer = tab.start([str(sample_small / GOOD)], _who("ivan"))
    assert jid is None and not timer.active and "inspector" in html
    assert tab.services.jobs() == []


def test_resume_finishes_a_job_its_killed_server_left(tab, sample_small):
    from app.api.uploads import store_upload

    services = tab.services
    item = store_upload(services.workspace, "sanitation.csv", (sample_small / GOOD).read_bytes())
    services.store.create_job("j-dead", "ingest", "sam", [item])
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    services.store.start_job_item("j-dead", 0, f"in-process:{gone.pid}:00000000")
    html, _, _, _, timer = tab.follow("j-dead")  # picked in the jobs list: shown, not polled (nothing moves)
    assert "interrupted" in html and "press Resume" in html and not timer.active
    html, _, jid, _, timer = tab.resume("j-dead", _who("sam"))
    assert jid == "j-dead" and timer.active
    html, frame, _ = _poll_until_finished(tab, jid, [])
    assert "1 / 1 done" in html and "resumed after an interruption" in html
    assert frame["Status"].tolist()[0] in ("ingested", "needs_attention")
