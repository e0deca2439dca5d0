"""`auditpack package` and `auditpack renewal`: thin wrappers over generators.api."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.markup import escape

from app.cli.context import console, get_store, get_workspace, progress
from auditpack.errors import AuditPackError

if TYPE_CHECKING:
    from auditpack.store import Store


def _period(text: str | None) -> tuple[date, date] | None:
    if not text:
        return None
    try:
        start, end = (date.fromisoformat(p.strip()) for p in text.split(":", 1))
    except ValueError as exc:
        raise AuditPackError(f"--period {text!r}: expected START:END as YYYY-MM-DD:YYYY-MM-DD") from exc
    if end < start:
        raise AuditPackError(f"--period {text!r}: the end is before the start")
    return start, end


def _run(build, label: str, store: Store, details: dict):  # noqa: ANN001, ANN202 - build(cb) -> PackageResult
    """Build with a progress bar, then log it: every package and renewal is in the audit log, UI or CLI."""
    with progress() as bar:
        task = bar.add_task(label, total=None, status="")

        def on_progress(step: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, status=step)

        result = build(on_progress)
    readiness = getattr(result, "readiness", None)
    if readiness is not None and not readiness.ready:
        for line in readiness.lines():
            console.print(f"[yellow]built with open findings:[/yellow] {escape(line)}", highlight=False)
    store.log(_cli_actor(), f"cli.{label}", "package", str(result.zip_path),
              after={**details, "warnings": len(result.warnings)})
    for w in result.warnings:
        console.print(f"[yellow]warning:[/yellow] {escape(w)}", highlight=False)  # names a document
    missing = [c.record_type for c in result.checklist if c.status == "missing"]
    if missing:
        console.print(f"checklist: {len(missing)} record types not in the package (see the cover)", highlight=False)
    typer.echo(str(result.zip_path))


def _cli_actor() -> str:
    """Who ran the command, as the operating system names them (the CLI has no sign-in)."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name (some containers)
        return "cli"


def register(app: typer.Typer) -> None:
    @app.command()
    def package(
        ctx: typer.Context,
        certifier: str = typer.Option(..., "--certifier", help="certifier profile id, e.g. generic-nop, ccof"),
        out: Path = typer.Option(..., "--out", help="folder to write the package into"),
        period: Optional[str] = typer.Option(None, "--period", help="START:END (YYYY-MM-DD:YYYY-MM-DD); "
                                             "default: first to last dated record"),
        trace: Optional[list[str]] = typer.Option(None, "--trace", help="finished lot to trace (repeatable); "
                                                  "default: evenly spaced sample"),
        no_pdf: bool = typer.Option(False, "--no-pdf", help="DOCX only (no LibreOffice, no combined PDF)"),
        allow_open: bool = typer.Option(False, "--allow-open", help="build even though findings are open with no "
                                        "decision (the cover says how many); without it the command refuses"),
        internal: bool = typer.Option(False, "--internal", help="the review team's copy: keeps reviewer notes "
                                      "and assignments, marked internal on the cover (not for the certifier)"),
    ) -> None:
        """Generate the audit package for a certifier (DOCX, PDF, evidence appendix, manifest, zip).

        Refuses, listing what is not ready, while findings are open, unless --allow-open."""
        from generators.api import NotReadyError, build_package
        from generators.profiles import get_profile

        get_profile(certifier)  # unknown id: one line listing the known ones, before opening anything
        ws = get_workspace(ctx)
        store = get_store(ws)
        try:
            _run(lambda cb: build_package(ws, store, certifier, out, period=_period(period), trace_lots=trace or None,
                                          on_progress=cb, pdf=not no_pdf, allow_open=allow_open, internal=internal),
                 "package", store, {"certifier": certifier, "period": period, "trace": trace or [], "pdf": not no_pdf,
                                    # the log says who chose to send open findings, or an internal copy
                                    **({"allow_open": True} if allow_open else {}),
                                    **({"internal": True} if internal else {})})
        except NotReadyError as exc:
            for line in exc.readiness.lines():
                console.print(escape(line), highlight=False)
            raise exc.with_flag("--allow-open") from None
        finally:
            store.close()

    @app.command()
    def renewal(
        ctx: typer.Context,
        certifier: str = typer.Option(..., "--certifier", help="certifier profile id"),
        year: int = typer.Option(..., "--year", help="the year the update covers"),
        out: Path = typer.Option(..., "--out", help="folder to write the submission into"),
        no_pdf: bool = typer.Option(False, "--no-pdf", help="DOCX only"),
    ) -> None:
        """Generate the annual renewal submission (OSP changes, products, open items, affirmation)."""
        from generators.api import build_renewal
        from generators.profiles import get_profile

        get_profile(certifier)
        ws = get_workspace(ctx)
        store = get_store(ws)
        try:
            _run(lambda cb: build_renewal(ws, store, certifier, year, out, on_progress=cb, pdf=not no_pdf), "renewal",
                 store, {"certifier": certifier, "year": year, "pdf": not no_pdf})
        finally:
            store.close()
