"""`auditpack token create|list|revoke` (REST API tokens) and `auditpack worker` (a Celery worker)."""
from __future__ import annotations

import os
from typing import Optional

import typer

from app.cli.context import console, get_store, get_workspace
from auditpack.errors import AuditPackError


def _actor() -> str:
    return f"cli:{os.environ.get('USER') or os.environ.get('USERNAME') or 'unknown'}"


def register(app: typer.Typer) -> None:
    token_app = typer.Typer(help="REST API tokens (per user, stored hashed, revocable).", no_args_is_help=True)
    app.add_typer(token_app, name="token")

    @token_app.command("create")
    def token_create(ctx: typer.Context, user: str = typer.Argument(..., help="the user the token acts as"),
                     label: Optional[str] = typer.Option(None, "--label", help="what the token is for")) -> None:
        """Make a token for USER; it is printed once (stdout) and only its sha256 is kept."""
        from app.api.auth import new_token, token_digest

        store = get_store(get_workspace(ctx))
        try:
            token = new_token()
            made = store.create_api_token(user, token_digest(token), label, actor=_actor())
        finally:
            store.close()
        console.print(f"token {made.id} for {user} (shown once; keep it like a password):", highlight=False)
        typer.echo(token)

    @token_app.command("list")
    def token_list(ctx: typer.Context, user: Optional[str] = typer.Option(None, "--user", help="one user's")) -> None:
        """List tokens (id, user, label, made, last used, revoked); never the tokens themselves."""
        store = get_store(get_workspace(ctx))
        try:
            for t in store.list_api_tokens(user):
                state = f"revoked {t.revoked_at:%Y-%m-%d %H:%M} by {t.revoked_by}" if t.revoked_at else "active"
                used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never used"
                typer.echo(f"{t.id}\t{t.user_name}\t{t.label or ''}\t{t.created_at:%Y-%m-%d %H:%M}\t{used}\t{state}")
        finally:
            store.close()

    @token_app.command("revoke")
    def token_revoke(ctx: typer.Context, token_id: int = typer.Argument(..., help="the id `token list` shows")) -> None:
        """Revoke a token: it stops working at once (kept, never deleted)."""
        store = get_store(get_workspace(ctx))
        try:
            changed = store.revoke_api_token(token_id, actor=_actor())
        finally:
            store.close()
        console.print(f"token {token_id} {'revoked' if changed else 'was already revoked'}", highlight=False)

    @app.command()
    def worker(ctx: typer.Context,
               name: Optional[str] = typer.Option(None, "--name", help="worker name (default auditpack@HOST)"),
               loglevel: str = typer.Option("INFO", "--loglevel", help="DEBUG, INFO, WARNING")) -> None:
        """Start a Celery worker that runs queued ingest, check and package tasks, one at a time (start one per
        core). Needs `[queue] kind = "celery"` or env AUDITPACK_BROKER_URL, and PostgreSQL."""
        from app.queue import require_shared_store
        from app.services import Services

        ws = get_workspace(ctx)
        if ws.settings.queue.kind != "celery":
            raise AuditPackError("no broker configured: set env AUDITPACK_BROKER_URL=redis://HOST:6379/0 (or [queue] "
                                 "kind = \"celery\" and broker_url in auditpack.toml); the embedded default needs "
                                 "no worker")
        require_shared_store(ws.settings)
        from app.celery_app import run_worker

        store = get_store(ws)
        try:
            code = run_worker(Services(ws, store), hostname=name, loglevel=loglevel)
        finally:
            store.close()
        raise typer.Exit(code)
