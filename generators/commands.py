"""`auditpack package|renewal` (placeholders until the generators land)."""
from __future__ import annotations

import typer

from auditpack.cli.context import not_built


def register(app: typer.Typer) -> None:
    @app.command()
    def package(certifier: str = typer.Option(..., "--certifier")) -> None:
        """Generate an audit package for a certifier."""
        not_built("package", "issue 6")

    @app.command()
    def renewal(certifier: str = typer.Option(..., "--certifier")) -> None:
        """Generate the annual renewal submission."""
        not_built("renewal", "issue 6")
