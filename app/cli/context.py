"""What every command needs: the workspace, the store, output channels.

Data goes to stdout (so `--json` can be piped); logs, progress and errors go
to stderr through `console`.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from auditpack.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from auditpack.store import Store

console = Console(stderr=True)


# Commands about the server as a whole (accounts, tokens, the registry, serving): `--operation` is refused there.
SERVER_COMMANDS = frozenset({"init", "user", "token", "operation", "serve", "worker", "demo", "sample"})


def get_workspace(ctx: typer.Context | None, override: Path | None = None) -> Workspace:
    """The workspace of the operation the command works on (`--operation SLUG`; default the workspace's own)."""
    root = override
    if root is None and ctx is not None and ctx.obj:
        root = ctx.obj.get("workspace")
    ws = open_workspace(root)
    slug = ctx.obj.get("operation") if ctx is not None and ctx.obj else None
    if not slug:
        return ws
    from app.operations import operation_workspace
    from auditpack.store import OperationRegistry, open_store

    accounts = open_store(ws)
    try:
        return operation_workspace(ws, OperationRegistry.of(accounts), slug)
    finally:
        accounts.close()


def actor_role(ctx: typer.Context | None, name: str) -> str | None:
    """`name`'s role in the operation the command works on, from the server's accounts (users live there, not in
    an operation's own store); None when no account has that name (a shell user the workspace does not know)."""
    from auditpack.errors import AuditPackError
    from auditpack.store import OperationRegistry, open_store
    from auditpack.workspace import DEFAULT_OPERATION

    root = ctx.obj.get("workspace") if ctx is not None and ctx.obj else None
    slug = (ctx.obj.get("operation") if ctx is not None and ctx.obj else None) or DEFAULT_OPERATION
    accounts = open_store(open_workspace(root))
    try:
        user = accounts.get_user(name)
        if user is None:
            return None
        if not user.active:
            raise AuditPackError(f"user {name} is disabled")
        role = OperationRegistry.of(accounts).role(slug, name)
        if role is None:
            raise AuditPackError(f"user {name} has no role in operation {slug!r}; "
                                 "see `auditpack operation members`")
        return role
    finally:
        accounts.close()


def get_store(ws: Workspace) -> Store:
    """Open the workspace's store (imported here: SQLAlchemy is not needed for `--help`)."""
    from auditpack.store import open_store

    return open_store(ws)


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

