"""`auditpack operation create|list|grant|revoke|members`: the operations one server serves, and who may open each.

Users are server accounts (`auditpack user add`); a membership gives one of them a role in one operation.
The workspace's own operation is `default`; an account's role there is the one `user add` gave it, until
`operation grant default` or `operation revoke default` says otherwise.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from app.cli.context import console, get_store, get_workspace
from auditpack.workspace import DEFAULT_OPERATION

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported when a command opens it, so `--help` stays fast
    from auditpack.store import OperationRegistry

ROLE_HELP = "staff (upload), reviewer (decide), manager (generate), admin (all), inspector (read-only)"


def _actor() -> str:
    return f"cli:{os.environ.get('USER') or os.environ.get('USERNAME') or 'unknown'}"


@contextmanager
def _registry(ctx: typer.Context) -> Iterator[OperationRegistry]:
    from auditpack.store import OperationRegistry

    store = get_store(get_workspace(ctx))  # `--operation` is refused for this group: the server's workspace
    try:
        yield OperationRegistry.of(store)
    finally:
        store.close()


def register(app: typer.Typer) -> None:
    op_app = typer.Typer(help="Operations served by this workspace's server, and memberships (user -> role).",
                         no_args_is_help=True)
    app.add_typer(op_app, name="operation")

    @op_app.command("create")
    def create(ctx: typer.Context, slug: str = typer.Argument(..., help="short name: a-z, 0-9, '-' (in URLs)"),
               name: str = typer.Option(..., "--name", help="legal name of the certified operation"),
               certifier: str = typer.Option("generic-nop", "--certifier",
                                             help="default certifier profile id")) -> None:
        """Create an operation: its own folder (operations/SLUG/) and database (SQLite file or PostgreSQL schema)."""
        from app.operations import operation_workspace
        from auditpack.store import open_store

        root = get_workspace(ctx)
        with _registry(ctx) as registry:
            registry.create(slug, name, certifier, actor=_actor())
            ws = operation_workspace(root, registry, slug)
        open_store(ws).close()  # created and migrated now, not on the first request
        console.print(f"operation {slug} ready at {ws.root}; give people a role in it with "
                      f"`auditpack operation grant {slug} USER --role ROLE`", highlight=False)

    @op_app.command("list")
    def list_(ctx: typer.Context) -> None:
        """List operations (slug, name, certifier, created); `default` is the workspace's own."""
        ws = get_workspace(ctx)
        with _registry(ctx) as registry:
            ops = registry.list()
        typer.echo(f"{DEFAULT_OPERATION}\t{ws.settings.operation.name}\t{ws.settings.operation.certifier}\t")
        for op in ops:
            made = f"{op.created_at:%Y-%m-%d %H:%M}" if op.created_at else ""
            typer.echo(f"{op.slug}\t{op.name}\t{op.certifier}\t{made}")

    @op_app.command("grant")
    def grant(ctx: typer.Context, slug: str = typer.Argument(..., help="operation slug"),
              user: str = typer.Argument(..., help="an existing user (`auditpack user add`)"),
              role: str = typer.Option(..., "--role", "-r", help=ROLE_HELP)) -> None:
        """Give USER a role in operation SLUG (replacing the role they had there)."""
        with _registry(ctx) as registry:
            registry.set_role(slug, user, role, actor=_actor())
        console.print(f"{user} is {role} in {slug}", highlight=False)

    @op_app.command("revoke")
    def revoke(ctx: typer.Context, slug: str = typer.Argument(..., help="operation slug"),
               user: str = typer.Argument(..., help="sign-in name")) -> None:
        """Take operation SLUG away from USER (their account and other memberships stay)."""
        with _registry(ctx) as registry:
            registry.set_role(slug, user, None, actor=_actor())
        console.print(f"{user} has no access to {slug} any more", highlight=False)

    @op_app.command("members")
    def members(ctx: typer.Context, slug: str = typer.Argument(..., help="operation slug")) -> None:
        """List who may open operation SLUG and with which role."""
        with _registry(ctx) as registry:
            if slug != DEFAULT_OPERATION and registry.get(slug) is None:
                from auditpack.errors import StoreError

                raise StoreError(f"no operation {slug!r}; see `auditpack operation list`")
            for m in registry.members(slug):
                typer.echo(f"{m.user_name}\t{m.role}")
