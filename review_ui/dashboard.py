"""The dashboard's figures, computed from the store (no Gradio here); every count carries where it leads.

Where the issue is silent we chose: "logged in real time" means logged no later than
`checks.late_entry_hours` after the cleaning was done (the same threshold CLEAN-LATE-ENTRY uses); a
supplier's certificate status is that of its newest certificate, due at the earlier of its anniversary and
expiration dates; surrendered, suspended or revoked count as expired (knowledge/certificate_timeline.py).
Open findings per month count by the date of the record each is about (review_ui/finding_months.py).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from auditpack.records import RecordBase, RecordKind, SupplierCertificate
from auditpack.store import Store

from review_ui import dashboard_findings as df
from review_ui import links

EXPIRING_DAYS = 60
CERT_STATUSES = ("current", "expiring", "expired", "unknown")
CERT_LABELS = {"current": "current", "expiring": f"expiring ≤{EXPIRING_DAYS} days", "expired": "expired",
               "unknown": "no date read"}
LATE_RULE = "CLEAN-LATE-ENTRY"
Timeline = Callable[[Sequence[SupplierCertificate], date, int], list]


@dataclass
class DashboardData:
    headline: str
    findings: df.FindingCounts
    actions: df.CorrectiveActions
    cleaning: pd.DataFrame
    cleaning_summary: str
    certificates: pd.DataFrame  # the timeline: one row per certificate, soonest due first
    cert_counts: pd.DataFrame  # newest certificate per supplier, by status (label, open, href)
    documents: pd.DataFrame

    @property
    def by_severity(self) -> pd.DataFrame:
        return self.findings.by_severity.rename(columns={"label": "severity"})

    @property
    def by_rule(self) -> pd.DataFrame:
        return self.findings.by_rule.rename(columns={"label": "rule"})


def _cleaning(records: Sequence[RecordBase], late_entry_hours: int) -> tuple[pd.DataFrame, str]:
    per_fac: dict[str, Counter] = {}
    for e in (r for r in records if r.kind == RecordKind.CLEANING_EVENT):
        c = per_fac.setdefault(e.facility or "", Counter())
        if e.logged_at is None or e.performed_at is None:
            c["unknown"] += 1
        elif (e.logged_at - e.performed_at) <= timedelta(hours=late_entry_hours):
            c["on time"] += 1
        else:
            c["late"] += 1
    rows = [[fac or "(no facility)", round(100 * c["on time"] / max(1, c["on time"] + c["late"]), 1), c["on time"],
             c["late"], c["unknown"],
             links.href("triage", rule=LATE_RULE, facility=fac, status="all") if c["late"] and fac else ""]
            for fac, c in sorted(per_fac.items())]
    cleaning = pd.DataFrame(rows, columns=["facility", "% in real time", "on time", "late", "no log time", "href"])
    on_time, late = int(cleaning["on time"].sum()), int(cleaning["late"].sum())
    pct = f"{100 * on_time / (on_time + late):.1f}%" if on_time + late else "n/a"
    return cleaning, (f"{pct} of {on_time + late} cleaning entries with a log time were logged within "
                      f"{late_entry_hours} h of the cleaning")


def _certificates(records: Sequence[RecordBase], today: date, timeline: Timeline) -> tuple[pd.DataFrame, pd.DataFrame]:
    entries = timeline([r for r in records if r.kind == RecordKind.SUPPLIER_CERTIFICATE], today, EXPIRING_DAYS)
    rows = [[e.supplier, e.issuer or "", e.status, e.due_date.isoformat() if e.due_date else "",
             e.days_to_anniversary, e.days_to_expiry, e.why, e.newest, links.record_href(e.record_id)]
            for e in entries]
    certificates = pd.DataFrame(rows, columns=["supplier", "issuer", "status", "due", "days to anniversary",
                                               "days to expiry", "why", "newest", "href"])
    newest = Counter(e.status for e in entries if e.newest)
    counts = pd.DataFrame([[CERT_LABELS[k], newest.get(k, 0), f"#ap-dash-cert-{k}" if newest.get(k) else ""]
                           for k in CERT_STATUSES], columns=["label", "open", "href"])
    return certificates, counts


def _knowledge_timeline() -> Timeline:
    from knowledge.api import certificate_timeline

    return certificate_timeline


def compute(store: Store, late_entry_hours: int, today: date | None = None,
            timeline: Timeline | None = None) -> DashboardData:
    """Everything the Dashboard shows. `timeline` is the knowledge stage's `certificate_timeline` (the tab
    passes it through the services; tests may pass their own)."""
    today = today or date.today()
    records = store.records()  # once: the cleaning, the certificates and the month of each finding's record
    findings, actions = df.load(store, {r.id: r for r in records}, today)
    cleaning, cleaning_summary = _cleaning(records, late_entry_hours)
    certificates, cert_counts = _certificates(records, today, timeline or _knowledge_timeline())
    docs = store.document_counts()
    documents = pd.DataFrame(sorted(docs.items(), key=lambda kv: -kv[1]), columns=["kind", "documents"])
    sev = dict(zip(findings.by_severity.label, findings.by_severity.open))
    cc = dict(zip(cert_counts.label, cert_counts.open))
    n_docs = sum(docs.values())
    headline = (f"**{findings.total} open findings** ({sev.get('critical', 0)} critical, {sev.get('major', 0)} "
                f"major, {sev.get('minor', 0)} minor) · **{len(actions.overdue)} corrective actions overdue**, "
                f"{len(actions.due_soon)} due within {df.DUE_SOON_DAYS} days · "
                f"**{n_docs} document{'s' * (n_docs != 1)}** · {cleaning_summary} · "
                f"**{cc.get('expired', 0)} expired**, {cc.get(CERT_LABELS['expiring'], 0)} expiring "
                f"supplier certificates")
    return DashboardData(headline, findings, actions, cleaning, cleaning_summary, certificates, cert_counts,
                         documents)
