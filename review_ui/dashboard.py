"""The dashboard's figures, computed from the store (no Gradio here).

Where the issue is silent we chose: "logged in real time" means logged no
later than `checks.late_entry_hours` after the cleaning was done (the same
threshold CLEAN-LATE-ENTRY uses); a supplier's certificate status comes from
its most recent certificate, using the expiration date if printed, else the
anniversary date; surrendered, suspended or revoked count as expired.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from auditpack.records import SEVERITY_ORDER, FindingStatus
from auditpack.store import Store

EXPIRING_DAYS = 60


@dataclass
class DashboardData:
    by_severity: pd.DataFrame
    by_rule: pd.DataFrame
    cleaning: pd.DataFrame
    cleaning_summary: str
    certificates: pd.DataFrame
    cert_counts: pd.DataFrame
    documents: pd.DataFrame
    headline: str


def certificate_status(cert, today: date) -> tuple[str, date | None]:
    if cert.status in ("surrendered", "suspended", "revoked"):
        return "expired", cert.expiration_date or cert.anniversary_date
    when = cert.expiration_date or cert.anniversary_date
    if when is None:
        return "unknown", None
    if when < today:
        return "expired", when
    if when <= today + timedelta(days=EXPIRING_DAYS):
        return f"expiring ≤{EXPIRING_DAYS} days", when
    return "current", when


def compute(store: Store, late_entry_hours: int, today: date | None = None) -> DashboardData:
    today = today or date.today()
    open_states = store.findings(status=FindingStatus.OPEN)
    sev = Counter(s.finding.severity for s in open_states)
    by_severity = pd.DataFrame(
        [[k, sev.get(k, 0)] for k in sorted(SEVERITY_ORDER, key=SEVERITY_ORDER.get)], columns=["severity", "open"])
    rules = Counter(s.finding.rule_id for s in open_states)
    by_rule = pd.DataFrame(sorted(rules.items(), key=lambda kv: (-kv[1], kv[0])), columns=["rule", "open"])

    events = store.records(kind="cleaning_event")
    per_fac: dict[str, Counter] = {}
    for e in events:
        c = per_fac.setdefault(e.facility or "(no facility)", Counter())
        if e.logged_at is None or e.performed_at is None:
            c["unknown"] += 1
        elif (e.logged_at - e.performed_at) <= timedelta(hours=late_entry_hours):
            c["on time"] += 1
        else:
            c["late"] += 1
    cleaning = pd.DataFrame(
        [[fac, round(100 * c["on time"] / max(1, c["on time"] + c["late"]), 1), c["on time"], c["late"], c["unknown"]]
         for fac, c in sorted(per_fac.items())],
        columns=["facility", "% in real time", "on time", "late", "no log time"])
    on_time, late = int(cleaning["on time"].sum()), int(cleaning["late"].sum())
    pct = f"{100 * on_time / (on_time + late):.1f}%" if on_time + late else "n/a"
    cleaning_summary = (f"{pct} of {on_time + late} cleaning entries with a log time were logged within "
                        f"{late_entry_hours} h of the cleaning")

    latest: dict[str, object] = {}
    for cert in store.records(kind="supplier_certificate"):
        key = (cert.operation_name or "(unnamed)").strip()
        prev = latest.get(key)
        if prev is None or (cert.effective_date or date.min) >= (prev.effective_date or date.min):
            latest[key] = cert
    cert_rows = []
    for name, cert in sorted(latest.items()):
        status, when = certificate_status(cert, today)
        cert_rows.append([name, cert.certifier or "", status, when.isoformat() if when else ""])
    certificates = pd.DataFrame(cert_rows, columns=["supplier", "certifier", "status", "date"])
    cc = Counter(r[2] for r in cert_rows)
    cert_counts = pd.DataFrame([[k, cc.get(k, 0)] for k in
                                ("current", f"expiring ≤{EXPIRING_DAYS} days", "expired", "unknown")],
                               columns=["status", "suppliers"])

    docs = store.document_counts()
    documents = pd.DataFrame(sorted(docs.items(), key=lambda kv: -kv[1]), columns=["kind", "documents"])
    n_docs = sum(docs.values())
    headline = (f"**{len(open_states)} open findings** ({sev.get('critical', 0)} critical, "
                f"{sev.get('major', 0)} major, {sev.get('minor', 0)} minor) · "
                f"**{n_docs} document{'s' * (n_docs != 1)}** · "
                f"{cleaning_summary} · "
                f"**{cc.get('expired', 0)} expired**, {cc.get(f'expiring ≤{EXPIRING_DAYS} days', 0)} expiring "
                f"supplier certificates")
    return DashboardData(by_severity, by_rule, cleaning, cleaning_summary, certificates, cert_counts, documents,
                         headline)
