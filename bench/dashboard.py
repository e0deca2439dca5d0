"""Time to compute and render the Dashboard for a workspace with many findings (prints figures, asserts nothing).

    .venv/bin/python bench/dashboard.py [--findings 3000] [--certificates 200] [--runs 3]

A synthetic store (no ingest, so it runs in seconds): one invoice record per finding, with dates over twelve
months, a fifth of the findings accepted with due dates around today, and supplier certificates. Prints the
median seconds of `dashboard.compute` and `dashboard_html.render`, and of the per-month count alone (it reads
the record each finding is about).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(root: Path, n_findings: int, n_certs: int):
    from auditpack.records import (Decision, DecisionAction, DocumentInfo, DocumentStatus, Finding, Invoice,
                                   SourceRef, Subject, SupplierCertificate, finding_id)
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace

    ws = init_workspace(root / "ws", operation_name="Bench Organics")
    store = open_store(ws)
    src = SourceRef(document_sha256="0" * 64, filename="bench.pdf", page=1)
    today = date.today()
    invoices = [Invoice(id=f"inv-{i}", source=src, supplier_name=f"Supplier {i % 40}", invoice_number=f"N{i}",
                        invoice_date=today - timedelta(days=(i * 7) % 365)) for i in range(n_findings)]
    certs = [SupplierCertificate(id=f"cert-{i}", source=src, operation_name=f"Supplier {i % 40}",
                                 certifier="Bench Cert", status="certified",
                                 effective_date=today - timedelta(days=400 - i),
                                 anniversary_date=today + timedelta(days=(i * 13) % 400 - 100)) for i in range(n_certs)]
    doc = DocumentInfo(sha256="0" * 64, filename="bench.pdf", size_bytes=1, pages=1, kind="invoice",
                       media_type="application/pdf", status=DocumentStatus.INGESTED, stored_path="originals/x.pdf")
    store.add_document(doc, invoices + certs, actor="bench")
    rules = ["INV-NO-LOT", "CERT-NOT-CURRENT", "CLEAN-LATE-ENTRY", "PEST-NO-RECORD", "OSP-MISSING"]
    findings = [Finding(id=finding_id(rules[i % 5], f"k{i}"), rule_id=rules[i % 5],
                        severity=["critical", "major", "minor"][i % 3], citations=["7 CFR 205.103"],
                        message=f"finding {i}", subject=Subject(kind="invoice", id=f"inv-{i}", key=f"k{i}"),
                        facility=f"Plant {'ABC'[i % 3]}") for i in range(n_findings)]
    store.sync_findings(findings, actor="bench")
    for i, f in enumerate(findings[::5]):
        store.decide(Decision(finding_id=f.id, action=DecisionAction.ACCEPT, actor="bench",
                              corrective_action="fix it", due_date=today + timedelta(days=i % 60 - 30)))
    return store


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--findings", type=int, default=3000)
    ap.add_argument("--certificates", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from app.plugins import install
    from review_ui import dashboard
    from review_ui.dashboard_html import render
    from review_ui.finding_months import finding_months, records_by_id

    install()
    with tempfile.TemporaryDirectory() as tmp:
        store = build(Path(tmp), args.findings, args.certificates)
        data = dashboard.compute(store, 24)
        open_states = store.findings(status="open")
        print(f"findings {args.findings} ({len(open_states)} open), certificates {args.certificates}")
        print(f"compute  {median_seconds(lambda: dashboard.compute(store, 24), args.runs):.3f} s (median of "
              f"{args.runs})")
        print(f"  months {median_seconds(lambda: finding_months(records_by_id(store), open_states), args.runs):.3f} s"
              " (with its read of the records)")
        print(f"render   {median_seconds(lambda: render(data), args.runs):.3f} s, {len(render(data)) / 1024:.0f} KiB")
        store.close()


if __name__ == "__main__":
    main()
