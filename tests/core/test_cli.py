"""The CLI as a user meets it: help, one-line errors, JSON on stdout only."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditpack.store import open_store
from auditpack.workspace import open_workspace
from tests.core.records_factory import document, invoice

EXPECTED_COMMANDS = ["init", "records", "sample", "ingest", "check", "ask", "package", "renewal", "serve", "demo"]


def cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "app.cli.main", *args], capture_output=True, text=True,
                          cwd=cwd, env=full_env, timeout=120)


def test_help_lists_every_command():
    out = cli("--help")
    assert out.returncode == 0
    for name in EXPECTED_COMMANDS:
        assert f" {name} " in out.stdout, name


def test_missing_workspace_is_one_clear_line(tmp_path):
    out = cli("-w", str(tmp_path / "nowhere"), "records")
    assert out.returncode == 1
    lines = [line for line in out.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and "auditpack init" in lines[0]
    assert "Traceback" not in out.stderr


def test_unknown_kind_is_refused(tmp_path):
    cli("-w", str(tmp_path / "ws"), "init")
    out = cli("-w", str(tmp_path / "ws"), "records", "--kind", "receipts")
    assert out.returncode != 0 and "unknown kind 'receipts'" in out.stderr
    assert "supplier_certificate" in out.stderr


def test_unreadable_path_is_refused(tmp_path):
    cli("-w", str(tmp_path / "ws"), "init")
    out = cli("-w", str(tmp_path / "ws"), "ingest", str(tmp_path / "missing-folder"))
    assert out.returncode != 0
    assert "missing-folder" in out.stderr and "Traceback" not in out.stderr


def test_records_json_is_the_public_contract_and_only_data(tmp_path):
    ws_dir = tmp_path / "ws"
    assert cli("-w", str(ws_dir), "init", "--operation", "Test Organics").returncode == 0
    store = open_store(open_workspace(ws_dir))
    doc = document("inv.pdf", "x")
    store.add_document(doc, [invoice(doc, "INV-77")], actor="test")
    store.close()
    out = cli("-w", str(ws_dir), "records", "--json")
    assert out.returncode == 0
    data = json.loads(out.stdout)  # nothing but JSON on stdout
    assert data[0]["kind"] == "invoice" and data[0]["invoice_number"] == "INV-77"
    assert set(data[0]["source"]) >= {"document_sha256", "filename", "page", "span", "extraction_method", "confidence"}
    assert data[0]["lines"][0]["lot_number"] == "L-1"


def test_workspace_from_environment(tmp_path):
    env = {"AUDITPACK_WORKSPACE": str(tmp_path / "envws")}
    assert cli("init", env=env).returncode == 0
    assert (tmp_path / "envws" / "auditpack.toml").exists()
    assert cli("records", "--json", env=env).stdout.strip() == "[]"


def test_bad_config_is_reported_with_the_key(tmp_path):
    ws_dir = tmp_path / "ws"
    cli("-w", str(ws_dir), "init")
    (ws_dir / "auditpack.toml").write_text('[llm]\nkind = "telepathy"\n')
    out = cli("-w", str(ws_dir), "records")
    assert out.returncode == 1 and "llm.kind" in out.stderr


@pytest.mark.parametrize("flag", ["--verbose", "-v"])
def test_verbose_shows_traceback(tmp_path, flag):
    out = cli(flag, "-w", str(tmp_path / "nowhere"), "records")
    assert "Traceback" in out.stderr


def test_demo_refuses_a_workspace_with_real_documents(tmp_path):
    """`auditpack -w WS demo` once superseded a real workspace's records with the sample's fictional ones."""
    ws_dir = tmp_path / "ws"
    assert cli("-w", str(ws_dir), "init", "--operation", "Real Organics").returncode == 0
    store = open_store(open_workspace(ws_dir))
    doc = document("invoice.pdf", "real")
    store.add_document(doc, [invoice(doc, "INV-REAL")], actor="maria")
    store.close()

    out = cli("-w", str(ws_dir), "demo", "--out", str(tmp_path / "demo"))

    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "1 documents the demo did not ingest" in out.stderr and "invoice.pdf" in out.stderr
    assert not (tmp_path / "demo" / "sample").exists()  # refused before generating anything
    store = open_store(open_workspace(ws_dir))
    try:
        assert [r.invoice_number for r in store.records(kind="invoice")] == ["INV-REAL"]
        assert len(store.list_documents()) == 1
    finally:
        store.close()


def test_records_and_findings_export_to_spreadsheets_with_formulas_kept_as_text(tmp_path):
    """A supplier's `=HYPERLINK(...)` read as text must not become a live formula in an export."""
    from openpyxl import load_workbook

    ws_dir = tmp_path / "ws"
    assert cli("-w", str(ws_dir), "init").returncode == 0
    store = open_store(open_workspace(ws_dir))
    doc = document("inv.pdf", "x")
    store.add_document(doc, [invoice(doc, '=HYPERLINK("http://evil.example","INV-1")', lot=None)], actor="test")
    store.close()

    out = cli("-w", str(ws_dir), "records", "--export", str(tmp_path / "records.csv"))
    assert out.returncode == 0, out.stderr
    text = (tmp_path / "records.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "invoice_number" in text.splitlines()[0]

    out = cli("-w", str(ws_dir), "check", "--export", str(tmp_path / "findings.xlsx"))
    assert out.returncode == 0, out.stderr
    rows = list(load_workbook(tmp_path / "findings.xlsx").active.values)
    assert rows[0][:4] == ("id", "rule", "severity", "status")
    assert "INV-NO-LOT" in {r[1] for r in rows[1:]}
    assert all(not str(v).startswith("=") for r in rows[1:] for v in r if v is not None)

    bad = cli("-w", str(ws_dir), "records", "--export", str(tmp_path / "records.pdf"))
    assert bad.returncode == 1 and ".csv or .xlsx" in bad.stderr
