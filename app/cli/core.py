"""Core commands: init and records."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from app.cli.context import console, get_store, get_workspace, print_json
from auditpack.errors import AuditPackError
from auditpack.declarations import declarations
from auditpack.records import RecordBase, RecordKind, record_to_json
from auditpack.workspace import init_workspace, resolve_root


def register(app: typer.Typer) -> None:
    @app.command()
    def init(
        ctx: typer.Context,
        operation: str = typer.Option("", "--operation", help="legal name of the certified operation"),
        certifier: str = typer.Option("generic-nop", "--certifier", help="default certifier profile id"),
    ) -> None:
        """Create a workspace (config, database, folders for originals and the index)."""
        root = resolve_root(ctx.obj.get("workspace"))
        ws = init_workspace(root, operation, certifier)
        get_store(ws).close()
        console.print(f"workspace ready at [bold]{ws.root}[/bold] (database: {ws.settings.database.kind})")

    @app.command()
    def records(
        ctx: typer.Context,
        kind: Optional[str] = typer.Option(None, "--kind", "-k", help="one of: " + ", ".join(k.value for k in RecordKind)),
        as_json: bool = typer.Option(False, "--json", help="print a JSON array of records to stdout"),
        export: Optional[Path] = typer.Option(None, "--export", help="write the records to FILE.csv or FILE.xlsx"),
    ) -> None:
        """List extracted records, optionally of one kind."""
        if kind is not None and kind not in {k.value for k in RecordKind}:
            raise AuditPackError(f"unknown kind {kind!r}; known kinds: {', '.join(k.value for k in RecordKind)}")
        ws = get_workspace(ctx)
        store = get_store(ws)
        recs = store.records(kind)
        if export is not None:
            from rich.markup import escape

            from app.export import records_table, write_table

            written = write_table(export, *records_table(recs))
            console.print(f"wrote {len(recs)} records to {escape(str(written))}", highlight=False)
            return
        if as_json:
            print_json([record_to_json(r) for r in recs])
            return
        from rich.markup import escape

        table = Table(title=f"{len(recs)} records" + (f" of kind {kind}" if kind else ""))
        for col in ("kind", "id", "file", "page", "summary"):
            table.add_column(col)
        for r in recs[:500]:
            table.add_row(r.kind.value, escape(r.id), escape(r.source.filename), str(r.source.page or ""),
                          escape(_summary(r)))  # document text is text, not Rich markup
        console.print(table)
        if len(recs) > 500:
            console.print(f"... {len(recs) - 500} more; use --json for all")



def _summary(record: RecordBase) -> str:
    """The first scalar summary fields of the record's kind declaration."""
    data = record_to_json(record)
    decl = declarations().get(record.kind.value)
    keys = [k for k in (decl.summary_fields if decl else []) if not isinstance(data.get(k), (list, dict))][:3]
    return " ".join(str(data[k]) for k in keys if data.get(k) not in (None, ""))[:80]
