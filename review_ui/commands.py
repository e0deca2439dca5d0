"""`auditpack serve|user` (placeholders until the review UI lands)."""
from __future__ import annotations

import typer

from auditpack.cli.context import not_built


def register(app: typer.Typer) -> None:
    @app.command()
    def serve() -> None:
        """Start the review web app."""
        not_built("serve", "issue 7")
