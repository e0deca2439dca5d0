"""What the Generate tab shows before building: the checklist and what is not ready.

Both are kept until the store changes (review_ui/store_cache.py). The gate itself (`may_build`) is a pure function, so a handler test can show
that open findings are never shipped without the explicit confirmation.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from review_ui import links
from review_ui.presenters import esc

CHECK_COLUMNS = ["Record type", "Status", "Where", "Count"]
Period = tuple[date, date] | None


def checklist_frame(items: list) -> pd.DataFrame:
    return pd.DataFrame([[i.record_type, i.status, i.where or "", i.count] for i in items], columns=CHECK_COLUMNS)


def readiness_html(r, can_build: bool = True) -> str:  # noqa: ANN001 - generators Readiness
    """Open findings by severity, the critical ones linked to the queue, missing records, name mismatch,
    records outside the period.
    `can_build`: whether the reader may generate (else the confirmation below is not there to point to)."""
    parts = []
    if r.open_total:
        sev = ", ".join(f"{n} {esc(s)}" for s, n in r.open_by_severity.items())
        items = "".join(
            f'<li><a href="{esc(links.finding_href(c.id))}">{esc(c.rule_id)}</a> {esc(c.subject)}: '
            f"{esc(c.message)}</li>" for c in r.critical[:12])
        more = f"<li>… and {len(r.critical) - 12} more critical</li>" if len(r.critical) > 12 else ""
        parts.append(f'<div class="ap-warn" id="ap-ready-open"><b>{r.open_total} findings are open with no '
                     f"decision</b> ({sev}). They go to the certifier as “Open: no decision yet”; decide them in "
                     f'<a href="{esc(links.href("triage", status="open"))}">Triage</a>'
                     f"{', or confirm below to build anyway' if can_build else ''}."
                     f"{'<ul>' + items + more + '</ul>' if items else ''}</div>")
    else:
        parts.append('<div class="ap-ok" id="ap-ready-open">Every finding has a decision.</div>')
    for w in r.operation_warnings:
        parts.append(f'<div class="ap-warn ap-ready-name"><b>Operation name:</b> {esc(w)} The package will '
                     "carry this warning; fix the name in the workspace settings if it is wrong.</div>")
    for w in r.period_warnings:
        parts.append(f'<div class="ap-warn ap-ready-period"><b>Period:</b> {esc(w)} Widen the period to include '
                     "them if they belong in this package.</div>")
    if r.missing_records:
        parts.append(f'<div class="ap-warn">{len(r.missing_records)} record types the certifier expects are '
                     f"not in the package (see the checklist): {esc('; '.join(r.missing_records))}.</div>")
    return "".join(parts)


def may_build(r, confirmed: bool) -> str | None:  # noqa: ANN001 - generators Readiness
    """None when the package may be built; else why not (shown instead of building)."""
    if r is None or r.ready or confirmed:
        return None
    critical = r.open_by_severity.get("critical", 0)
    return (f"Not built: {r.open_total} findings are open with no decision"
            f"{f' ({critical} critical)' if critical else ''}. Decide them first, or tick “{r.confirm_label}” "
            "and build again.")
