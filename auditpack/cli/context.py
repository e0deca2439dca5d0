"""What every command needs: the workspace, the store, output channels.

Data goes to stdout (so `--json` can be piped); logs, progress and errors go
to stderr through `console`.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from auditpack.errors import NotBuiltError
from auditpack.workspace import Workspace, open_workspace

console = Console(stderr=True)


def workspace_option() -> Any:
    return typer.Option(None, "--workspace", "-w", envvar="AUDITPACK_WORKSPACE",
                        help="workspace folder (default ./auditpack-data)")


def get_workspace(ctx: typer.Context | None, override: Path | None = None) -> Workspace:
    root = override
    if root is None and ctx is not None and ctx.obj:
        root = ctx.obj.get("workspace")
    return open_workspace(root)


def get_store(ws: Workspace):  # -> Store (imported lazily: keeps `--help` fast)
    from auditpack.store import Store

    return Store.open(ws)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    sys.stdout.write("\n")


def progress() -> Progress:
    """The one progress bar style: label, bar, n/m, elapsed, remaining."""
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[status]}", style="dim"), TimeElapsedColumn(), TimeRemainingColumn(),
        console=console, transient=False,
    )


def not_built(stage: str, issue: str) -> None:
    raise NotBuiltError(f"`{stage}` is not built yet ({issue}); nothing was changed")
