"""The Chroma server path, live: a real `chroma run` on a loopback port serves corpus update, ask and check.

The embedded default (a persistent Chroma in the workspace) is what every other knowledge test uses;
this one proves the same code works against a server, as a consultancy's deployment would run it.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Iterator

import pytest

from auditpack.workspace import Workspace
from knowledge.api import ask, run_check, update_corpus
from tests.knowledge import factory as f
from tests.knowledge.test_check_run import add


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory) -> Iterator[str]:
    exe = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    if exe is None:
        pytest.skip("the chroma command (from the chromadb package) is not installed")
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = (data / "server.log").open("wb")
    proc = subprocess.Popen([exe, "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"chroma run exited with {proc.returncode}: {(data / 'server.log').read_text()[-2000:]}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        else:
            pytest.fail("chroma run did not listen within 60 s")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _on_server(ws: Workspace, url: str) -> Workspace:
    vs = ws.settings.vector_store.model_copy(update={"kind": "chroma-server", "url": url})
    return Workspace(root=ws.root, settings=ws.settings.model_copy(update={"vector_store": vs}))


def test_corpus_update_ask_and_check_run_against_a_chroma_server(tmp_workspace, store, regulation_file,
                                                                   chroma_server):
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from knowledge.corpus import retriever as r

    r._CACHE.clear()  # a retriever built for another workspace in this process must not answer
    ws = _on_server(tmp_workspace, chroma_server)
    update_corpus(ws, store, regulation_file)

    passages = ask(ws, store, "chlorine materials rinse drinking water limit", k=5)
    assert passages[0].citation.startswith("7 CFR 205.605(b)(12)")

    add(store, [f.invoice(lines=[f.line("Organic Rolled Oats", lot=None)])])
    run = run_check(ws, store, as_of=date(2026, 3, 31))
    no_lot = next(x for x in run.findings if x.rule_id == "INV-NO-LOT")
    assert any(p.citation.startswith("7 CFR 205.103") for p in no_lot.regulation)

    # the vectors live on the server, not in the workspace
    client = chromadb.HttpClient(host="127.0.0.1", port=int(chroma_server.rsplit(":", 1)[1]),
                                 settings=ChromaSettings(anonymized_telemetry=False))
    assert sum(c.count() for c in client.list_collections()) > 0
    assert not (ws.index_dir / "chroma").exists()
    r._CACHE.clear()
