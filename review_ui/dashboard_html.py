"""The Dashboard as escaped HTML: tables of counts with a bar beside each, every count a plain link.

Links rather than chart-canvas click events: a link is reachable with Tab, opens with Enter, can be opened
in a new tab or copied, and shows where it goes. The bars are divs sized by share, so nothing overlaps and
no label is rotated or cut; the cards sit in a grid that wraps, so the page never scrolls sideways.
"""
from __future__ import annotations

import html

import pandas as pd

from review_ui import links
from review_ui.dashboard import EXPIRING_DAYS, DashboardData
from review_ui.dashboard_findings import DUE_SOON_DAYS, CorrectiveAction

esc = html.escape
STYLE = """<style>
.ap-dash { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 10px;
  align-items: start; }
.ap-dash .ap-card { border: 1px solid #d8dde3; border-radius: 6px; padding: 6px 10px; min-width: 0; }
.ap-dash .ap-wide { grid-column: 1 / -1; }
.ap-dash .ap-two { grid-column: span 2; }
@media (max-width: 760px) { .ap-dash .ap-two { grid-column: 1 / -1; } }
.ap-dash h3 { font-size: 1em; margin: 2px 0 6px !important; }
.ap-dash table { width: 100%; border-collapse: collapse; font-size: 0.9em; margin: 0 !important; border: none; }
.ap-dash td, .ap-dash th { padding: 2px 6px !important; text-align: left; vertical-align: top; border: none !important;
  word-break: normal; overflow-wrap: break-word; line-height: 1.35; }
.ap-dash tr + tr td { border-top: 1px solid #eef0f3 !important; }
.ap-dash th { border-bottom: 1px solid #d8dde3 !important; font-weight: 600; white-space: nowrap; }
.ap-dash td.n, .ap-dash th.n { text-align: right; white-space: nowrap; width: 3.5em; }
.ap-dash td.nowrap { white-space: nowrap; }
.ap-dash td.bar { width: 40%; }
.ap-dash .bar span { display: block; height: 0.9em; margin-top: 0.25em; background: #5b6bd6; border-radius: 2px; }
.ap-dash .sev-critical span, .ap-dash .st-expired { background: #b00020; }
.ap-dash .sev-major span, .ap-dash .st-expiring { background: #c25e00; }
.ap-dash .sev-minor span { background: #51607a; }
.ap-dash .st { color: #fff; border-radius: 8px; padding: 0 6px; font-size: 0.85em; white-space: nowrap; }
.ap-dash .st-current { background: #2e7d32; } .ap-dash .st-unknown, .ap-dash .st-replaced { background: #888; }
.ap-dash .scroll { max-height: 300px; overflow-y: auto; }
.ap-dash .muted { color: #666; font-size: 0.85em; font-weight: normal; }
.ap-dash .overdue { color: #b00020; font-weight: 600; }
.ap-dash p { margin: 4px 0 !important; }
</style>"""


def _a(href: str | None, text: str, label: str = "") -> str:
    if not isinstance(href, str) or not href:
        return esc(text)
    aria = f' aria-label="{esc(label, quote=True)}"' if label else ""
    return f'<a href="{esc(href, quote=True)}"{aria}>{esc(text)}</a>'


def bars(title: str, frame: pd.DataFrame, what: str, elem_id: str, bar_class: str = "") -> str:
    """A card: one row per label with a bar and the count, label and count linking to the filtered queue."""
    top = max([int(n) for n in frame["open"]] + [1])
    rows = []
    for label, n, href in zip(frame["label"], frame["open"], frame["href"]):
        cls = f' class="bar {bar_class}{esc(str(label))}"' if bar_class else ' class="bar"'
        say = f"{n} {what}: {label}"
        width = f"{100 * int(n) / top:.0f}%"
        rows.append(f'<tr><td>{_a(href, str(label), say)}</td><td{cls}><span style="width:{width}"></span></td>'
                    f'<td class="n">{_a(href, str(n), say)}</td></tr>')
    body = "".join(rows) or '<tr><td class="muted">none</td></tr>'
    return (f'<div class="ap-card" id="{elem_id}"><h3>{esc(title)}</h3><div class="scroll"><table>{body}</table>'
            '</div></div>')


def _action_rows(items: list[CorrectiveAction], overdue: bool) -> str:
    rows = []
    for a in items:
        when = f"{-a.days_left} d overdue" if overdue else ("today" if a.days_left == 0 else f"in {a.days_left} d")
        rows.append(f'<tr><td>{_a(a.href, a.rule_id, f"finding {a.rule_id} {a.subject}")}<br>'
                    f'<span class="muted">{esc(a.subject)}</span></td><td>{esc(a.action)}</td>'
                    f'<td class="nowrap{" overdue" if overdue else ""}">{esc(a.due_date.isoformat())}<br>'
                    f'{esc(when)}</td>'
                    f'<td>{esc(a.assignee or "")}</td></tr>')
    return "".join(rows)


def actions_card(d: DashboardData) -> str:
    a = d.actions
    head = "<tr><th>Finding</th><th>Corrective action</th><th>Due</th><th>Assignee</th></tr>"
    body = _action_rows(a.overdue, True) + _action_rows(a.due_soon, False)
    table = f"<table>{head}{body}</table>" if body else '<p class="muted">Nothing overdue or due soon.</p>'
    return (f'<div class="ap-card ap-two" id="ap-dash-actions"><h3>Corrective actions: '
            f'<span class="overdue" id="ap-dash-overdue">{_a(a.overdue_href, f"{len(a.overdue)} overdue")}</span> · '
            f'<span id="ap-dash-due-soon">{_a(a.due_soon_href, f"{len(a.due_soon)} due within {DUE_SOON_DAYS} days")}'
            f'</span>'
            f'<span class="muted"> · {a.later} due later</span></h3><div class="scroll">{table}</div></div>')


def cleaning_card(d: DashboardData) -> str:
    rows = "".join(
        f'<tr><td>{esc(str(r["facility"]))}</td><td class="n">{r["% in real time"]}%</td><td class="n">'
        f'{r["on time"]}</td><td class="n">{_a(r["href"], str(r["late"]), str(r["late"]) + " late entries")}</td>'
        f'<td class="n">{r["no log time"]}</td></tr>' for _, r in d.cleaning.iterrows())
    head = ('<tr><th>Facility</th><th class="n">real time</th><th class="n">on time</th><th class="n">late</th>'
            '<th class="n">no log time</th></tr>')
    return (f'<div class="ap-card" id="ap-dash-cleaning"><h3>Cleaning logged in real time</h3>'
            f'<table>{head}{rows}</table><p class="muted">{esc(d.cleaning_summary)}; a late count opens its '
            f'findings.</p></div>')


def certificates_card(d: DashboardData) -> str:
    head = ("<tr><th>Supplier</th><th>Issuer</th><th>Status</th><th>Due</th><th>Days to anniversary</th>"
            "<th>Days to expiry</th><th>Why</th></tr>")
    rows, seen = [], set()
    for _, r in d.certificates.iterrows():
        first = r["newest"] and r["status"] not in seen  # the status counts link to their first row
        anchor = f' id="ap-dash-cert-{r["status"]}"' if first else ""
        seen.add(r["status"] if first else None)
        days = ["" if pd.isna(r[c]) else str(int(r[c])) for c in ("days to anniversary", "days to expiry")]
        rows.append(f'<tr{anchor}><td>{_a(r["href"], r["supplier"], "certificate of " + r["supplier"])}</td>'
                    f'<td>{esc(r["issuer"])}</td><td><span class="st st-{esc(r["status"])}">{esc(r["status"])}'
                    f'</span></td><td>{esc(r["due"])}</td><td class="n">{days[0]}</td><td class="n">{days[1]}</td>'
                    f'<td>{esc(r["why"])}</td></tr>')
    soon = d.certificates[(d.certificates["status"] == "expiring") & d.certificates["newest"]]
    soon_html = ", ".join(_a(r["href"], f'{r["supplier"]} ({r["due"]})') for _, r in soon.iterrows()) or "nothing"
    return (f'<div class="ap-card ap-wide" id="ap-dash-certs"><h3>Supplier certificate timeline '
            f'<span class="muted">(soonest due first; a supplier opens its certificate record)</span></h3>'
            f'<p id="ap-dash-cert-soon"><b>Due in the next {EXPIRING_DAYS} days:</b> {soon_html}</p>'
            f'<div class="scroll"><table>{head}{"".join(rows)}</table></div></div>')


def documents_card(d: DashboardData) -> str:
    rows = "".join(f'<tr><td>{_a(links.href("documents", kind=str(k)), str(k), f"documents of kind {k}")}</td>'
                   f'<td class="n">{n}</td></tr>' for k, n in zip(d.documents["kind"], d.documents["documents"]))
    return (f'<div class="ap-card" id="ap-dash-docs"><h3>Documents per kind</h3>'
            f'<table>{rows or "<tr><td class=muted>none</td></tr>"}</table></div>')


def render(d: DashboardData) -> str:
    f = d.findings
    cards = [
        bars("Open findings by severity", f.by_severity, "open findings of severity", "ap-dash-severity", "sev-"),
        bars("Open findings by rule (most first)", f.by_rule, "open findings of rule", "ap-dash-rules"),
        bars("Open findings per facility", f.by_facility, "open findings at", "ap-dash-facilities"),
        actions_card(d),
        bars("Open findings per month (of the record)", f.by_month, "open findings in", "ap-dash-months"),
        bars("Supplier certificates (newest per supplier)", d.cert_counts, "suppliers", "ap-dash-cert-counts"),
        cleaning_card(d), documents_card(d), certificates_card(d),
    ]
    return STYLE + f'<div class="ap-dash">{"".join(cards)}</div>'
