"""Throwaway servers for the scale-out test: Redis on a loopback port, Celery workers as subprocesses."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    """Debian's redis-server on 127.0.0.1, no persistence; yields its URL. RuntimeError if it cannot start."""
    exe = shutil.which("redis-server")
    if exe is None:
        raise RuntimeError("redis-server not found (apt-get install redis-server)")
    import redis

    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    log = open(folder / "redis.log", "w")
    proc = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(folder), "--protected-mode", "yes"], stdout=log, stderr=subprocess.STDOUT)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if proc.poll() is not None:
                    raise RuntimeError(f"redis-server exited: {(folder / 'redis.log').read_text()[-400:]}")
                time.sleep(0.1)
        else:
            raise RuntimeError("redis-server did not answer")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def start_worker(workspace: Path, name: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    """`auditpack worker` as a user starts it, in its own process group (so its reader processes go with it)."""
    out = open(log, "w")
    return subprocess.Popen([sys.executable, "-m", "app.cli.main", "--workspace", str(workspace), "worker",
                             "--name", name, "--loglevel", "INFO"], env={**os.environ, **env, "PYTHONUNBUFFERED": "1"},
                            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
