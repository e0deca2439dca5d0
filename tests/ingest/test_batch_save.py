"""Ingest stores finished documents in batches (ingest/save.py); what a user relies on must not move.

Ingesting the same files again writes nothing; a run killed half way keeps every document it reported and
the next run reads the rest, each document stored once; a new version read in the same run as the version
it replaces still replaces it. On SQLite and on a real PostgreSQL server where the store matters.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from ingest.api import ingest_paths
from tests.core.conftest import any_store  # noqa: F401 - a fixture, found by pytest through this import
from tests.ingest.conftest import INVOICE_LINES, make_pdf

ROOT = Path(__file__).resolve().parents[2]


def _invoices(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [make_pdf([ln.replace("AOM-1001", f"AOM-{2000 + k}") for ln in INVOICE_LINES], folder / f"inv-{k:02d}.pdf")
            for k in range(n)]


def _ingest_entries(store) -> list[str]:  # noqa: ANN001
    return [e.entity_id for e in store.audit_log() if e.action == "document.ingest"]


def test_ingesting_the_same_files_again_writes_nothing(tmp_workspace, any_store, tmp_path: Path) -> None:  # noqa: F811
    files = _invoices(tmp_path / "in", 6)
    (tmp_path / "in" / "broken.pdf").write_bytes(files[0].read_bytes()[:200])
    first = ingest_paths(tmp_workspace, any_store, [tmp_path / "in"], workers=2)
    assert sorted(o.status for o in first.outcomes) == ["ingested"] * 6 + ["rejected"]
    documents, records, log = any_store.list_documents(), any_store.records(), _ingest_entries(any_store)

    again = ingest_paths(tmp_workspace, any_store, [tmp_path / "in"], workers=2)

    assert [o.status for o in again.outcomes] == ["duplicate"] * 7
    assert any_store.list_documents() == documents and any_store.records() == records
    assert _ingest_entries(any_store) == log


def test_a_new_version_read_in_the_same_run_replaces_the_one_before_it(tmp_workspace, any_store,  # noqa: F811
                                                                       tmp_path: Path) -> None:
    old = make_pdf(INVOICE_LINES, tmp_path / "a.pdf")
    new = make_pdf([ln.replace("120.00", "130.00") for ln in INVOICE_LINES], tmp_path / "b.pdf")
    # two uploads of one name in one call: no source path, so name, kind and invoice key decide
    out = ingest_paths(tmp_workspace, any_store, [old, new], workers=2,
                       names={old: "invoice.pdf", new: "invoice.pdf"}).outcomes
    assert [o.status for o in out] == ["ingested", "ingested"]
    assert any_store.get_document(out[1].sha256).previous_version == out[0].sha256
    assert any_store.get_document(out[0].sha256).superseded_by == out[1].sha256
    assert [r.total for r in any_store.records(kind="invoice")] == [130.0]


KILLED_RUN = """
import functools, sys
from pathlib import Path
from app.plugins import install
install()
import ingest.api
from auditpack.store import open_store
from auditpack.workspace import open_workspace
ingest.api.SaveBatch = functools.partial(ingest.api.SaveBatch, size=4)  # small batches: killed between two
ws = open_workspace(Path(sys.argv[1]))
store = open_store(ws)

def report(o):
    print(o.sha256, o.status, flush=True)

ingest.api.ingest_paths(ws, store, [Path(sys.argv[2])], workers=1, on_file=report)
print("finished", flush=True)
"""


def test_a_killed_run_keeps_what_it_reported_and_the_next_run_reads_the_rest(tmp_workspace, store,
                                                                             tmp_path: Path) -> None:
    files = _invoices(tmp_path / "in", 24)
    run = subprocess.Popen([sys.executable, "-c", KILLED_RUN, str(tmp_workspace.root), str(tmp_path / "in")],
                           cwd=ROOT, stdout=subprocess.PIPE, text=True, start_new_session=True)
    reported = [run.stdout.readline().split()]  # the first batch is stored: kill the run, readers and all
    os.killpg(run.pid, signal.SIGKILL)
    reported += [line.split() for line in run.stdout.read().splitlines()]
    run.wait()
    assert ["finished"] not in reported, "the run ended before it was killed"
    assert run.returncode == -signal.SIGKILL

    stored = {d.sha256 for d in store.list_documents()}
    assert {sha for sha, status in reported} <= stored  # nothing reported as stored was lost
    assert all(store.get_document(sha).record_count == len(store.records(document_sha256=sha)) == 1
               for sha in stored)  # and nothing half stored

    second = ingest_paths(tmp_workspace, store, [tmp_path / "in"], workers=1).outcomes
    assert sorted(o.status for o in second) == sorted(["duplicate"] * len(stored) +
                                                      ["ingested"] * (len(files) - len(stored)))
    assert len(store.list_documents()) == len(files)
    assert sorted(r.invoice_number for r in store.records(kind="invoice")) == [f"AOM-{2000 + k}" for k in range(24)]
    assert sorted(_ingest_entries(store)) == sorted(d.sha256 for d in store.list_documents())
