"""Same seed, same bytes; the CLI writes a sample and refuses unrelated folders."""
from __future__ import annotations

import hashlib
from pathlib import Path

from typer.testing import CliRunner

from app.cli.main import app
from sample.api import _prepare, build_model, generate


def _digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_gives_byte_identical_documents_and_truth(sample_small: Path, tmp_path: Path):
    result = generate(tmp_path / "again", preset="small", seed=1)
    assert result.truth_path == tmp_path / "again" / "truth.json"
    assert _digests(tmp_path / "again") == _digests(sample_small)


def test_another_seed_gives_another_operation_year():
    _, _, one = build_model("small", 1)
    _, _, two = build_model("small", 2)
    assert [s.records for s in one] != [s.records for s in two]


def test_cli_writes_sample_and_rejects_a_foreign_folder(tmp_path: Path):
    runner = CliRunner()
    out = tmp_path / "sample"
    res = runner.invoke(app, ["sample", "--out", str(out), "--seed", "3"])
    assert res.exit_code == 0, res.output
    assert (out / "truth.json").is_file() and any((out / "invoices").iterdir())
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    res = runner.invoke(app, ["sample", "--out", str(foreign)])
    assert res.exit_code != 0
    assert (foreign / "notes.txt").read_text() == "mine" and len(list(foreign.iterdir())) == 1


def test_an_earlier_sample_is_replaced_not_mixed(tmp_path: Path):
    (tmp_path / "certificates").mkdir()
    (tmp_path / "certificates" / "stale.pdf").write_bytes(b"%PDF-1.4 old")
    (tmp_path / "truth.json").write_text("{}")
    (tmp_path / "keep.txt").write_text("a user's note")
    _prepare(tmp_path)
    assert not (tmp_path / "certificates").exists() and not (tmp_path / "truth.json").exists()
    assert (tmp_path / "keep.txt").exists()
