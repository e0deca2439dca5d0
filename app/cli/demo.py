"""`auditpack demo`: run the whole flow on the sample operation and print where everything is."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.table import Table

from app.cli.context import console

if TYPE_CHECKING:  # app.demo opens the store (SQLAlchemy): imported when the command runs, so `--help` stays fast
    from app.demo import DemoResult


def _print(result: DemoResult) -> None:
    table = Table(title="AuditPack demo", show_header=False)
    table.add_row("sample documents", f"{result.sample_dir}  ({result.documents} files, {result.rejected} rejected)")
    table.add_row("workspace", str(result.workspace))
    table.add_row("records", str(result.records))
    table.add_row("findings", ", ".join(f"{n} {s}" for s, n in sorted(result.findings_by_severity.items())) or "none")
    table.add_row("regulation text", "loaded" if result.corpus_loaded else
                  "NOT loaded: findings carry citations and summaries only (see README: corpus)")
    table.add_row("package", str(result.package_zip))
    table.add_row("time", f"{result.seconds} s")
    console.print(table)
    console.print(f"next: auditpack -w {result.workspace} user add YOU --role admin; "
                  f"auditpack -w {result.workspace} serve   (review the findings in the browser)")


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        ctx: typer.Context,
        out: Optional[Path] = typer.Option(None, "--out", show_default="demo-output",
                                           help="where the sample, workspace and package go"),
        preset: str = typer.Option("small", "--preset", help="small or year"),
        seed: int = typer.Option(1, "--seed"),
        certifier: str = typer.Option(None, "--certifier", help="certifier profile id (default from workspace)"),
    ) -> None:
        """Generate the sample operation, ingest it, check it and write an audit package."""
        from app.demo import DEFAULT_DEMO_DIR, run_demo

        result = run_demo(out or DEFAULT_DEMO_DIR, ctx.obj.get("workspace"), preset, seed, certifier)
        _print(result)
        typer.echo(str(result.package_zip))
