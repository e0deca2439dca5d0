"""`auditpack layouts list|show|export|import|retire`: the layout profiles ingest applies (ingest/profiles/)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from app.cli.context import console, get_workspace, print_json


def register(app: typer.Typer) -> None:
    layouts = typer.Typer(help="Layout profiles: where one publisher's layout prints each field (shipped, or "
                          "taught in this workspace).", no_args_is_help=True)
    app.add_typer(layouts, name="layouts")

    @layouts.command("list")
    def list_(ctx: typer.Context,
              as_json: bool = typer.Option(False, "--json", help="print the list as JSON (stdout)")) -> None:
        """Every profile: the workspace's (retired ones marked), then the shipped ones."""
        from rich.table import Table

        from ingest.profiles.api import list_profiles

        found = list_profiles(get_workspace(ctx))
        rows = [{"name": sp.profile.name, "kind": sp.profile.kind, "origin": sp.origin,
                 "status": "retired" if sp.profile.retired else "active", "fields": sorted(sp.profile.fields) +
                 [r.field for r in sp.profile.rows], "path": str(sp.path)} for sp in found]
        if as_json:
            print_json(rows)
            return
        table = Table(title=f"{len(rows)} layout profiles")
        for col in ("name", "kind", "origin", "status", "fields"):
            table.add_column(col, overflow="fold")
        for r in rows:
            table.add_row(r["name"], r["kind"], r["origin"], r["status"], ", ".join(r["fields"]))
        console.print(table)

    @layouts.command()
    def show(ctx: typer.Context, name: str = typer.Argument(..., help="the profile's name")) -> None:
        """Print a profile as YAML (stdout)."""
        from ingest.profiles.api import export_profile

        sys.stdout.write(export_profile(get_workspace(ctx), name))

    @layouts.command()
    def export(ctx: typer.Context, name: str = typer.Argument(..., help="the profile's name"),
               out: Optional[Path] = typer.Option(None, "--out", "-o", help="file to write (default: stdout)")) -> None:
        """Write a profile to a YAML file, to import it in another workspace."""
        from ingest.profiles.api import export_profile

        text = export_profile(get_workspace(ctx), name)
        if out is None:
            sys.stdout.write(text)
            return
        if out.exists():
            raise typer.BadParameter(f"{out} exists; choose another file", param_hint="--out")
        out.write_text(text, encoding="utf-8")
        console.print(f"exported {name} to {out}")

    @layouts.command("import")
    def import_(ctx: typer.Context, path: Path = typer.Argument(..., exists=True, dir_okay=False,
                                                                help="a profile YAML file"),
                name: Optional[str] = typer.Option(None, "--name", help="save it under another name")) -> None:
        """Add a profile file to this workspace (validated; a name in use is refused)."""
        from ingest.profiles.api import import_profile

        saved = import_profile(get_workspace(ctx), path, name=name)
        console.print(f"imported {saved.stem} into {saved.parent}; later ingests apply it")

    @layouts.command()
    def retire(ctx: typer.Context, name: str = typer.Argument(..., help="a workspace profile's name")) -> None:
        """Stop applying a workspace profile. Its file is kept (marked retired), never deleted."""
        from ingest.profiles.api import retire_profile

        path = retire_profile(get_workspace(ctx), name)
        console.print(f"retired {name} (kept in {path})")
