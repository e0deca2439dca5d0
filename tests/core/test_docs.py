"""The README documents every command and every setting (datasette's practice)."""
from __future__ import annotations

from pathlib import Path

import typer.main

from app.cli.main import app
from auditpack.settings import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _command_paths() -> list[str]:
    group = typer.main.get_command(app)
    paths: list[str] = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(cmd, "commands", None)
        paths.extend(f"auditpack {name} {s}" for s in sub) if sub else paths.append(f"auditpack {name}")
    return paths


def test_readme_opens_with_the_two_commands():
    head = "\n".join(README.splitlines()[:30])
    assert "make demo" in head and "make test" in head


def test_every_command_is_documented():
    missing = [p for p in _command_paths() if f"`{p}" not in README]
    assert not missing, f"commands missing from README: {missing}"


def test_every_setting_is_documented():
    missing = [
        f"{section}.{key}"
        for section, field in Settings.model_fields.items()
        for key in field.annotation.model_fields  # type: ignore[union-attr]
        if f"`{section}.{key}`" not in README
    ]
    assert not missing, f"settings missing from README: {missing}"
