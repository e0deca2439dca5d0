"""`auditpack serve` and `auditpack user add|disable|list`."""
from __future__ import annotations

import sys
from typing import Optional

import typer

from app.cli.context import console, get_store, get_workspace
from auditpack.errors import AuditPackError

ROLE_HELP = "staff (upload), reviewer (decide), manager (generate), admin (all), inspector (read-only)"


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = typer.prompt("password", hide_input=True)
    second = typer.prompt("repeat password", hide_input=True)
    if first != second:
        raise AuditPackError("the two passwords differ; nothing was changed")
    return first


def register(app: typer.Typer) -> None:
    user_app = typer.Typer(help="Users of the review UI and their roles.", no_args_is_help=True)
    app.add_typer(user_app, name="user")

    @user_app.command("add")
    def user_add(
        ctx: typer.Context,
        name: str = typer.Argument(..., help="sign-in name"),
        role: str = typer.Option(..., "--role", "-r", help=ROLE_HELP),
        password_stdin: bool = typer.Option(False, "--password-stdin", help="read the password from stdin (scripts)"),
    ) -> None:
        """Create a user (or reset an existing user's role and password)."""
        from auditpack.store import ROLES
        from review_ui.auth import hash_password

        if role not in ROLES:
            raise AuditPackError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
        if not name.strip() or any(c.isspace() or c == ":" for c in name):
            raise AuditPackError("a user name cannot be empty or contain spaces or ':'")
        ws = get_workspace(ctx)
        password_hash = hash_password(_read_password(password_stdin))
        store = get_store(ws)
        try:
            existed = store.get_user(name) is not None
            store.add_user(name, role, password_hash, actor="auditpack user add")
        finally:
            store.close()
        console.print(f"{'updated' if existed else 'added'} user {name} ({role})", highlight=False)

    @user_app.command("disable")
    def user_disable(ctx: typer.Context, name: str = typer.Argument(..., help="sign-in name")) -> None:
        """Disable a user: they cannot sign in and their open sessions end (the user and their history are kept)."""
        store = get_store(get_workspace(ctx))
        try:
            if store.get_user(name) is None:
                raise AuditPackError(f"no user named {name!r}; see `auditpack user list`")
            ended = store.disable_user(name, actor="auditpack user disable")
        finally:
            store.close()
        console.print(f"disabled user {name} ({ended} open session{'s' if ended != 1 else ''} ended); "
                      "`auditpack user add` with a new password enables it again", highlight=False)

    @user_app.command("list")
    def user_list(ctx: typer.Context) -> None:
        """List users and their roles (never their password hashes)."""
        store = get_store(get_workspace(ctx))
        try:
            for u in store.list_users():
                typer.echo(f"{u.name}\t{u.role}\t{'active' if u.active else 'inactive'}")
        finally:
            store.close()

    @app.command()
    def serve(
        ctx: typer.Context,
        host: Optional[str] = typer.Option(None, "--host",
                                           help="bind address (default 127.0.0.1, from settings ui.host)"),
        port: Optional[int] = typer.Option(None, "--port", help="port (default 7860, from settings ui.port)"),
    ) -> None:
        """Start the web app: the review UI (sign-in required unless ui.allow_anonymous is set) and the REST API
        under /api/v1 (token required), one server."""
        from app.api.server import serve as serve_app
        from app.queue import make_queue
        from app.services import Services

        ws = get_workspace(ctx)
        store = get_store(ws)
        ui = ws.settings.ui
        if not ui.allow_anonymous and not store.list_users():
            store.close()
            raise AuditPackError("no users yet: create one with `auditpack user add NAME --role admin` first")
        where = host or ui.host
        if where not in ("127.0.0.1", "localhost", "::1"):
            console.print(f"[yellow]note:[/yellow] listening on {where}: reachable from other machines; "
                          "use HTTPS in front of it", highlight=False)
        if ui.allow_anonymous:
            console.print("[yellow]note:[/yellow] ui.allow_anonymous is on: anyone who can reach the port can "
                          "read (not change) the workspace", highlight=False)
        url = f"http://{where}:{port or ui.port}"
        console.print(f"AuditPack review UI on {url}, REST API on {url}/api/v1 (docs: {url}/api/v1/docs)  "
                      "(Ctrl+C stops it)", highlight=False)
        services = Services(ws, store)
        queue = make_queue(services)
        try:
            serve_app(services, queue, host=where, port=port or ui.port)
        finally:
            queue.close(wait=False)
            store.close()
