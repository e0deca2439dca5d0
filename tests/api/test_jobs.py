"""Job progress through the API: the fields the review UI shows (state, done / total, failed, the files being
read, failures with reasons), the recent jobs list, and resuming a job whose server died holding it."""
from __future__ import annotations

import subprocess
import sys

from tests.api.conftest import bearer, wait_job

GOOD = "cleaning/Main_Street_Bakery_sanitation_2026-H1.csv"


def _dead_pid() -> int:
    """The id of a process that has exited (what a killed server's workers are named after)."""
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_get_job_reports_progress_failures_and_the_recent_jobs_list(api, sample_small):
    client, tokens, services = api
    files = [("files", ("sanitation.csv", (sample_small / GOOD).read_bytes(), "text/csv")),
             ("files", ("broken.pdf", b"%PDF-1.4 this is not really a PDF", "application/pdf"))]
    made = client.post("/api/v1/documents", headers=bearer(tokens["sam"]), files=files)
    assert made.status_code == 202, made.text
    job = wait_job(client, tokens["sam"], made.json()["id"])
    p = job["progress"]
    assert p["state"] == "done" and p["done"] == p["total"] == 2 and p["current"] == []
    assert p["failed"] == 1 and [f["filename"] for f in p["failures"]] == ["broken.pdf"]
    broken = next(i for i in job["items"] if i["filename"] == "broken.pdf")
    assert p["failures"][0]["reason"] == broken["outcome"]["reason"] and p["failures"][0]["reason"]
    assert p["created_by"] == "sam" and p["kind"] == "ingest" and p["finished_at"] is not None

    wait_job(client, tokens["sam"], job["followup_job"])
    listed = client.get("/api/v1/jobs", headers=bearer(tokens["ivan"]), params={"limit": 5})
    assert listed.status_code == 200
    rows = listed.json()
    assert [r["kind"] for r in rows] == ["check", "ingest"]  # newest first
    assert rows[1]["id"] == job["id"] and rows[1]["created_by"] == "sam" and rows[1]["failed"] == 1
    assert client.get("/api/v1/jobs", headers=bearer(tokens["ivan"]), params={"limit": 1}).json()[0]["kind"] == "check"


def test_a_job_whose_worker_died_shows_interrupted_and_resumes(api, sample_small):
    from app.api.uploads import store_upload
    from app.queue import this_worker

    client, tokens, services = api
    store, ws = services.store, services.workspace
    names = ["sanitation.csv", "payette.xlsx"]
    sources = [GOOD, "invoices/Payette_Trading_Company_69295.xlsx"]
    items = [store_upload(ws, n, (sample_small / s).read_bytes()) for n, s in zip(names, sources)]
    store.create_job("j-interrupted", "ingest", "sam", items)
    store.start_job_item("j-interrupted", 0, f"in-process:{_dead_pid()}:00000000")  # its server was killed

    p = client.get("/api/v1/jobs/j-interrupted", headers=bearer(tokens["ivan"])).json()["progress"]
    assert p["state"] == "interrupted" and p["interrupted"] == 1 and p["current"] == [] and p["done"] == 0

    store.create_job("j-live", "ingest", "sam", items[:1])
    store.start_job_item("j-live", 0, this_worker())  # a worker of this very server, alive
    live = client.get("/api/v1/jobs/j-live", headers=bearer(tokens["ivan"])).json()["progress"]
    assert live["state"] == "running" and live["current"] == ["sanitation.csv"] and live["interrupted"] == 0

    refused = client.post("/api/v1/jobs/j-interrupted/resume", headers=bearer(tokens["ivan"]))
    assert refused.status_code == 403
    assert client.post("/api/v1/jobs/nope/resume", headers=bearer(tokens["sam"])).status_code == 404
    resumed = client.post("/api/v1/jobs/j-interrupted/resume", headers=bearer(tokens["sam"]))
    assert resumed.status_code == 200, resumed.text
    job = wait_job(client, tokens["sam"], "j-interrupted")
    assert job["progress"]["state"] == "done" and job["progress"]["failed"] == 0
    assert [i["attempts"] for i in job["items"]] == [2, 1]  # the interrupted item ran again, the other once
    assert {i["outcome"]["status"] for i in job["items"]} <= {"ingested", "needs_attention"}
    assert len(store.list_documents()) == 2
    assert any(e.action == "job.resume" and e.actor == "sam" for e in store.audit_log(entity_id="j-interrupted"))


def test_the_last_item_creates_the_check_run_in_the_same_transaction(store):
    """A client that sees an upload done sees its check run already created (never done with no follow-up)."""
    from auditpack.store import JobItemSpec
    from auditpack.store.jobs import FollowUp

    def followup(n: int) -> FollowUp:
        return FollowUp(id=f"check-{n}", kind="check", when_any=("ingested", "needs_attention"))

    store.create_job("up", "ingest", "sam", [JobItemSpec(filename="a.pdf"), JobItemSpec(filename="b.pdf")])
    assert not store.finish_job_item("up", 0, {"status": "rejected", "reason": "damaged"}, followup(1))
    assert store.get_job("up").followup_job is None and not store.has_job("check-1")
    assert store.finish_job_item("up", 1, {"status": "ingested"}, followup(2))
    job = store.get_job("up")
    assert job.followup_job == "check-2" and store.get_job("check-2").items[0].state == "queued"
    assert store.get_job("check-2").created_by == "sam" and store.get_job("check-2").params == {"after": "up"}
    assert not store.finish_job_item("up", 1, {"status": "ingested"}, followup(3))  # a redelivery: nothing new
    assert not store.has_job("check-3")

    store.create_job("dups", "ingest", "sam", [JobItemSpec(filename="a.pdf")])
    assert store.finish_job_item("dups", 0, {"status": "duplicate"}, followup(4))
    assert store.get_job("dups").followup_job is None and not store.has_job("check-4")  # nothing new to check
