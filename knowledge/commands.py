"""`auditpack check|ask|corpus|oid` (placeholders until the knowledge stage lands)."""
from __future__ import annotations

import typer

from auditpack.cli.context import not_built


def register(app: typer.Typer) -> None:
    @app.command()
    def check(as_json: bool = typer.Option(False, "--json")) -> None:
        """Check records against 7 CFR Part 205."""
        not_built("check", "issue 5")

    @app.command()
    def ask(question: str) -> None:
        """Ask a question of the regulation index."""
        not_built("ask", "issue 5")
