"""The month a finding belongs to: the date of the record it is about (an invoice's date, a cleaning's).

"Open findings per month" answers "which period's paperwork has the gaps", the question an inspector asks
about the audit period. The month when a check first raised a finding would not: a workspace ingested the
week before the inspection has every finding in that one week. A finding whose subject is no record (a
missing plan, a supplier as a whole) or whose record has no date is counted under `NO_MONTH`.

The Dashboard counts by it and the Triage queue narrows to it when its address names `month=2026-03`
(a dashboard link); the narrowing lasts until the reviewer changes a filter.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime

import pandas as pd

from auditpack.records import FindingState, RecordBase
from auditpack.store import Store

from review_ui.records_view import date_field

NO_MONTH = "none"
NO_MONTH_LABEL = "(no date)"


def record_month(record: RecordBase | None) -> str:
    """'2026-03' from the kind's first declared date field, or NO_MONTH."""
    field = date_field(record.kind.value) if record is not None else None
    value = getattr(record, field, None) if field else None
    if isinstance(value, (date, datetime)):
        return f"{value.year:04d}-{value.month:02d}"
    return NO_MONTH


def finding_months(records: Mapping[str, RecordBase], states: Iterable[FindingState]) -> dict[str, str]:
    """finding id -> its month, from the current records by id (one `store.records()` read: reading each
    subject with `get_record` cost 9 s for 2,400 findings, bench/dashboard.py)."""
    months: dict[str, str] = {}
    out: dict[str, str] = {}
    for s in states:
        rid = s.finding.subject.id
        if rid and rid not in months:
            months[rid] = record_month(records.get(rid))
        out[s.finding.id] = months[rid] if rid else NO_MONTH
    return out


def records_by_id(store: Store) -> dict[str, RecordBase]:
    return {r.id: r for r in store.records()}


def month_label(month: str) -> str:
    """'2026-03' -> 'Mar 2026'; NO_MONTH -> '(no date)'."""
    if month == NO_MONTH:
        return NO_MONTH_LABEL
    try:
        return datetime.strptime(month, "%Y-%m").strftime("%b %Y")
    except ValueError:
        return month


def in_month(store: Store, ids: Sequence[str], month: str | None) -> list[str]:
    """The ids (in their order) whose finding falls in `month`; all of them when no month is named."""
    return _in_month(store.findings(), store, ids, month)


def _in_month(states: Sequence[FindingState], store: Store, ids: Sequence[str], month: str | None) -> list[str]:
    month = (month or "").strip()
    if not month:
        return list(ids)
    wanted = set(ids)
    months = finding_months(records_by_id(store), (s for s in states if s.finding.id in wanted))
    return [i for i in ids if months.get(i) == month]


def narrow_queue(store: Store, frame: pd.DataFrame, ids: Sequence[str], versions: dict[str, int],
                 month: str) -> tuple[pd.DataFrame, list[str], dict[str, int], str]:
    """The Triage queue (its table, ids, open versions) narrowed to one month, and the count line saying so.

    The table's last column is the finding id (review_ui.presenters.QUEUE_COLUMNS)."""
    states = store.findings()
    keep = _in_month(states, store, ids, month)
    kept = set(keep)
    shown = frame[frame.iloc[:, -1].astype(str).isin(kept)].reset_index(drop=True) if len(frame) else frame
    count = (f"**{len(keep)}** of {len(states)} findings shown · only **{month_label(month)}** (the month of the "
             f"record each is about, from the link; change any filter to see every month)")
    return shown, keep, {k: v for k, v in versions.items() if k in kept}, count
