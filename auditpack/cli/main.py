"""The `auditpack` command.

The core defines the app and its error handling; each stage registers its own
commands through `register(app)` in its `commands` module, imported here
(the CLI is the composition root, the only core module that knows the stages).
"""
from __future__ import annotations

import importlib
import sys
import traceback
from pathlib import Path
from typing import Optional

import typer

from auditpack.cli import core_commands
from auditpack.cli.context import console
from auditpack.errors import AuditPackError

STAGE_COMMANDS = (
    "auditpack.sample.commands",
    "ingest.commands",
    "knowledge.commands",
    "generators.commands",
    "review_ui.commands",
    "auditpack.pipeline",
)

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
    verbose: bool = typer.Option(False, "--verbose", "-v", help="show tracebacks on errors"),
) -> None:
    ctx.obj = {"workspace": workspace, "verbose": verbose}


core_commands.register(app)
for _module in STAGE_COMMANDS:
    importlib.import_module(_module).register(app)


def run() -> None:
    """Console entry point: user errors are one line; bugs say so."""
    verbose = any(a in ("--verbose", "-v") for a in sys.argv[1:])
    try:
        # Without standalone mode click returns the code of `typer.Exit(n)` instead of exiting.
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except AuditPackError as exc:
        if verbose:
            traceback.print_exc()
        console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
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
        console.print(f"[red]unexpected error (a bug in AuditPack):[/red] {type(exc).__name__}: {exc}"
                      " - run with --verbose for the traceback", highlight=False, soft_wrap=True)
        sys.exit(3)


if __name__ == "__main__":
    run()
