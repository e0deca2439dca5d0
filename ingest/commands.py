"""`auditpack ingest` (placeholder until the ingest stage lands)."""
from __future__ import annotations

from pathlib import Path

import typer

from auditpack.cli.context import not_built


def register(app: typer.Typer) -> None:
    @app.command()
    def ingest(paths: list[Path] = typer.Argument(..., help="files or folders (recursive)")) -> None:
        """Ingest documents into typed records."""
        not_built("ingest", "issue 4")
