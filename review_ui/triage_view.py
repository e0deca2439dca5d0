"""What the triage tab shows, computed from the services (no Gradio here).

The queue after filters, and the panel of one finding: its summary, the
regulation and suggestion beside it, and the evidence page with the snippet
boxed. Kept apart from the tab so the tab only maps these to components.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
import pandas as pd

from auditpack.records import FindingState, FindingStatus
from auditpack.store import Store

from review_ui.evidence import EvidenceView
from review_ui.evidence import evidence_view as show_evidence
from review_ui.presenters import (QUEUE_COLUMNS, esc, filter_findings, finding_details_html,
                                  finding_summary_html, is_overdue, queue_frame)
from review_ui.ports import Services, StageMissing

ALL = "all"


def choices(values) -> list[str]:
    return [ALL] + sorted({v for v in values if v})


@dataclass
class QueueData:
    frame: pd.DataFrame
    ids: list[str]
    versions: dict[str, int]  # findings shown -> the version loaded (a bulk decision's conflict check)
    count: str
    rules: list[str]
    facilities: list[str]
    suppliers: list[str]
    assignees: list[str]
    open_rules: list[str]
    users: list[str]


def load_queue(store: Store, members: Sequence[str], sev: str, rule: str, fac: str, sup: str, status: str,
               assignee: str, text: str, sort: str) -> QueueData:
    """The queue the filters give (the table's ✓ column selects for a bulk decision; CSS hides it from a role
    that may not decide, see app.css). `members`: who may be assigned, the operation's active members (the
    accounts live on the server, not in an operation's own store)."""
    states = store.findings()
    shown = filter_findings(states, severity=sev, rule=rule, facility=fac, supplier=sup, status=status,
                            assignee=assignee, text=text, sort=sort)
    is_open = [s for s in shown if s.status is FindingStatus.OPEN]
    overdue = sum(is_overdue(s) for s in states)
    return QueueData(
        frame=queue_frame(shown), ids=[s.finding.id for s in shown],
        versions={s.finding.id: s.version for s in shown},
        count=f"**{len(shown)}** of {len(states)} findings shown "
              f"({sum(s.status is FindingStatus.OPEN for s in states)} open in total"
              + (f", **{overdue}** corrective action{'s' * (overdue != 1)} overdue)" if overdue else ")"),
        rules=choices(s.finding.rule_id for s in states), facilities=choices(s.finding.facility for s in states),
        suppliers=choices(s.finding.supplier for s in states),
        assignees=[ALL, "(unassigned)"] + sorted({s.assignee for s in states if s.assignee}),
        open_rules=sorted({s.finding.rule_id for s in is_open}),
        users=list(members),
    )


@dataclass
class PanelData:
    state: FindingState
    summary: str
    details: str
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (label, index)
    view: EvidenceView = field(default_factory=EvidenceView)
    suggested_action: str | None = None


def evidence_view(services: Services, state: FindingState, index: int) -> EvidenceView:
    """Evidence entry `index` of the finding as shown: the cited cell in its sheet, the cited row boxed on
    its page, or the cited paragraph (review_ui/evidence.py)."""
    return show_evidence(services, state, index)


def _evidence_label(e) -> str:
    return f"{e.filename} · {e.cell or f'p. {e.page or 1}'}"


def load_panel(services: Services, fid: str, ids: Sequence[str]) -> PanelData:
    store = services.store
    state = store.get_finding(fid)
    f = state.finding
    passages, sugg, notes = list(f.regulation), None, []
    try:
        knowledge = services.stage("knowledge")
        if not passages and f.citations:
            passages = knowledge.regulation_for(store, list(f.citations))
        stored = store.suggestions(fid)
        # the offline reviewer is instant; an LLM is only asked from the CLI, never while a page waits
        sugg = stored[0] if stored else (
            knowledge.suggest(services.workspace, store, fid) if services.settings.llm.kind == "none" else None)
    except StageMissing as exc:
        notes.append(str(exc))
    except Exception as exc:  # noqa: BLE001 - a reviewer module failing must not hide the finding
        notes.append(f"no suggestion: {exc}")
    pos = f"{ids.index(fid) + 1} of {len(ids)}" if fid in ids else "not in the current filter"
    details = (finding_details_html(passages, sugg, store.get_meta("corpus"))
               + "".join(f'<div class="ap-warn">{esc(n)}</div>' for n in notes))
    return PanelData(state, finding_summary_html(state, pos), details,
                     [(_evidence_label(e), str(i)) for i, e in enumerate(f.evidence)],
                     evidence_view(services, state, 0), sugg.corrective_action if sugg else None)


def next_open(store: Store, old_ids: Sequence[str], fid: str, new_ids: Sequence[str]) -> str | None:
    """The next open finding after `fid` in the order the reviewer was working, wrapping around."""
    start = old_ids.index(fid) + 1 if fid in old_ids else 0
    for cand in list(old_ids[start:]) + list(old_ids[:start]):
        if cand in new_ids and cand != fid and store.get_finding(cand).status is FindingStatus.OPEN:
            return cand
    return None


FILTER_KEYS = ("severity", "rule", "facility", "supplier", "status", "assignee", "q", "sort")
FILTER_DEFAULTS = (ALL, ALL, ALL, ALL, "open", ALL, "", "severity")


def filter_params(*flt: str) -> dict[str, str]:
    """The queue's filters that differ from the defaults, for a link (`status=all&rule=INV-NO-LOT`)."""
    return {k: str(v) for k, v, d in zip(FILTER_KEYS, flt, FILTER_DEFAULTS) if v not in (None, d)}


def filters_from_params(query: dict[str, str]) -> tuple[str, ...]:
    """The queue's filters a link names (the defaults for the rest), in the tab's order."""
    return tuple(query.get(k, d) or d for k, d in zip(FILTER_KEYS, FILTER_DEFAULTS))


def queue_ids(store: Store, *flt: str) -> list[str]:
    """The ids of the queue the filters give, in its order (where an opened finding stands in it)."""
    sev, rule, fac, sup, status, assignee, text, sort = flt
    return [s.finding.id for s in filter_findings(store.findings(), severity=sev, rule=rule, facility=fac,
                                                  supplier=sup, status=status, assignee=assignee, text=text,
                                                  sort=sort)]


def selected_ids(frame: pd.DataFrame | None) -> list[str]:
    """The ids of the rows ticked ✓ in the queue table as the browser sent it (the id is the last column,
    so a row the reviewer sorted elsewhere in the browser still names its own finding)."""
    if frame is None or not len(frame) or QUEUE_COLUMNS[0] not in frame.columns:
        return []
    ticked = frame[QUEUE_COLUMNS[0]].map(lambda v: v is True or str(v).strip().lower() == "true")
    return [str(i) for i in frame.loc[ticked].iloc[:, -1]]


def tick_rule(frame: pd.DataFrame, rule: str) -> pd.DataFrame:
    """The queue table with every open finding of `rule` ticked too (a start for a bulk decision)."""
    out = frame.copy()
    if len(out) and QUEUE_COLUMNS[0] in out.columns:
        hit = (out["Rule"] == rule) & out["State"].astype(str).str.startswith(FindingStatus.OPEN.value)
        out[QUEUE_COLUMNS[0]] = out[QUEUE_COLUMNS[0]].astype(bool) | hit
    return out
