"""What the Documents tab shows, as tables and escaped HTML (pure functions, no Gradio).

Everything a document contributes (file names, values, reasons, issuers) is escaped here with
`presenters.esc`, so a document cannot put markup into the page.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from auditpack.declarations import declarations
from auditpack.records import DocumentDetail, DocumentInfo, DocumentPage, ProblemCode, RecordBase, Status

from review_ui.presenters import SKIP, _flatten, display, esc
from review_ui.thumbnails import cell as thumbnail_cell

LIST_COLUMNS = ["Page", "File", "Kind", "Status", "Issuer", "Date", "Records", "Missing / reason", "ID"]
# The first column is an <img> of the first page (Markdown, so the browser shows it); every other column is
# plain text, so a file name like "<img onerror=...>.pdf" stays text.
LIST_TYPES = ["markdown"] + ["str"] * (len(LIST_COLUMNS) - 1)
FIELD_COLUMNS = ["Record", "Field", "Value", "Where", "Method", "Confidence"]
PENDING_COLUMNS = ["Field", "Value", "Where"]
STATUS_WORDS = {Status.NEEDS_ATTENTION.value: "needs attention"}
WHAT_TO_DO = {
    Status.UNKNOWN.value: "Say what kind it is (Kind, below), then assign its values on the page.",
    Status.REJECTED.value: "The file could not be read: fix the file (e.g. export it again, remove the password) "
                           "and upload it again. The original is kept here.",
    Status.NEEDS_ATTENTION.value: "Assign the missing values: pick a field, click the value on the page "
                                  "(or a cell, or type it), then Save.",
    Status.DUPLICATE.value: "Nothing to do: the same content was stored before.",
    Status.SUPERSEDED.value: "A newer file with the same name replaced this one; it is kept for the record.",
}


def count_text(page: DocumentPage) -> str:
    """"1–50 of 1,432" (or "No documents")."""
    if not page.total:
        return "No documents match."
    first, last = page.offset + 1, min(page.offset + len(page.items), page.total)
    return f"{first:,}–{last:,} of {page.total:,}"


def list_frame(page: DocumentPage) -> pd.DataFrame:
    """One row per document of the page; the thumbnail is only a link (`review_ui/thumbnails.py`): nothing
    is rendered here, the browser asks for the pictures of the rows it shows."""
    rows = []
    for i in page.items:
        why = ", ".join(i.missing_fields) or i.reason or ""
        if i.low_confidence:
            why = f"{why} ({i.low_confidence} low-confidence)".strip()
        rows.append([thumbnail_cell(i.sha256), i.filename, (i.kind or "").replace("_", " "), STATUS_WORDS.get(i.status.value, i.status.value),
                     i.issuer or "", str(i.document_date or ""), i.record_count, why, i.sha256[:12]])
    return pd.DataFrame(rows, columns=LIST_COLUMNS)


def header_html(info: DocumentInfo, link: str) -> str:
    """Name, kind, status, what to do, and a link that opens this document again."""
    status = info.shown_status.value
    todo = WHAT_TO_DO.get(status, "")
    missing = f" · missing: {', '.join(info.missing_fields)}" if info.missing_fields else ""
    reason = f'<p class="ap-msg">{esc(info.reason)}</p>' if info.reason else ""
    kind = (info.kind or "kind unknown").replace("_", " ")
    return (f'<div class="ap-head"><b>{esc(info.filename)}</b> · {esc(kind)}'
            f' · <span class="ap-badge ap-status">{esc(STATUS_WORDS.get(status, status))}</span>'
            f' <span class="ap-pos">{esc(info.sha256[:12])} · revision {info.revision}{esc(missing)}</span></div>'
            f'{reason}<p class="ap-meta">{esc(todo)}</p>'
            f'<p class="ap-meta">Link to this document: <a href="{esc(link)}" id="ap-doc-link">{esc(link)}</a></p>')


def candidates_html(info: DocumentInfo) -> str:
    if not info.kind_candidates:
        return ""
    shown = ", ".join(f"{esc(c.kind.replace('_', ' '))} {c.score:.2f}" for c in info.kind_candidates)
    return f'<p class="ap-meta">Kind candidates (score): {shown}</p>'


def problems_html(info: DocumentInfo) -> str:
    """The document's problems, each as a line a person can act on."""
    still = set(info.missing_fields)  # a missing field a person has since given is no longer a problem
    items = [f"<li>{esc(p.message)}" + (f" <i>({esc(p.field)})</i>" if p.field else "") + "</li>"
             for p in info.problems if p.severity != "info" and not (p.code is ProblemCode.MISSING_FIELD and
                                                                     (p.field or "").split("[")[0] not in still)]
    return f'<details open><summary>Problems ({len(items)})</summary><ul>{"".join(items)}</ul></details>' \
        if items else ""


def fields_frame(records: Sequence[RecordBase]) -> pd.DataFrame:
    """Each record's fields: value, where it was read, how (manual when a person gave it); a field the
    record still lacks is shown as ⚠ missing."""
    rows = []
    for n, record in enumerate(records, 1):
        flat: list[tuple[str, Any]] = []
        _flatten("", {k: v for k, v in record.model_dump(mode="json").items() if k not in SKIP}, flat)
        seen = set()
        for path, value in flat:
            seen.add(path)
            src = record.field_sources.get(path)
            where = (src.cell or (f"p. {src.page}" if src.page else "")) + (" ▣" if src and src.bbox else "") \
                if src else ""
            missing = path in record.missing_fields and value in (None, "", [])
            rows.append([n, path, "⚠ missing" if missing else display(value), where,
                         src.extraction_method.value if src else "", f"{src.confidence:.2f}" if src else ""])
        rows += [[n, path, "⚠ missing", "", "", ""] for path in record.missing_fields if path not in seen]
    return pd.DataFrame(rows, columns=FIELD_COLUMNS)


def field_choices(kind: str | None, records: Sequence[RecordBase]) -> list[str]:
    """What a person may assign: the kind's declared single fields, then each existing line's columns."""
    decl = declarations().get(kind or "")
    if decl is None:
        return []
    out = [name for name, f in decl.fields.items() if f.type not in ("table", "list", "narrative")]
    for record in records[:1]:
        data = record.model_dump(mode="json")
        for name, f in decl.fields.items():
            if f.columns and isinstance(data.get(name), list):
                out += [f"{name}[{i}].{col}" for i in range(len(data[name])) for col in f.columns]
    return out


def list_fields(kind: str | None) -> list[str]:
    """The kind's fields that hold rows (lines, inputs…): where a line can be added."""
    decl = declarations().get(kind or "")
    return [name for name, f in decl.fields.items() if f.type in ("table", "list") and f.columns] if decl else []


def line_rows(records: Sequence[RecordBase], kind: str | None) -> list[tuple[str, str]]:
    """(label, "lines[2]") for each existing row of the first record: what can be removed."""
    if not records:
        return []
    data = records[0].model_dump(mode="json")
    out = []
    for name in list_fields(kind):
        for i, row in enumerate(data.get(name) or []):
            first = next((str(v) for v in row.values() if v not in (None, "", [])), "") if isinstance(row, dict) else ""
            out.append((f"{name}[{i}] · {first[:40]}", f"{name}[{i}]"))
    return out


def kind_choices(info: DocumentInfo | None) -> list[tuple[str, str]]:
    """The top candidates first (with their scores), then every declared kind."""
    top = [(f"{c.kind.replace('_', ' ')} ({c.score:.2f})", c.kind) for c in (info.kind_candidates if info else [])
           if c.kind in declarations()]
    seen = {v for _, v in top}
    return top + [(k.replace("_", " "), k) for k in sorted(declarations()) if k not in seen]


def pending_frame(edits: Sequence[dict]) -> pd.DataFrame:
    return pd.DataFrame([[e["field"], e["text"], e.get("where", "typed")] for e in edits], columns=PENDING_COLUMNS)


def record_kind(detail: DocumentDetail | None) -> str | None:
    if detail is None:
        return None
    if detail.records:
        return detail.records[0].kind.value
    return detail.document.kind if detail.document.kind in declarations() else None
