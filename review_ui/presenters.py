"""Turn store data into what the screens show: tables and escaped HTML.

Pure functions, no Gradio: everything a document or a file name contributes
is HTML-escaped here, so a file called ``<script>...`` is shown, never run.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd

from auditpack.declarations import declarations
from auditpack.records import SEVERITY_ORDER, FindingState, FindingStatus, RecordBase

from review_ui.regulation_view import regulation_html

esc = html.escape
QUEUE_COLUMNS = ["✓", "Sev.", "Rule", "Subject", "State", "ID"]
SHORT_SEVERITY = {"critical": "crit", "major": "major", "minor": "minor"}
SORT_KEYS = {
    "severity": lambda s: (SEVERITY_ORDER.get(s.finding.severity, 9), s.finding.rule_id, s.finding.subject.key),
    "rule": lambda s: (s.finding.rule_id, SEVERITY_ORDER.get(s.finding.severity, 9), s.finding.subject.key),
    "facility": lambda s: ((s.finding.facility or "~").lower(), s.finding.rule_id),
    "supplier": lambda s: ((s.finding.supplier or "~").lower(), s.finding.rule_id),
    "status": lambda s: (s.status.value, SEVERITY_ORDER.get(s.finding.severity, 9)),
    "assignee": lambda s: ((s.assignee or "~").lower(), SEVERITY_ORDER.get(s.finding.severity, 9)),
    "due date": lambda s: (s.due_date or date.max, SEVERITY_ORDER.get(s.finding.severity, 9)),
}
OVERDUE = "overdue"  # a Status filter value: accepted, with a corrective action past its due date


def is_overdue(state: FindingState, today: date | None = None) -> bool:
    """An accepted finding whose corrective action was due before today (the decision stores both)."""
    return (state.status is FindingStatus.ACCEPTED and state.due_date is not None
            and state.due_date < (today or date.today()))
SKIP = {"id", "kind", "source", "field_sources", "missing_fields"}


def filter_findings(states: Iterable[FindingState], *, severity: str = "", rule: str = "", facility: str = "",
                    supplier: str = "", status: str = "", assignee: str = "", text: str = "",
                    sort: str = "severity", today: date | None = None) -> list[FindingState]:
    """The queue after the reviewer's filters ('' or 'all' means no filter; status OVERDUE: accepted findings
    whose corrective action is past its due date)."""
    def keep(s: FindingState) -> bool:
        f = s.finding
        if status == OVERDUE and not is_overdue(s, today):
            return False
        checks = [
            (severity, f.severity), (rule, f.rule_id), (facility, f.facility or ""), (supplier, f.supplier or ""),
            (status if status != OVERDUE else "", s.status.value), (assignee, s.assignee or "(unassigned)"),
        ]
        if any(want not in ("", "all", None) and want != have for want, have in checks):
            return False
        needle = (text or "").strip().lower()
        return not needle or needle in f"{f.message} {f.subject.key} {f.rule_id}".lower()

    return sorted((s for s in states if keep(s)), key=SORT_KEYS.get(sort, SORT_KEYS["severity"]))


def state_text(state: FindingState, today: date | None = None) -> str:
    """The queue's State cell: status, assignee, and an accepted finding's due date (flagged when overdue)."""
    text = state.status.value + (f" · {state.assignee}" if state.assignee else "")
    if state.status is FindingStatus.ACCEPTED and state.due_date:
        text += f" · due {state.due_date}" + (" ⚠ overdue" if is_overdue(state, today) else "")
    return text


def queue_frame(states: Sequence[FindingState], selected: Iterable[str] = (), today: date | None = None
                ) -> pd.DataFrame:
    """One row per finding: ✓ (ticked for `selected`: a bulk decision's selection), severity, rule, subject in
    full, state, and the id last (read on a click, hidden by CSS)."""
    chosen = set(selected)
    rows = [[s.finding.id in chosen, SHORT_SEVERITY.get(s.finding.severity, s.finding.severity), s.finding.rule_id,
             " ".join(s.finding.subject.key.split()), state_text(s, today), s.finding.id] for s in states]
    return pd.DataFrame(rows, columns=QUEUE_COLUMNS)


_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:00)?$")


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and (m := _ISO_DATETIME.match(value)):
        return f"{m.group(1)} {m.group(2)}"  # how people write times on a log
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return f"{len(value)} item{'s' * (len(value) != 1)}" if value and isinstance(value[0], dict) else \
            ", ".join(map(str, value))
    return str(value)


def records_frame(records: Sequence[RecordBase], kind: str, text: str = "") -> pd.DataFrame:
    decl = declarations().get(kind)
    cols = decl.summary_fields if decl else []
    rows = []
    needle = (text or "").strip().lower()
    for r in records:
        data = r.model_dump(mode="json")
        row = [display(data.get(c)) for c in cols] + [r.source.filename, r.source.page or "", r.id]
        if needle and needle not in " ".join(map(str, row)).lower():
            continue
        rows.append(row)
    headers = [c.replace("_", " ").capitalize() for c in cols] + ["File", "Page", "ID"]
    return pd.DataFrame(rows, columns=headers)


def _flatten(prefix: str, value: Any, out: list[tuple[str, Any]]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else k, v, out)
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for i, v in enumerate(value):
            _flatten(f"{prefix}[{i}]", v, out)
    else:
        out.append((prefix, value))


def record_fields_frame(record: RecordBase) -> pd.DataFrame:
    """Field, value and where it was read, one row per leaf value: no JSON to read."""
    flat: list[tuple[str, Any]] = []
    data = {k: v for k, v in record.model_dump(mode="json").items() if k not in SKIP}
    _flatten("", data, flat)
    rows = []
    for path, value in flat:
        src = record.field_sources.get(path)
        where = ""
        if src:
            where = src.cell or (f"p. {src.page}" if src.page else "")
            where += " ▣" if src.bbox else ""  # ▣: a box is drawn on the page image
        shown = "(not found)" if path in record.missing_fields and value in (None, "", []) else display(value)
        rows.append([path, shown, where, src.extraction_method.value if src else "",
                     f"{src.confidence:.2f}" if src else ""])
    return pd.DataFrame(rows, columns=["Field", "Value", "Where", "Method", "Confidence"])


def state_badge(state: FindingState) -> str:
    colors = {"critical": "#b00020", "major": "#c25e00", "minor": "#51607a"}
    f = state.finding
    return (f'<span class="ap-badge" style="background:{colors.get(f.severity, "#555")}">{esc(f.severity)}</span> '
            f'<span class="ap-badge ap-status">{esc(state.status.value)}</span>')


def finding_summary_html(state: FindingState, position: str) -> str:
    """The top of the panel: what the gap is, where, and any decision already made."""
    f = state.finding
    parts = [f'<div class="ap-finding"><div class="ap-head">{state_badge(state)} '
             f'<b>{esc(f.rule_id)}</b> · {esc(f.subject.key)} <span class="ap-pos">{esc(position)}</span></div>',
             f'<p class="ap-msg">{esc(f.message)}</p>',
             '<p class="ap-meta">' + " · ".join(esc(x) for x in [
                 f"Citations: {', '.join(f.citations) or 'none'}",
                 f"Facility: {f.facility}" if f.facility else "", f"Supplier: {f.supplier}" if f.supplier else "",
                 f"Assigned to: {state.assignee}" if state.assignee else "",
                 f"Confidence {f.confidence:.0%}"] if x) + "</p>"]
    if state.decided_by:
        detail = state.corrective_action or state.reason or ""
        due = f" (due {state.due_date})" if state.due_date else ""
        parts.append(f'<p class="ap-decided">Decided by {esc(state.decided_by)}: {esc(state.status.value)}'
                     f'{esc(due)} {esc(detail)}</p>')
    return "".join(parts) + "</div>"


def finding_details_html(passages: Sequence[Any], suggestion: Any | None,
                         corpus: Mapping[str, Any] | None = None) -> str:
    """Beside the evidence: the reviewer suggestion, then the regulation text of each citation, rendered, with
    the loaded copy (`corpus`: the store's corpus meta) and each passage's currency (`regulation_view`)."""
    parts = []
    if suggestion is not None:
        parts.append(f'<div class="ap-suggest"><b>Suggestion ({esc(suggestion.reviewer)}, '
                     f'{suggestion.confidence:.0%})</b> <i>Corrective action:</i> '
                     f'{esc(suggestion.corrective_action)}<details><summary>Why</summary>'
                     f'{esc(suggestion.explanation)}</details></div>')
    parts.append(regulation_html(passages, corpus))
    return "".join(parts) or "<p>No regulation text or suggestion for this finding.</p>"


def finding_html(state: FindingState, passages: Sequence[Any], suggestion: Any | None, position: str) -> str:
    return finding_summary_html(state, position) + finding_details_html(passages, suggestion)
