"""Commands that touch no model start without loading one.

A user typing `auditpack --help`, `auditpack documents` or `auditpack records` waits for every library the
command imports: the embedding model's stack (torch, sentence-transformers), the vector store, the web UI
and pdfplumber take seconds and are needed by none of them; `--help` does not even need the store
(SQLAlchemy), and a store already at the newest schema revision needs no Alembic. The time itself is printed by `bench/ingest.py --startup`; here, what gets imported.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("torch", "sentence_transformers", "chromadb", "gradio", "pdfplumber", "transformers")

PROBE = """
import json, sys
from app.cli.main import run
sys.argv = ["auditpack"] + json.loads(sys.argv[1])
try:
    run()
except SystemExit:
    pass
print("\\nMODULES " + json.dumps(sorted(m for m in sys.modules if "." not in m)))
"""


def _loaded(args: list[str]) -> set[str]:
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True,
                         timeout=120, cwd=Path(__file__).resolve().parents[2])
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("MODULES ")]
    assert line, out.stderr[-2000:]
    return set(json.loads(line[-1][len("MODULES "):]))


def test_help_loads_no_model_and_no_store() -> None:
    loaded = _loaded(["--help"])
    assert "typer" in loaded  # the probe saw the command run
    assert not loaded & set(HEAVY + ("sqlalchemy", "alembic"))


@pytest.mark.parametrize("command", ["documents", "records"])
def test_listing_commands_load_no_model(command: str, tmp_path: Path) -> None:
    from auditpack.workspace import init_workspace

    from auditpack.store import open_store

    ws = init_workspace(tmp_path / "ws")
    open_store(ws).close()  # the database is made (and migrated) by its first use, as a user's first command does
    loaded = _loaded(["-w", str(ws.root), command])
    assert "sqlalchemy" in loaded  # it did open the store
    assert not loaded & set(HEAVY)
    assert "alembic" not in loaded  # the database is at the newest revision: nothing to migrate, nothing imported
