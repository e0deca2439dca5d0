"""Scale-out figures on this machine: ingest throughput with 1 and 2 Celery workers, API latency under 20
concurrent clients, and what one more machine would add (a projection from the measured per-worker rate).

    python bench/scale.py [--preset small|year] [--clients 20] [--seconds 30] [--workers 1,2]

Starts its own throwaway servers, all on loopback: PostgreSQL (the shared store Celery needs) and
redis-server (the broker), then `auditpack worker` processes as a user starts them. For each worker count
the sample's documents are uploaded as one job (Services.submit_upload, what the Upload tab and
POST /documents do) and timed from the upload to the last item done. The API bench then runs the REST API
(uvicorn, its own process) over the ingested workspace and `--clients` threads that for `--seconds` list
findings and record a decision (a comment, with the version just read: a 409 when another client was
faster is counted, not hidden). Printed, not asserted: the figures depend on the machine and its load.
"""
from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) >= 2 else (values[0] if values else 0.0)


def _fresh_db(pg_url: str) -> str:
    from sqlalchemy import create_engine, text

    name = f"scale_{os.urandom(5).hex()}"
    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return pg_url.rsplit("/", 1)[0] + f"/{name}"


def ingest_run(files: list[Path], n_workers: int, pg_url: str, broker: str, tmp: Path) -> dict:
    """One upload of `files` on `n_workers` Celery workers; returns timing and the workspace's settings."""
    from app.plugins import install
    from app.services import Services
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace, open_workspace
    from tests.api.servers import start_worker

    install()
    env = {"AUDITPACK_DATABASE_URL": _fresh_db(pg_url), "AUDITPACK_BROKER_URL": broker,
           "AUDITPACK_EMBEDDINGS": "hash"}
    os.environ.update(env)
    root = tmp / f"ws-{n_workers}"
    init_workspace(root, "Bench Organics LLC")
    ws = open_workspace(root)
    store = open_store(ws)
    services = Services(ws, store)
    queue = services.task_queue()
    workers = [start_worker(root, f"w{i}@bench", env, tmp / f"w{n_workers}-{i}.log") for i in range(n_workers)]
    try:
        for _ in range(300):
            if len(queue.celery.control.ping(timeout=0.5) or []) >= n_workers:  # type: ignore[attr-defined]
                break
        else:
            raise RuntimeError("the workers did not answer a ping")
        t0 = time.perf_counter()
        job = services.submit_upload([(p.name, p) for p in files], "bench").job
        assert job is not None
        shown = t0
        while (p := services.job(job.id, items=False)).state != "done":
            time.sleep(0.2)
            if time.perf_counter() - shown >= 30:  # a long run says how far it is
                shown = time.perf_counter()
                print(f"  ... {p.done} of {p.total} documents after {shown - t0:.0f} s", flush=True)
        seconds = time.perf_counter() - t0
        while p.followup_job is None or services.job(p.followup_job, items=False).state != "done":
            time.sleep(0.5)  # the API bench needs the findings the check run makes
            p = services.job(job.id, items=False)
        return {"workers": n_workers, "docs": len(files), "seconds": seconds, "failed": p.failed,
                "mb": sum(f.stat().st_size for f in files) / 1e6, "root": root, "env": env}
    finally:
        for w in workers:
            w.terminate()
            w.wait(timeout=60)
        queue.close()
        store.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(root: str, port: int) -> None:
    """(subprocess) The REST API alone over the workspace, on loopback."""
    import uvicorn

    from app.api.app import create_app
    from app.plugins import install
    from app.queue import make_queue
    from app.services import Services
    from auditpack.store import open_store
    from auditpack.workspace import open_workspace

    install()
    ws = open_workspace(Path(root))
    services = Services(ws, open_store(ws))
    uvicorn.run(create_app(services, make_queue(services)), host="127.0.0.1", port=port, log_level="warning")


def api_run(run: dict, clients: int, seconds: float) -> dict:
    """`clients` threads for `seconds`: GET /findings and POST a decision, each timed."""
    import httpx

    from auditpack.store import open_store
    from auditpack.workspace import open_workspace
    from tests.api.conftest import add_users

    ws = open_workspace(run["root"])
    store = open_store(ws)
    tokens = add_users(store)
    store.close()
    port = _free_port()
    log = open(Path(run["root"]).parent / "api-server.log", "w")  # a 500's traceback: counted here, kept there
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(run["root"]), str(port)],
                              env={**os.environ, **run["env"]}, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/api/v1"
    head = {"Authorization": f"Bearer {tokens['rita']}"}
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/me", headers=head, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        ids = [f["finding"]["id"] for f in httpx.get(f"{base}/findings", headers=head, timeout=30).json()]
        lists: list[float] = []
        decides: list[float] = []
        codes: dict[str, int] = {}
        lock = threading.Lock()
        end = time.monotonic() + seconds

        def client(i: int) -> None:
            rng = random.Random(i)
            with httpx.Client(base_url=base, headers=head, timeout=30) as c:
                while time.monotonic() < end:
                    try:
                        t = time.perf_counter()
                        r = c.get("/findings")
                        took = time.perf_counter() - t
                        fid = rng.choice(ids)
                        version = c.get(f"/findings/{fid}").json()["version"]
                        t = time.perf_counter()
                        d = c.post(f"/findings/{fid}/decisions", json={
                            "action": "comment", "expected_version": version, "comment": f"bench client {i}"})
                        took2 = time.perf_counter() - t
                    except httpx.HTTPError:  # counted, and the client goes on: 20 clients for the whole run
                        with lock:
                            codes["connection error"] = codes.get("connection error", 0) + 1
                        continue
                    with lock:
                        lists.append(took)
                        decides.append(took2)
                        for code in (r.status_code, d.status_code):
                            codes[str(code)] = codes.get(str(code), 0) + 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        log.flush()
        errors = Path(log.name).read_text(encoding="utf-8", errors="replace").count("\nTraceback")
        return {"findings": len(ids), "list": lists, "decide": decides, "codes": codes, "tracebacks": errors}
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preset", default="year")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", default="1,2", help="worker counts to measure, comma-separated")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--serve", nargs=2, metavar=("WORKSPACE", "PORT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        return serve(args.serve[0], int(args.serve[1]))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sample.api import generate
    from tests.api.servers import redis_server
    from tests.postgres_server import postgres_server

    counts = [int(n) for n in args.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="auditpack-scale-") as tmp_name:
        tmp = Path(tmp_name)
        generate(tmp / "sample", preset=args.preset, seed=args.seed)
        files = sorted(p for p in (tmp / "sample").rglob("*") if p.is_file() and p.suffix != ".json")
        print(f"sample {args.preset!r}: {len(files)} documents; machine: {os.cpu_count()} cores", flush=True)
        with postgres_server() as pg_url, redis_server(tmp / "redis") as broker:
            runs = []
            for n in counts:
                r = ingest_run(files, n, pg_url, broker, tmp)
                runs.append(r)
                print(f"ingest, {n} worker(s): {r['docs']} docs in {r['seconds']:.1f} s = "
                      f"{r['docs'] / r['seconds']:.2f} docs/s, {1000 * r['mb'] / r['seconds']:.1f} kB/s "
                      f"({r['failed']} failed; load average {os.getloadavg()[0]:.1f})", flush=True)
            a = api_run(runs[-1], args.clients, args.seconds)
            labels = {"list": f"GET /findings ({a['findings']} findings)", "decide": "POST a decision"}
            for name, label in labels.items():
                v = a[name]
                print(f"API {label}, {args.clients} clients, {args.seconds:g} s: {len(v)} requests, "
                      f"p50 {1000 * _pct(v, 50):.0f} ms, p95 {1000 * _pct(v, 95):.0f} ms", flush=True)
            print(f"API status codes: {dict(sorted(a['codes'].items()))}; server tracebacks: {a['tracebacks']}; "
                  f"load average {os.getloadavg()[0]:.1f}", flush=True)
        per_worker = runs[0]["docs"] / runs[0]["seconds"] / runs[0]["workers"]
        if len(runs) > 1:
            best = runs[-1]["docs"] / runs[-1]["seconds"]
            eff = best / (per_worker * runs[-1]["workers"])
        else:
            best, eff = per_worker, 1.0
        cores = os.cpu_count() or 1
        print(f"projection (not a measurement): {per_worker:.2f} docs/s per worker, scaling efficiency "
              f"{eff:.0%} at {runs[-1]['workers']} workers here; one more machine like this one ({cores} workers) "
              f"would add about {per_worker * cores * eff:.2f} docs/s (total ~{best + per_worker * cores * eff:.2f} "
              "docs/s), if PostgreSQL and Redis keep up", flush=True)


if __name__ == "__main__":
    main()
