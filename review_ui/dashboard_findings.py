"""The Dashboard's finding figures, each count with the address of the queue it stands for (no Gradio here).

A count someone cannot open is a dead end: every figure carries `href`, the Triage queue with its filters set
(`?tab=triage&rule=X&status=open`) or the one finding a corrective action belongs to. The queue reads those
parameters on page load (review_ui/tabs/triage.py, `first_queue`), so a count and the queue it opens agree.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
from pydantic import BaseModel

from auditpack.records import SEVERITY_ORDER, FindingState, FindingStatus, RecordBase
from auditpack.store import Store

from review_ui import links
from review_ui.finding_months import NO_MONTH, finding_months, month_label
from review_ui.presenters import OVERDUE

DUE_SOON_DAYS = 14
NO_FACILITY = "(no facility)"
COUNT_COLUMNS = ["label", "open", "href"]


def queue_href(**filters: str | None) -> str:
    """The open findings of the Triage queue with these filters (`status=open` unless named)."""
    return links.href("triage", **{"status": "open", **filters})


def _frame(rows: Sequence[tuple[str, int, str | None]]) -> pd.DataFrame:
    """label, open, href ('' where no queue shows that count)."""
    return pd.DataFrame([(label, int(n), href or "") for label, n, href in rows], columns=COUNT_COLUMNS)


@dataclass
class FindingCounts:
    """Open findings counted four ways; each frame has label, open and href columns."""

    total: int
    by_severity: pd.DataFrame
    by_rule: pd.DataFrame  # most first
    by_facility: pd.DataFrame  # most first
    by_month: pd.DataFrame  # oldest month first, undated last


def open_counts(records: Mapping[str, RecordBase], open_states: Sequence[FindingState]) -> FindingCounts:
    """`records`: the current records by id (for the month of the record each finding is about)."""
    sev = Counter(s.finding.severity for s in open_states)
    by_severity = _frame([(k, sev.get(k, 0), queue_href(severity=k) if sev.get(k) else None)
                          for k in sorted(SEVERITY_ORDER, key=SEVERITY_ORDER.get)])
    rules = Counter(s.finding.rule_id for s in open_states)
    by_rule = _frame([(r, n, queue_href(rule=r)) for r, n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))])
    fac = Counter(s.finding.facility or "" for s in open_states)
    # the queue has no "without a facility" filter: that row is shown without a link
    by_facility = _frame([(f or NO_FACILITY, n, queue_href(facility=f) if f else None)
                          for f, n in sorted(fac.items(), key=lambda kv: (-kv[1], kv[0] == "", kv[0]))])
    months = Counter(finding_months(records, open_states).values())
    by_month = _frame([(month_label(m), n, queue_href(month=m))
                       for m, n in sorted(months.items(), key=lambda kv: (kv[0] == NO_MONTH, kv[0]))])
    return FindingCounts(len(open_states), by_severity, by_rule, by_facility, by_month)


class CorrectiveAction(BaseModel):
    """An accepted finding's corrective action and when it is due."""

    finding_id: str
    rule_id: str
    subject: str
    action: str
    due_date: date
    days_left: int  # negative: overdue by that many days
    assignee: str | None = None
    decided_by: str | None = None
    href: str


@dataclass
class CorrectiveActions:
    overdue: list[CorrectiveAction]  # most overdue first
    due_soon: list[CorrectiveAction]  # due today .. DUE_SOON_DAYS, soonest first
    later: int  # accepted, due after that
    # the queue of all overdue ones; the due-soon ones lead the accepted findings sorted by due date
    overdue_href: str = links.href("triage", status=OVERDUE, sort="due date")
    due_soon_href: str = links.href("triage", status=FindingStatus.ACCEPTED.value, sort="due date")


def corrective_actions(accepted: Sequence[FindingState], today: date,
                       soon_days: int = DUE_SOON_DAYS) -> CorrectiveActions:
    """From accepted findings (their last accept decision carries the action and due date). A resolved finding
    (the check no longer raises it) or a reopened one has no action pending, so only `accepted` ones count."""
    items = []
    for s in accepted:
        if s.status is not FindingStatus.ACCEPTED or s.due_date is None:
            continue
        items.append(CorrectiveAction(
            finding_id=s.finding.id, rule_id=s.finding.rule_id, subject=" ".join(s.finding.subject.key.split()),
            action=s.corrective_action or "", due_date=s.due_date, days_left=(s.due_date - today).days,
            assignee=s.assignee, decided_by=s.decided_by,
            href=links.finding_href(s.finding.id, {"status": FindingStatus.ACCEPTED.value})))
    items.sort(key=lambda a: (a.due_date, a.rule_id, a.subject))
    overdue = [a for a in items if a.days_left < 0]
    soon = [a for a in items if 0 <= a.days_left <= soon_days]
    return CorrectiveActions(overdue, soon, len(items) - len(overdue) - len(soon))


def load(store: Store, records: Mapping[str, RecordBase], today: date) -> tuple[FindingCounts, CorrectiveActions]:
    """Both, from one read of the findings."""
    states = store.findings()
    is_open = [s for s in states if s.status is FindingStatus.OPEN]
    accepted = [s for s in states if s.status is FindingStatus.ACCEPTED]
    return open_counts(records, is_open), corrective_actions(accepted, today)

