"""`auditpack sample` (placeholder until the sample generator lands)."""
from __future__ import annotations

from pathlib import Path

import typer

from auditpack.cli.context import not_built


def register(app: typer.Typer) -> None:
    @app.command()
    def sample(
        out: Path = typer.Option(..., "--out", help="folder to write the documents and truth.json into"),
        preset: str = typer.Option("small", "--preset", help="small (about 60 documents) or year"),
        seed: int = typer.Option(1, "--seed", help="same seed, same documents"),
    ) -> None:
        """Write the sample operation's documents and truth.json."""
        not_built("sample", "issue 3")
