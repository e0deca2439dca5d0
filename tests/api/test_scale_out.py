"""Done-when of issue 16 (queue part): the `small` sample through the API on two Celery workers with Redis and
PostgreSQL, one worker killed mid-document, every record stored exactly once, the same records as the
embedded default (no broker, SQLite) gives for the same files."""
from __future__ import annotations

import os
import signal
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.api.conftest import add_users, bearer, wait_job

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _sample_files(sample: Path) -> list[Path]:
    return sorted(p for p in sample.rglob("*") if p.is_file())


def _upload(client, token: str, sample: Path) -> dict:
    files = [("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in _sample_files(sample)]
    made = client.post("/api/v1/documents", headers=bearer(token), files=files)
    assert made.status_code == 202, made.text
    return made.json()


def _stored(client, token: str, services) -> dict:
    records = client.get("/api/v1/records", headers=bearer(token)).json()
    ingests = Counter(e.entity_id for e in services.store.audit_log(limit=100_000) if e.action == "document.ingest")
    return {"ids": sorted(r["id"] for r in records), "documents": len(services.store.list_documents()),
            "ingest_writes": ingests}


LONG_LOG = "zz-sanitation-log-line-2.pdf"  # sorts last: both workers have taken documents before it


def _long_log(path: Path, pages: int = 30) -> Path:
    """A sanitation log of `pages` pages of 45 rows: seconds to read, so a worker can be killed while it holds it."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(50, 750, "Sanitation Log - Line 2")
    for page in range(pages):
        c.setFont("Helvetica", 9)
        for x, head in ((50, "Date"), (130, "Equipment"), (260, "Cleaner"), (380, "Concentration"), (480, "Initials")):
            c.drawString(x, 720, head)
        for row in range(45):
            n = page * 45 + row
            cells = (f"2026-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}", f"Mixer {row % 4 + 1}", "Peracetic acid",
                     "150 ppm", "JD")
            for x, text in zip((50, 130, 260, 380, 480), cells):
                c.drawString(x, 706 - 14 * row, text)
        c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def sample(sample_small, tmp_path_factory) -> Path:
    """The `small` sample and one long log, the same files for the embedded flow and the workers."""
    import shutil

    out = tmp_path_factory.mktemp("sample-and-long-log") / "files"
    shutil.copytree(sample_small, out)
    _long_log(out / LONG_LOG)
    return out


@pytest.fixture(scope="module")
def embedded(sample, tmp_path_factory) -> dict:
    """The flow on the embedded default: API, in-process queue, SQLite, no broker, no Celery."""
    from fastapi.testclient import TestClient

    from app.api.app import create_app
    from app.queue import EmbeddedQueue, make_queue
    from app.services import Services
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace

    ws = init_workspace(tmp_path_factory.mktemp("embedded") / "ws", "Test Organics LLC")
    assert ws.settings.queue.kind == "embedded" and ws.settings.database.kind == "sqlite"
    store = open_store(ws)
    tokens = add_users(store)
    services = Services(ws, store)
    queue = make_queue(services)
    assert isinstance(queue, EmbeddedQueue)
    with TestClient(create_app(services, queue)) as client:
        job = wait_job(client, tokens["sam"], _upload(client, tokens["sam"], sample)["id"], 600)
        check = wait_job(client, tokens["sam"], job["followup_job"], 300)
        result = {"job": job, "check": check, **_stored(client, tokens["sam"], services)}
    queue.close()
    store.close()
    return result


def test_embedded_default_ingests_every_file_once_with_no_broker(embedded, sample):
    job = embedded["job"]
    assert job["done"] == job["total"] == len(_sample_files(sample))
    statuses = Counter(i["outcome"]["status"] for i in job["items"])
    assert statuses["ingested"] + statuses["needs_attention"] >= job["total"] - 2, statuses
    assert all(i["attempts"] == 1 and i["worker"].startswith("in-process") for i in job["items"])
    assert len(embedded["ids"]) == len(set(embedded["ids"])) == sum(i["outcome"]["records"] for i in job["items"])
    assert set(embedded["ingest_writes"].values()) == {1}
    assert embedded["check"]["items"][0]["outcome"]["findings"] > 0


@pytest.fixture
def fresh_pg_url(pg_url: str) -> str:
    """A database of its own on the session's PostgreSQL server."""
    from sqlalchemy import create_engine, text

    name = f"scale_{uuid.uuid4().hex[:10]}"
    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return pg_url.rsplit("/", 1)[0] + f"/{name}"


def test_two_celery_workers_one_killed_mid_document_lose_and_duplicate_nothing(
        embedded, sample, fresh_pg_url, tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from app.api.app import create_app
    from app.queue import CeleryQueue, make_queue
    from app.services import Services
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace, open_workspace
    from tests.api.servers import redis_server, start_worker

    try:
        redis_cm = redis_server(tmp_path / "redis")
        broker = redis_cm.__enter__()
    except RuntimeError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis server could be started: {exc}")
    env = {"AUDITPACK_DATABASE_URL": fresh_pg_url, "AUDITPACK_BROKER_URL": broker, "AUDITPACK_EMBEDDINGS": "hash"}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    root = tmp_path / "ws"
    init_workspace(root, "Test Organics LLC")
    # a dead worker's task goes to the other after 8 s (the default, an hour, is for real documents)
    with (root / "auditpack.toml").open("a", encoding="utf-8") as f:
        f.write("\n[queue]\nvisibility_timeout_s = 8\n")
    ws = open_workspace(root)
    assert ws.settings.queue.kind == "celery" and ws.settings.database.kind == "postgresql"
    store = open_store(ws)
    tokens = add_users(store)
    services = Services(ws, store)
    queue = make_queue(services)
    assert isinstance(queue, CeleryQueue)
    workers = {name: start_worker(root, name, env, tmp_path / f"{name}.log") for name in ("w1@test", "w2@test")}
    try:
        for _ in range(300):  # both workers listening before the upload, so both take documents
            if len(queue.celery.control.ping(timeout=0.5) or []) >= 2:
                break
            assert all(p.poll() is None for p in workers.values()), (tmp_path / "w1@test.log").read_text()[-2000:]
        else:
            raise AssertionError("the workers did not answer a ping")
        with TestClient(create_app(services, queue)) as client:
            job_id = _upload(client, tokens["sam"], sample)["id"]
            # kill the worker reading the long log (seconds of work) a moment after it started, once a few
            # documents are in: whichever worker took it, it dies holding a document
            for _ in range(6000):
                snapshot = store.get_job(job_id)
                holding = [i for i in snapshot.items if i.state == "running" and i.filename == LONG_LOG
                           and i.started_at is not None and datetime.now() - i.started_at > timedelta(seconds=0.3)]
                if holding and snapshot.done >= 3:
                    break
                assert not any(i.filename == LONG_LOG and i.state == "done" for i in snapshot.items), \
                    "the long log was read before it was seen being read"
                time.sleep(0.02)
            else:
                raise AssertionError("no worker was seen reading the long log")
            victim = holding[0].worker
            survivor = next(name for name in workers if name != victim)
            os.killpg(workers[victim].pid, signal.SIGKILL)
            workers[victim].wait(timeout=30)
            interrupted = [i.position for i in store.get_job(job_id).items
                           if i.state == "running" and i.worker == victim]
            assert interrupted, f"{victim} was killed holding a document"

            job = wait_job(client, tokens["sam"], job_id, 600)
            check = wait_job(client, tokens["sam"], job["followup_job"], 300)
            stored = _stored(client, tokens["sam"], services)
        items = {i["position"]: i for i in job["items"]}
        for pos in interrupted:  # redelivered to the surviving worker and finished there
            assert items[pos]["attempts"] >= 2 and items[pos]["worker"] == survivor, items[pos]
        workers_used = Counter(i["worker"] for i in job["items"])
        assert workers_used[victim] > 0 and workers_used[survivor] > 0, workers_used
        assert job["done"] == job["total"] == embedded["job"]["total"]
        # every record exactly once, and the same records as the embedded default
        assert len(stored["ids"]) == len(set(stored["ids"]))
        assert stored["ids"] == embedded["ids"]
        assert stored["documents"] == embedded["documents"]
        assert set(stored["ingest_writes"].values()) == {1}, "a document was written twice"
        assert check["items"][0]["outcome"]["findings"] == embedded["check"]["items"][0]["outcome"]["findings"]
    finally:
        for p in workers.values():
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
                try:
                    p.wait(timeout=30)
                except Exception:  # noqa: BLE001
                    os.killpg(p.pid, signal.SIGKILL)
        queue.close()
        store.close()
        redis_cm.__exit__(None, None, None)
