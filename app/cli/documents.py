"""`auditpack documents [show]` and `auditpack correct`: the documents view and corrections in a terminal.

The same services back the review UI (app/document_services.py). Tables go to stdout (they are the
data asked for); every text that comes from a document (names, values, reasons) is escaped before Rich
sees it. Who corrects: `--actor` (default: the login name); the role is that user's role in the
workspace, `staff` for a name that is not a user (a viewer-only user is refused).
"""
from __future__ import annotations

import getpass
import json
from typing import Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from app.cli.context import actor_role, console, get_store, get_workspace, print_json
from auditpack.errors import AuditPackError
from auditpack.records import DocumentDetail, DocumentQuery, RecordBase, SortField, Status, record_to_json

out = Console()  # stdout: the table is the data
_SORTS = tuple(SortField.__args__)  # type: ignore[attr-defined]
_STYLE = {"ingested": "green", "needs_attention": "yellow", "unknown": "yellow", "rejected": "red",
          "superseded": "dim", "duplicate": "dim"}
_META = {"id", "kind", "source", "field_sources", "missing_fields"}


def _services(ctx: typer.Context):
    from app.services import Services

    ws = get_workspace(ctx)
    return Services(ws, get_store(ws))


def _flatten(value: Any, path: str) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _flatten(v, f"{path}.{k}" if path else k)]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [p for i, v in enumerate(value) for p in _flatten(v, f"{path}[{i}]")]
    return [(path, value)]


def _record_table(n: int, record: RecordBase) -> Table:
    table = Table(title=escape(f"record {n}: {record.id}"), title_justify="left")
    for col in ("field", "value", "read by", "page"):
        table.add_column(col)
    data = {k: v for k, v in record_to_json(record).items() if k not in _META}
    for path, value in _flatten(data, ""):
        src = record.field_sources.get(path)
        table.add_row(escape(path), escape("" if value is None else str(value)),
                      src.extraction_method.value if src else "", str(src.page or "") if src else "")
    for path in record.missing_fields:
        table.add_row(escape(path), "[yellow]missing[/yellow]", "", "")
    return table


def _show(detail: DocumentDetail) -> None:
    d = detail.document
    info = Table(show_header=False, title=escape(d.filename), title_justify="left")
    info.add_column(style="bold")
    info.add_column()
    rows = [("sha256", d.sha256), ("kind", d.kind or ""), ("status", d.shown_status.value),
            ("issuer", d.issuer or ""), ("date", str(d.document_date or "")), ("records", str(d.record_count)),
            ("revision", str(d.revision)), ("missing", ", ".join(d.missing_fields)), ("reason", d.reason or ""),
            ("kind candidates", ", ".join(f"{c.kind} {c.score:.2f}" for c in d.kind_candidates))]
    for key, value in rows:
        info.add_row(key, escape(value))
    out.print(info)
    for n, record in enumerate(detail.records, 1):
        out.print(_record_table(n, record))
    if detail.corrections:
        hist = Table(title="corrections", title_justify="left")
        for col in ("rev", "at", "by", "op", "record", "field", "value", "note"):
            hist.add_column(col)
        for c in detail.corrections:
            hist.add_row(str(c.revision), f"{c.at:%Y-%m-%d %H:%M}" if c.at else "", escape(c.actor), c.op.value,
                         escape(c.record_id or ""), escape(c.field or ""), escape(json.dumps(c.value)),
                         escape(c.note or ""))
        out.print(hist)


def _actor_role(ctx: typer.Context, actor: str | None) -> tuple[str, str]:
    """Who corrects, with their role in this operation; a shell user no account knows counts as staff."""
    name = actor or getpass.getuser()
    return name, actor_role(ctx, name) or "staff"


def _record_id(detail: DocumentDetail, record: str) -> str:
    """A record id, or its number as `documents show` lists it."""
    if record.isdigit() and 1 <= int(record) <= len(detail.records):
        return detail.records[int(record) - 1].id
    if any(r.id == record for r in detail.records):
        return record
    raise AuditPackError(f"{detail.document.filename} has no record {record!r}; "
                         f"`auditpack documents show {detail.document.sha256[:12]}` lists them")


def register(app: typer.Typer) -> None:
    docs = typer.Typer(help="The documents view: every stored document, its status and what needs a person.",
                       invoke_without_command=True)
    app.add_typer(docs, name="documents")

    @docs.callback()
    def documents(
        ctx: typer.Context,
        inbox: bool = typer.Option(False, "--inbox", help="only what needs a person: unknown, rejected, "
                                   "missing fields, low-confidence values"),
        kind: Optional[str] = typer.Option(None, "--kind", "-k", help="document kind, e.g. invoice"),
        status: Optional[Status] = typer.Option(None, "--status", "-s", help="status"),
        search: Optional[str] = typer.Option(None, "--search", "-q", help="words that must occur in the text"),
        issuer: Optional[str] = typer.Option(None, "--issuer", help="supplier/issuer contains"),
        sort: str = typer.Option("ingested_at", "--sort", help=f"one of {', '.join(_SORTS)}; -FIELD for descending"),
        page: int = typer.Option(1, "--page", min=1, help="page number"),
        limit: int = typer.Option(50, "--limit", min=1, max=1000, help="documents per page"),
        as_json: bool = typer.Option(False, "--json", help="print the page as JSON to stdout"),
    ) -> None:
        """List stored documents (filters, full-text search, sort, pages)."""
        if ctx.invoked_subcommand:
            return
        key = sort.lstrip("-")
        if key not in _SORTS:
            raise AuditPackError(f"cannot sort by {sort!r}; sort by one of {', '.join(_SORTS)} (prefix - to reverse)")
        query = DocumentQuery(inbox=inbox, kind=kind, status=status, search=search, issuer=issuer, sort=key,
                              descending=sort.startswith("-"), limit=limit, offset=(page - 1) * limit)
        services = _services(ctx)
        try:
            result = services.documents(query)
        finally:
            services.store.close()
        if as_json:
            print_json(result.model_dump(mode="json"))
            return
        pages = max(1, -(-result.total // limit))
        table = Table(title=f"{result.total} documents" + (" in the inbox" if inbox else "") + f" - page {page}/{pages}")
        for col in ("id", "file", "kind", "status", "issuer", "date", "records"):
            table.add_column(col, no_wrap=col in ("id", "status", "date", "records"))
        table.add_column("missing / reason", ratio=1)
        for i in result.items:
            style = _STYLE.get(i.status.value, "")
            why = ", ".join(i.missing_fields) or i.reason or ""
            if i.low_confidence:
                why = f"{why} ({i.low_confidence} low-confidence)".strip()
            table.add_row(i.sha256[:12], escape(i.filename), escape(i.kind or ""),
                          f"[{style}]{i.status.value}[/{style}]" if style else i.status.value,
                          escape(i.issuer or ""), str(i.document_date or ""), str(i.record_count), escape(why))
        out.print(table)

    @docs.command("show")
    def show(
        ctx: typer.Context,
        sha: str = typer.Argument(..., help="the document's sha256 or its first digits"),
        as_json: bool = typer.Option(False, "--json", help="print the document, records and corrections as JSON"),
    ) -> None:
        """Open one document: its info, its records as corrected now, and the corrections made."""
        services = _services(ctx)
        try:
            detail = services.document_detail(sha)
        finally:
            services.store.close()
        if as_json:
            print_json(detail.model_dump(mode="json"))
        else:
            _show(detail)

    @app.command()
    def correct(
        ctx: typer.Context,
        sha: str = typer.Argument(..., help="the document's sha256 or its first digits"),
        record: Optional[str] = typer.Option(None, "--record", "-r", help="record id (or its number in "
                                             "`documents show`)"),
        field: Optional[str] = typer.Option(None, "--field", "-f", help="field path, e.g. invoice_number or "
                                            "lines[2].lot_number"),
        value: Optional[str] = typer.Option(None, "--value", help="the new value, as text (checked against the "
                                            "field's type)"),
        kind: Optional[str] = typer.Option(None, "--kind", "-k", help="say what kind the document is (re-read as it)"),
        add_line: Optional[str] = typer.Option(None, "--add-line", help="JSON object of a row to add to --field"),
        remove_line: Optional[str] = typer.Option(None, "--remove-line", help="row to leave out, e.g. lines[2]"),
        note: Optional[str] = typer.Option(None, "--note", help="why (kept with the correction)"),
        revision: Optional[int] = typer.Option(None, "--revision", help="the revision you looked at (default: "
                                               "the current one); a newer one is a conflict"),
        actor: Optional[str] = typer.Option(None, "--actor", help="who corrects (default: your login name)"),
    ) -> None:
        """Correct a document: a field's value, its kind, or a record's rows. The extracted value is kept."""
        chosen = [x is not None for x in (value, kind, add_line, remove_line)]
        if sum(chosen) != 1:
            raise AuditPackError("say one thing to correct: --value (with --record and --field), --kind, "
                                 "--add-line (with --record and --field) or --remove-line (with --record)")
        services = _services(ctx)
        try:
            who, role = _actor_role(ctx, actor)
            detail = services.document_detail(sha)
            doc = detail.document
            rev = doc.revision if revision is None else revision
            if kind is not None:
                detail = services.set_kind(doc.sha256, kind, who, role, rev, note=note)
            else:
                if record is None:
                    raise AuditPackError("--record is needed (see `auditpack documents show`)")
                rid = _record_id(detail, record)
                if remove_line is not None:
                    detail = services.remove_line(doc.sha256, rid, remove_line, who, role, rev, note=note)
                elif field is None:
                    raise AuditPackError("--field is needed, e.g. --field invoice_number")
                elif add_line is not None:
                    try:
                        row = json.loads(add_line)
                    except json.JSONDecodeError as exc:
                        raise AuditPackError(f"--add-line is not JSON: {exc}") from None
                    detail = services.add_line(doc.sha256, rid, field, row, who, role, rev, note=note)
                else:
                    detail = services.correct(doc.sha256, rid, field, value, who, role, rev, note=note)
            # findings follow the corrected data: the checks run again at once (issue 13, item 5)
            run = services.stage("knowledge").run_check(services.workspace, services.store, actor=who)
        finally:
            services.store.close()
        last = detail.corrections[-1] if detail.corrections else None
        console.print(f"corrected {escape(detail.document.filename)} (revision {detail.document.revision}, "
                      f"status {detail.document.shown_status.value})"
                      + (f": {escape(last.field or last.op.value)} = {escape(json.dumps(last.value))}" if last else ""),
                      highlight=False)
        s = run.sync
        console.print(f"checks re-ran: {s.new} new, {s.resolved} resolved, {s.reopened} reopened findings; "
                      f"{len(run.findings)} open in all", highlight=False)
