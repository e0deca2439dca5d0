"""Layering rules from STYLE.md, checked by import-linter contracts in pyproject.toml."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_import_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    out = subprocess.run([str(lint), "--config", str(REPO / "pyproject.toml")], capture_output=True, text=True,
                         cwd=REPO, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout


def test_regulation_and_real_documents_are_not_in_the_repository():
    tracked = subprocess.run(["git", "ls-files"], capture_output=True, text=True, cwd=REPO).stdout.split()
    assert not [p for p in tracked if p.endswith("part205.jsonl")]
    shared_docs = REPO.parent / "shared" / "real-documents"
    if shared_docs.exists():
        names = {p.name for p in shared_docs.rglob("*") if p.is_file() and p.suffix != ".md"}
        assert not [p for p in tracked if Path(p).name in names]
