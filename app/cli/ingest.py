"""`auditpack ingest PATH...`: files or folders in, typed records in the store.

A progress bar shows each file as it finishes; a summary table lists every
file with its kind, record count, status and reason. Exit status: 0 when
nothing was rejected, 1 when some file was rejected (with `--strict`, files
with problems count as rejected). `--json` prints the outcomes as data.

Every text that comes from a document or its name (file names, reasons, problems) is escaped
before Rich sees it: a PDF whose metadata says `[/bold]` is text, not markup.
"""
from __future__ import annotations

from pathlib import Path

import typer

from app.cli.context import console, get_store, get_workspace, print_json, progress

_STYLE = {"ingested": "green", "needs_attention": "yellow", "duplicate": "dim", "unknown": "yellow",
          "rejected": "red"}


def register(app: typer.Typer) -> None:
    @app.command()
    def ingest(
        ctx: typer.Context,
        paths: list[Path] = typer.Argument(..., help="files or folders (folders are read recursively)"),
        workers: int | None = typer.Option(None, "--workers", "-j", min=1,
                                           help="parallel worker processes (default: settings, else one per core)"),
        strict: bool = typer.Option(False, "--strict", help="treat files with extraction problems as rejected"),
        json_out: bool = typer.Option(False, "--json", help="print the per-file outcomes as JSON on stdout"),
    ) -> None:
        """Ingest documents into typed, traceable records."""
        from rich.markup import escape
        from rich.table import Table

        from ingest.api import expand_paths, ingest_paths

        ws = get_workspace(ctx)
        store = get_store(ws)
        verbose = bool(ctx.obj and ctx.obj.get("verbose"))
        total = sum(1 for _ in expand_paths(paths))
        try:
            with progress() as bar:
                task = bar.add_task("ingest", total=total, status="")

                def on_file(o) -> None:  # type: ignore[no-untyped-def]
                    bar.update(task, advance=1, status=escape(f"{o.filename[:40]}: {o.status}"))

                summary = ingest_paths(ws, store, paths, actor="cli", workers=workers, on_file=on_file,
                                       strict=strict)
        finally:
            store.close()
        if verbose:
            for o in summary.outcomes:
                if o.traceback:
                    console.print(f"[red]internal error while ingesting {escape(o.path)}:[/red]\n"
                                  f"{escape(o.traceback)}", highlight=False)
        if json_out:
            print_json({"counts": summary.counts(), "files": [o.model_dump(mode="json") for o in summary.outcomes],
                        "skipped": summary.skipped})
        else:
            table = Table(title="ingest summary", show_lines=False)
            for col in ("file", "kind", "records", "status", "reason / problems"):
                table.add_column(col, overflow="fold")
            for o in summary.outcomes:
                note = o.reason or ("; ".join(str(p) for p in o.problems[:2]) + (" ..." if len(o.problems) > 2 else ""))
                table.add_row(escape(o.filename), escape(o.kind or "-"), str(o.records),
                              f"[{_STYLE[o.status]}]{o.status}[/]", escape(note or ""))
            console.print(table)
            c = summary.counts()
            console.print(f"{c['files']} file(s): {c['ingested']} ingested ({c['records']} records; "
                          f"{c['needs_attention']} need attention), "
                          f"{c['duplicate']} duplicate, {c['unknown']} unknown, {c['rejected']} rejected")
        if summary.skipped:
            shown = ", ".join(summary.skipped[:10]) + (f", ... ({len(summary.skipped) - 10} more)"
                                                     if len(summary.skipped) > 10 else "")
            console.print(escape(f"skipped {len(summary.skipped)} hidden file(s) or non-file(s), not read: {shown}"),
                          highlight=False)
        if summary.rejected:
            console.print(f"[red]{summary.rejected} file(s) were rejected[/red] (originals kept; see the reasons above)")
            raise typer.Exit(1)
