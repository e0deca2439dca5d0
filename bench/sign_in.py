"""Sign-in bench: does password checking stall everyone else's pages?

    .venv/bin/python bench/sign_in.py [--loops 6] [--seconds 5]

Starts the review UI on a temporary workspace, keeps `--loops` threads posting
wrong passwords to the sign-in form (lockout raised out of reach, so every
attempt costs a full argon2 check), and meanwhile times a signed-in user's
`GET /manifest.json`. Prints the median and 95th percentile latency with no
sign-in load and under it. `--gradio-auth` runs the same against Gradio's
built-in `launch(auth=...)` (argon2 on the event loop), the way AuditPack
signed in before, for comparison; there the load posts to Gradio's `/login`.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
PASSWORD = "correct horse battery"


def _launch(gradio_auth: bool):
    from app.plugins import install
    from app.services import Services
    from auditpack.settings import UISettings
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace
    from review_ui.app import ReviewUI
    from review_ui.auth import Authenticator, hash_password

    install()
    ws = init_workspace(Path(tempfile.mkdtemp(prefix="ap-signin-")) / "ws", operation_name="Bench Organics")
    store = open_store(ws)
    store.add_user("ann", "admin", hash_password(PASSWORD))
    services = Services(ws, store)
    services.settings.ui = UISettings(sign_in_max_failures=10**6, sign_in_max_failures_per_client=10**6)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ui = ReviewUI(services)
    if gradio_auth:
        blocks = ui.build()
        blocks.queue().launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
                              auth=Authenticator(store, services.settings.ui), ssr_mode=False)
    else:
        ui.launch(host="127.0.0.1", port=port, block=False, quiet=True)
    return ui, store, f"http://127.0.0.1:{port}"


def _timed(client, n_seconds: float) -> list[float]:
    out, end = [], time.perf_counter() + n_seconds
    while time.perf_counter() < end:
        t = time.perf_counter()
        client.get("/manifest.json").raise_for_status()
        out.append((time.perf_counter() - t) * 1000)
        time.sleep(0.02)
    return out


def main() -> None:
    import httpx

    ap = argparse.ArgumentParser()
    ap.add_argument("--loops", type=int, default=6)
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--gradio-auth", action="store_true", help="Gradio's built-in auth, for comparison")
    args = ap.parse_args()
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    ui, store, url = _launch(args.gradio_auth)
    user = httpx.Client(base_url=url, timeout=60)
    r = user.post("/login", data={"username": "ann", "password": PASSWORD})
    assert r.status_code in (200, 303), r.text
    idle = _timed(user, args.seconds)
    stop, attempts = threading.Event(), [0]

    def attacker() -> None:
        with httpx.Client(base_url=url, timeout=60) as c:
            while not stop.is_set():
                c.post("/login", data={"username": "ann", "password": "wrong guess"})
                attempts[0] += 1

    threads = [threading.Thread(target=attacker, daemon=True) for _ in range(args.loops)]
    for t in threads:
        t.start()
    loaded = _timed(user, args.seconds)
    stop.set()
    for t in threads:
        t.join()
    mode = "gradio launch(auth=...)" if args.gradio_auth else "AuditPack /login (argon2 in a worker thread)"
    print(f"{mode}; {args.loops} sign-in loops, {attempts[0] / args.seconds:.1f} wrong passwords/s")
    for name, xs in (("no sign-in load", idle), ("under sign-in load", loaded)):
        q = statistics.quantiles(xs, n=20)
        print(f"  GET /manifest.json {name:>18}: median {statistics.median(xs):7.1f} ms, p95 {q[18]:7.1f} ms, "
              f"n={len(xs)}")
    user.close()
    ui.blocks.close()
    store.close()


if __name__ == "__main__":
    main()
