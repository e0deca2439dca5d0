"""Layering rules from STYLE.md, checked by import-linter contracts in pyproject.toml."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_import_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    out = subprocess.run([str(lint), "--no-cache", "--config", str(REPO / "pyproject.toml")], capture_output=True,
                         text=True, cwd=REPO, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout


def test_regulation_and_real_documents_are_not_in_the_repository():
    tracked = subprocess.run(["git", "ls-files"], capture_output=True, text=True, cwd=REPO).stdout.split()
    assert not [p for p in tracked if p.endswith("part205.jsonl")]
    shared_docs = REPO.parent / "shared" / "real-documents"
    if shared_docs.exists():
        names = {p.name for p in shared_docs.rglob("*") if p.is_file() and p.suffix != ".md"}
        assert not [p for p in tracked if Path(p).name in names]


def test_every_module_named_in_the_architecture_doc_exists():
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:app|auditpack|ingest|knowledge|generators|review_ui|sample|tests)/[\w/.-]*)`", doc))
    assert len(named) > 20, "the architecture doc names the modules it describes"
    missing = sorted(p for p in named if not (REPO / p.rstrip("/")).exists())
    assert not missing, f"docs/architecture.md names modules that do not exist: {missing}"


def test_first_party_code_never_imports_through_importlib():
    """Registrations are plain imports, so the layers contract sees every edge."""
    offenders = []
    for package in ("auditpack", "ingest", "knowledge", "generators", "review_ui", "sample", "app"):
        for path in (REPO / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if re.search(r"\bimport_module\(|\b__import__\(", text):
                offenders.append(str(path.relative_to(REPO)))
    assert not offenders, offenders
