"""`auditpack ingest` as a user runs it: progress, summary table, exit codes, --json."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from app.cli.main import app
from tests.ingest.conftest import INVOICE_LINES, make_pdf


def test_ingest_command_json_and_exit_codes(tmp_workspace, tmp_path: Path) -> None:
    good = make_pdf(INVOICE_LINES, tmp_path / "in" / "inv.pdf") if (tmp_path / "in").mkdir() is None else None
    runner = CliRunner()
    ok = runner.invoke(app, ["--workspace", str(tmp_workspace.root), "ingest", str(tmp_path / "in"), "--json",
                             "--workers", "1"])
    assert ok.exit_code == 0, ok.output
    data = json.loads(ok.stdout)
    assert data["counts"]["ingested"] == 1 and data["files"][0]["kind"] == "invoice"
    (tmp_path / "in" / "broken.pdf").write_bytes(good.read_bytes()[:200])
    bad = runner.invoke(app, ["--workspace", str(tmp_workspace.root), "ingest", str(tmp_path / "in")])
    assert bad.exit_code == 1
    assert "rejected" in bad.output and "duplicate" in bad.output
