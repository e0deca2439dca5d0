"""What many operations cost one server: start-up (one review UI app per operation) and the per-request gate.

Prints figures, asserts nothing. Run: `.venv/bin/python bench/operations.py [--operations N] [--requests N]`.
Start-up is the time `build_server` takes with N operations besides the default (only the default's Gradio
Blocks are built then); an operation's UI is built on its first page request by a member, timed next (first
and second request); the gate figure is the median time of GET /records through the API, on the default
operation's plain path and on an operation's path (token check, membership check, that operation's store),
in-process (FastAPI TestClient, no network).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--operations", type=int, default=2, help="operations besides the default")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    if args.operations < 1:
        parser.error("--operations: at least 1 (the figures compare the default with operation op0)")

    from fastapi.testclient import TestClient

    from app.api.auth import new_token, token_digest
    from app.api.server import build_server
    from app.operations import OperationHub
    from app.plugins import ensure_installed
    from app.queue import EmbeddedQueue
    from app.services import Services
    from auditpack.store import OperationRegistry, open_store
    from auditpack.workspace import init_workspace

    ensure_installed()
    ws = init_workspace(Path(tempfile.mkdtemp(prefix="auditpack-ops-bench-")) / "ws", operation_name="Home")
    accounts = open_store(ws)
    from review_ui.auth import hash_password

    accounts.add_user("ann", "admin", hash_password("bench password"), actor="bench")
    registry = OperationRegistry.of(accounts)
    for i in range(args.operations):
        registry.create(f"op{i}", f"Operation {i}", "generic-nop", actor="bench")
        registry.set_role(f"op{i}", "ann", "admin", actor="bench")
    token = new_token()
    accounts.create_api_token("ann", token_digest(token), "bench", actor="bench")
    services = Services(ws, accounts)
    hub = OperationHub(services, EmbeddedQueue(services, threads=1))

    for n_ui, label in ((False, "API only"), (True, "API + review UIs")):
        t = time.perf_counter()
        app = build_server(services, hub.default.queue, ui=n_ui, hub=hub)
        print(f"build_server, {label}, {args.operations} operations + default: {time.perf_counter() - t:.2f} s")

    auth = {"Authorization": f"Bearer {token}"}
    with TestClient(app) as client:
        client.post("/login", data={"username": "ann", "password": "bench password", "next": "/"})
        for attempt in ("first (builds the UI)", "second"):
            t = time.perf_counter()
            assert client.get("/operations/op0/", headers={"Accept": "text/html"}).status_code == 200
            print(f"GET /operations/op0/, {attempt}: {time.perf_counter() - t:.2f} s")
        for path in ("/api/v1/records", "/api/v1/operations/op0/records"):
            client.get(path, headers=auth)  # warm
            times = []
            for _ in range(args.requests):
                t = time.perf_counter()
                assert client.get(path, headers=auth).status_code == 200
                times.append(time.perf_counter() - t)
            print(f"GET {path}: median {statistics.median(times) * 1000:.2f} ms, "
                  f"p95 {sorted(times)[int(len(times) * 0.95)] * 1000:.2f} ms ({args.requests} requests)")
    hub.close()
    hub.default.queue.close()
    accounts.close()


if __name__ == "__main__":
    main()
