"""`auditpack demo`: the whole flow on the embedded defaults (placeholder)."""
from __future__ import annotations

import typer

from auditpack.cli.context import not_built


def register(app: typer.Typer) -> None:
    @app.command()
    def demo() -> None:
        """Generate the sample operation, ingest, check and write a package."""
        not_built("demo", "issues 3-6")
