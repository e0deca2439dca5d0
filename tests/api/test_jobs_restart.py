"""Issue 16: the embedded queue (no broker) loses no in-flight task on restart.

A server process queues an upload and is killed (SIGKILL) mid-job; the next server start (make_queue, what
`auditpack serve` calls) resumes the job: it completes, the checks follow once, and every document and record
is stored exactly once."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _server(ws: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.api.embedded_server", str(ws), *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _files(sample: Path, n: int) -> list[Path]:
    documents = sorted(p for p in sample.rglob("*") if p.is_file() and p.suffix in (".pdf", ".csv", ".xlsx"))
    return documents[:n]


def test_a_killed_server_resumes_its_job_and_stores_each_record_once(tmp_workspace, sample_small):
    from auditpack.store import open_store

    files = _files(sample_small, 14)
    first = _server(tmp_workspace.root, "start", *map(str, files))
    job_id = first.stdout.readline().strip()
    assert job_id, first.stderr.read()
    store = open_store(tmp_workspace)
    try:
        end = time.monotonic() + 240
        while True:  # kill once some files are in and some are not: mid-job
            job = store.get_job(job_id)
            if job.done >= 2 or time.monotonic() > end:
                break
            time.sleep(0.05)
        os.killpg(first.pid, signal.SIGKILL)  # the server and its reader processes, no clean-up
        first.wait(timeout=30)
        killed = store.get_job(job_id)
        assert 0 < killed.done < killed.total, "the kill must land mid-job"
        from app.queue import worker_gone
        from auditpack.store.job_progress import progress_of

        before = progress_of(killed, worker_gone)
        cut = [i.position for i in killed.items if i.state == "running"]  # held by the killed server
        assert before.state == ("interrupted" if cut else "running") and before.interrupted == len(cut)

        again = _server(tmp_workspace.root, "resume")
        out, err = again.communicate(timeout=300)
        assert again.returncode == 0, err[-2000:]
        assert job_id in out.split()  # the restart named the job it resumed

        job = store.get_job(job_id)
        after = progress_of(job, worker_gone)
        assert after.state == "done" and after.done == after.total == len(files)
        assert all(job.items[p].attempts == killed.items[p].attempts + 1 for p in cut)
        statuses = Counter(i.outcome["status"] for i in job.items)
        # a document stored just before the kill counts as this job's (never "duplicate")
        assert statuses["ingested"] + statuses["needs_attention"] == len(files), statuses
        docs = store.list_documents()
        assert len(docs) == len({d.sha256 for d in docs}) == len(files)
        writes = Counter(e.entity_id for e in store.audit_log(limit=100_000) if e.action == "document.ingest")
        assert set(writes.values()) == {1} and len(writes) == len(files)
        record_ids = [r.id for r in store.records()]
        assert len(record_ids) == len(set(record_ids)) == sum(i.outcome["records"] for i in job.items)
        # the checks follow the resumed upload, once
        assert job.followup_job and store.get_job(job.followup_job).done == 1
        assert sum(1 for j in store.list_jobs(limit=100) if j.kind == "check") == 1
    finally:
        store.close()
        for p in (first,):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
