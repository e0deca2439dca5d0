"""`auditpack check | ask | suggest | corpus update|status | oid import`: thin wrappers over knowledge.api."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Optional

import typer

from app.cli.context import console, get_store, get_workspace, print_json, progress

_SEVERITY_STYLE = {"critical": "bold red", "major": "yellow", "minor": "cyan"}


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-03-31", param_hint=option) from exc


def register(app: typer.Typer) -> None:
    @app.command()
    def check(
        ctx: typer.Context,
        as_json: bool = typer.Option(False, "--json", help="print findings as a JSON array (stdout)"),
        as_of: Optional[str] = typer.Option(None, "--as-of", help="evaluate currency at this date (YYYY-MM-DD)"),
        export: Optional[Path] = typer.Option(None, "--export", help="also write the findings to FILE.csv or FILE.xlsx"),
    ) -> None:
        """Check records against 7 CFR Part 205; stores findings, keeping reviewers' decisions."""
        from rich.table import Table

        from knowledge.api import run_check

        ws = get_workspace(ctx)
        store = get_store(ws)
        try:
            run = run_check(ws, store, as_of=_date(as_of, "--as-of"))
            status = {s.finding.id: s.finding.status for s in store.findings(include_resolved=False)}
        finally:
            store.close()
        findings = [f.model_copy(update={"status": status.get(f.id, f.status)}) for f in run.findings]
        if export is not None:
            from rich.markup import escape

            from app.export import write_table

            write_table(export, ["id", "rule", "severity", "status", "subject", "message", "citations", "evidence"],
                        [[f.id, f.rule_id, f.severity, f.status.value, f.subject.key, f.message, ", ".join(f.citations),
                          "; ".join(f"{e.filename} p. {e.page}" for e in f.evidence)] for f in findings])
            console.print(f"wrote {len(findings)} findings to {escape(str(export))}", highlight=False)
        for w in run.warnings:
            console.print(f"[yellow]note:[/yellow] {w}", highlight=False)
        if as_json:
            print_json([f.model_dump(mode="json") for f in findings])
            return
        table = Table(title=f"{len(findings)} findings ({run.rules_run} rules, {run.seconds:.2f} s)")
        table.add_column("severity", no_wrap=True)
        table.add_column("rule", no_wrap=True)
        table.add_column("subject", overflow="fold", max_width=32)
        table.add_column("message", overflow="fold", ratio=1)
        table.add_column("status", no_wrap=True)
        for f in findings:
            table.add_row(f"[{_SEVERITY_STYLE[f.severity]}]{f.severity}[/]", f.rule_id, f.subject.key,
                          f.message, f.status.value)
        console.print(table)
        s = run.sync
        console.print(f"new {s.new}, still open {s.still_open}, decisions kept {s.kept_decisions}, "
                      f"reopened {s.reopened}, resolved {s.resolved}")

    @app.command()
    def ask(
        ctx: typer.Context,
        question: str = typer.Argument(..., help="a question about the organic regulation"),
        k: int = typer.Option(5, "-k", help="number of passages"),
        as_json: bool = typer.Option(False, "--json", help="print passages as JSON (stdout)"),
    ) -> None:
        """Ask the regulation index: the answer the review UI's Ask tab gives (passages grouped by section,
        lists completed, a plain relevance label, a warning for a needed section the loaded copy lacks)."""
        from rich.markdown import Markdown
        from rich.markup import escape
        from rich.panel import Panel

        from knowledge.api import answer

        ws = get_workspace(ctx)
        store = get_store(ws)
        try:
            result = answer(ws, store, question, k=k)
        finally:
            store.close()
        if as_json:
            print_json(result.model_dump(mode="json"))
            return
        for w in result.warnings:
            console.print(f"[yellow]note:[/yellow] {escape(w)}", highlight=False)
        if not result.sections:
            console.print("No passage of the loaded copy answers this; try other words, or check "
                          "`auditpack corpus status`.", highlight=False)
        for sec in result.sections:
            body = "\n\n".join(f"**{p.citation}** ({p.relevance}) {p.text}"
                                 + (f" (and {p.more_items} more items)" if p.more_items else "")
                                 for p in sec.passages)
            console.print(Panel(Markdown(body), title=escape(f"{sec.citation}  {sec.heading}"),
                                subtitle=escape(f"{sec.relevance} | {sec.currency}"
                                                + (" | outdated in this copy" if sec.state == "outdated" else "")),
                                title_align="left"))
            typer.echo(f"{sec.citation}\t{sec.heading}\t{sec.relevance}")

    @app.command()
    def suggest(
        ctx: typer.Context,
        finding: str = typer.Argument(..., help="finding id (from `auditpack check --json`), or a unique start of it"),
        as_json: bool = typer.Option(False, "--json", help="print the suggestion as JSON (stdout)"),
    ) -> None:
        """A reviewer's suggestion for one finding: explanation, corrective action, sections cited.

        Saved with the finding for the review UI; it never accepts, dismisses or closes anything."""
        from rich.panel import Panel

        from auditpack.errors import AuditPackError
        from knowledge.api import suggest as suggest_service

        ws = get_workspace(ctx)
        store = get_store(ws)
        try:
            ids = [s.finding.id for s in store.findings(include_resolved=True) if s.finding.id.startswith(finding)]
            exact = [i for i in ids if i == finding]
            if len(exact) != 1 and len(ids) != 1:
                raise AuditPackError(f"no finding starts with {finding!r}; see `auditpack check --json` for ids"
                                     if not ids else f"{finding!r} matches {len(ids)} findings "
                                     f"({', '.join(sorted(ids)[:3])}, ...); give more of the id")
            suggestion = suggest_service(ws, store, (exact or ids)[0])
        finally:
            store.close()
        if as_json:
            print_json(suggestion.model_dump(mode="json"))
            return
        body = (f"{suggestion.explanation}\n\n[bold]Suggested corrective action[/bold]\n{suggestion.corrective_action}"
                f"\n\n[dim]cites {', '.join(suggestion.cited_sections) or '-'}; confidence "
                f"{suggestion.confidence:.2f}. A suggestion only: decide in the review UI.[/dim]")
        console.print(Panel(body, title=f"{suggestion.finding_id}  ({suggestion.reviewer} reviewer)",
                            title_align="left"))

    corpus = typer.Typer(help="The 7 CFR Part 205 text: load it, see its version and currency.",
                         no_args_is_help=True)
    app.add_typer(corpus, name="corpus")

    @corpus.command("update")
    def corpus_update(
        ctx: typer.Context,
        source: Optional[Path] = typer.Option(None, "--from", help="eCFR XML or part205.jsonl file"),
        on: Optional[str] = typer.Option(None, "--date", help="eCFR version date (YYYY-MM-DD), default today"),
    ) -> None:
        """Load Part 205 (eCFR API, else --from FILE, else AUDITPACK_REGULATION_FILE) and index it."""
        from knowledge.corpus.update import update

        ws = get_workspace(ctx)
        store = get_store(ws)
        try:
            with progress() as bar:
                task = bar.add_task("index", total=None, status="embedding paragraphs")
                st = update(ws, store, source, _date(on, "--date"),
                            on_progress=lambda done, total: bar.update(task, completed=done, total=total))
        finally:
            store.close()
        console.print(st.message, highlight=False)

    @corpus.command("status")
    def corpus_status(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
        """Version date, and which sections are present, outdated or absent."""
        from rich.table import Table

        from knowledge.api import corpus_status as status_service

        ws = get_workspace(ctx)
        store = get_store(ws)
        try:
            st = status_service(ws, store)
        finally:
            store.close()
        if as_json:
            print_json(st.model_dump(mode="json"))
            return
        console.print(f"source: {st.source or '-'}   version date: {st.version_date or 'per-section'}   "
                      f"sections: {st.sections}", highlight=False)
        table = Table(title="sections not current")
        for col in ("section", "state", "currency"):
            table.add_column(col)
        for s in st.outdated + st.absent:
            table.add_row(s.section, s.state, s.currency)
        console.print(table)
        console.print(st.message, highlight=False)

    oid = typer.Typer(help="Organic Integrity Database exports.", no_args_is_help=True)
    app.add_typer(oid, name="oid")

    @oid.command("import")
    def oid_import(ctx: typer.Context, path: Path = typer.Argument(..., help="OID export, .csv or .xlsx")) -> None:
        """Load an OID export: supplier status on receipt dates for CERT-NOT-CURRENT."""
        from knowledge.api import import_oid

        ws = get_workspace(ctx)
        store = get_store(ws)
        try:
            n = import_oid(ws, store, path)
        finally:
            store.close()
        console.print(f"imported {n} operations from {path.name}")
