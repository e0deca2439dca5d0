"""The `auditpack` command: the composition root's front door.

Each group of commands lives in its own module under `app/cli/` and adds
itself through `register(app)`; they are imported here by name, so the
import-linter layers contract sees every edge (no importlib). Errors meet the
user in one place, `run()`: a fix-it message for `AuditPackError`, "a bug in
AuditPack" for anything else.
"""
from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import Optional

import typer

from app.cli import core, demo, documents, generators, ingest, knowledge, layouts, operations, review, sample, server
from app.cli.context import SERVER_COMMANDS, console
from auditpack.errors import AuditPackError

COMMAND_MODULES = (core, sample, ingest, documents, layouts, knowledge, generators, review, server, operations, demo)

app = typer.Typer(
    name="auditpack",
    help="Turn an organic handler's paperwork into an inspection-ready audit package (7 CFR Part 205).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
)


@app.callback()
def _global(
    ctx: typer.Context,
    workspace: Optional[Path] = typer.Option(
        None, "--workspace", "-w", envvar="AUDITPACK_WORKSPACE", help="workspace folder (default ./auditpack-data)"
    ),
    operation: Optional[str] = typer.Option(
        None, "--operation", envvar="AUDITPACK_OPERATION",
        help="the operation to work on (a slug from `auditpack operation list`; default: the workspace's own)"
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="show tracebacks on errors"),
) -> None:
    from app.plugins import ensure_installed  # plugins (the store, the rules) load for a command, not for --help

    ensure_installed()
    if operation and ctx.invoked_subcommand in SERVER_COMMANDS:
        raise AuditPackError(f"`auditpack {ctx.invoked_subcommand}` works on the server as a whole, not on one "
                             "operation: leave out --operation (memberships: `auditpack operation grant`)")
    ctx.obj = {"workspace": workspace, "verbose": verbose, "operation": operation}


for _module in COMMAND_MODULES:
    _module.register(app)


def run() -> None:
    """Console entry point: user errors are one line; bugs say so."""
    from rich.markup import escape  # document text in an error message is text, not markup

    verbose = any(a in ("--verbose", "-v") for a in sys.argv[1:])
    try:
        # Without standalone mode click returns the code of `typer.Exit(n)` instead of exiting.
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except AuditPackError as exc:
        if verbose:
            traceback.print_exc()
        console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        console.print("interrupted; nothing half-written is kept (each file is stored in one transaction)")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence shows bugs as bugs
        import click

        if isinstance(exc, click.exceptions.Exit):
            sys.exit(exc.exit_code)
        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            sys.exit(1)
        if verbose:
            traceback.print_exc()
        console.print(f"[red]unexpected error (a bug in AuditPack):[/red] {type(exc).__name__}: {escape(str(exc))}"
                      " - run with --verbose for the traceback", highlight=False, soft_wrap=True)
        sys.exit(3)


if __name__ == "__main__":
    run()
