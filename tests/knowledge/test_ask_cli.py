"""`auditpack ask` gives the answer the Ask tab gives: sections with a plain relevance label, completed lists,
and a warning when the loaded copy holds a needed section outdated (no raw retrieval scores)."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from knowledge.api import update_corpus
from tests.knowledge.ask_fixture import write_copy


def _ask(ws, *args: str):  # noqa: ANN001, ANN202
    from app.cli.main import app

    return CliRunner().invoke(app, ["--workspace", str(ws.root), "ask", *args])


def test_the_cli_answer_names_sections_with_relevance_and_completes_the_list(tmp_workspace, store, tmp_path):
    update_corpus(tmp_workspace, store, write_copy(tmp_path))
    out = _ask(tmp_workspace, "how long must records be kept")
    assert out.exit_code == 0, out.output
    lines = [ln.split("\t") for ln in out.stdout.splitlines() if ln.count("\t") == 2]
    assert lines and lines[0][0] == "7 CFR 205.103"
    assert lines[0][2] in ("strong match", "related", "weak")
    assert "5 years" in out.output  # panels go to stderr; the list item under the stem "(b) Such records must:" is shown
    assert "outdated" in out.output  # 205.103 is pre-SOE in the loaded copy: said, not hidden
    assert "score" not in out.output


def test_the_cli_answer_as_json_is_the_answer_model(tmp_workspace, store, tmp_path):
    update_corpus(tmp_workspace, store, write_copy(tmp_path))
    out = _ask(tmp_workspace, "pest habitat removal", "--json")
    data = json.loads(out.stdout)
    assert data["question"] == "pest habitat removal"
    assert data["sections"][0]["citation"] == "7 CFR 205.271"
    assert all(p["relevance"] for s in data["sections"] for p in s["passages"])
