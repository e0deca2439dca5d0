"""Time and peak memory of `build_package` for a small and a year-sized operation.

    .venv/bin/python bench/package.py [--preset small|year|both]

The year store is SYNTHETIC (built here, straight into a store): 3 facilities,
300 invoices with 1,200 organic ingredient lots (one real PDF original each),
3,000 cleaning events (12 log PDFs), 400 batch records, 240 pest entries,
20 supplier certificates, 10 product profiles and 80 findings. It stands in for
the sample generator's `year` preset until that and ingest are wired together.
The PDF step (one LibreOffice call + combined PDF) is timed separately by
building once with pdf=False and once with pdf=True.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import resource
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _pdf(ws, name: str, text: str):  # noqa: ANN001, ANN202
    from reportlab.pdfgen import canvas

    from auditpack.records import DocumentInfo, DocumentStatus

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.drawString(72, 700, f"{name}: {text}")
    c.save()
    data = buf.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    path = ws.original_path(sha, ".pdf")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return DocumentInfo(sha256=sha, filename=name, size_bytes=len(data), pages=1, status=DocumentStatus.INGESTED,
                        stored_path=str(path.relative_to(ws.root)))


def build_year(ws, store) -> None:  # noqa: ANN001
    from auditpack.records import (
        BatchInput, BatchRecord, CleaningAgent, CleaningEvent, Finding, Ingredient, Invoice, InvoiceLine,
        OrganicSystemPlan, OspFacility, OspSupplier, PestControlEntry, ProductProfile, SourceRef, Subject,
        SupplierCertificate, finding_id, record_id,
    )

    def src(doc, page=1):  # noqa: ANN001, ANN202
        return SourceRef(document_sha256=doc.sha256, filename=doc.filename, page=page)

    def add(doc, kind, recs):  # noqa: ANN001, ANN202
        store.add_document(doc.model_copy(update={"kind": kind}), recs, "bench")

    facilities = ["Plant A", "Plant B", "Plant C"]
    suppliers = [f"Supplier {i:02d}" for i in range(20)]
    ingredients = [f"ingredient {i:02d}" for i in range(20)]
    osp = _pdf(ws, "osp.pdf", "OSP")
    add(osp, "organic_system_plan", [OrganicSystemPlan(
        id=record_id("organic_system_plan", osp.sha256), source=src(osp), operation_name="Year Organics",
        updated_on=date(2025, 12, 1), products=[f"Product {i}" for i in range(8)],
        facilities=[OspFacility(name=f, equipment=[f"Line {j}" for j in range(4)]) for f in facilities],
        suppliers=[OspSupplier(name=s, ingredient=i) for s, i in zip(suppliers, ingredients)])])
    for i, s in enumerate(suppliers):
        d = _pdf(ws, f"cert-{i:02d}.pdf", s)
        add(d, "supplier_certificate", [SupplierCertificate(
            id=record_id("supplier_certificate", d.sha256), source=src(d), operation_name=s, certifier="QAI",
            status="certified", products=[ingredients[i]], anniversary_date=date(2026, 12, 1))])
    prof = _pdf(ws, "profiles.pdf", "profiles")
    add(prof, "product_profile", [ProductProfile(
        id=record_id("product_profile", prof.sha256, p), source=src(prof), product_name=f"Product {p}",
        label_category="organic", ingredients=[Ingredient(name=ingredients[(p + k) % 20], amount=10 + k, unit="kg",
                                                          organic=k < 3) for k in range(4)]) for p in range(10)])
    lot = 0
    for n in range(300):
        d = _pdf(ws, f"invoice-{n:03d}.pdf", f"invoice {n}")
        lines = []
        for k in range(4):
            ing = (n + k) % 20
            lines.append(InvoiceLine(description=f"Organic {ingredients[ing]}", quantity=500, unit="kg",
                                     lot_number=f"LOT-{lot:04d}", organic=True))
            lot += 1
        add(d, "invoice", [Invoice(id=record_id("invoice", d.sha256), source=src(d), supplier_name=suppliers[n % 20],
                                   invoice_number=f"INV-{n:03d}", invoice_date=date(2026, 1, 1) + timedelta(days=n),
                                   lines=lines)])
    start = datetime(2026, 1, 1, 6)
    for m in range(12):
        d = _pdf(ws, f"cleaning-{m:02d}.pdf", f"cleaning month {m}")
        add(d, "cleaning_event", [CleaningEvent(
            id=record_id("cleaning_event", d.sha256, k), source=src(d), facility=facilities[k % 3],
            equipment=f"Line {k % 4}", performed_at=start + timedelta(days=30 * m, hours=k * 2),
            logged_at=start + timedelta(days=30 * m, hours=k * 2 + (30 if k % 17 == 0 else 0)), operator="op",
            verified_by="qa", agents=[CleaningAgent(name="Peracetic acid")]) for k in range(250)])
    d = _pdf(ws, "batches.pdf", "batches")
    add(d, "batch_record", [BatchRecord(
        id=record_id("batch_record", d.sha256, b), source=src(d), batch_lot=f"FG-{b:04d}", product_name=f"Product {b % 10}",
        facility=facilities[b % 3], equipment=f"Line {b % 4}", produced_at=start + timedelta(hours=20 * b),
        run_type="organic", inputs=[BatchInput(ingredient=ingredients[(b + k) % 20], lot_number=f"LOT-{(b * 3 + k) % 1200:04d}",
                                               quantity=100, unit="kg") for k in range(3)],
        output_quantity=300, output_unit="kg") for b in range(400)])
    d = _pdf(ws, "pest.pdf", "pest")
    add(d, "pest_control_entry", [PestControlEntry(
        id=record_id("pest_control_entry", d.sha256, k), source=src(d), date=date(2026, 1, 1) + timedelta(days=k),
        facility=facilities[k % 3], location="dock", level="ABCD"[k % 4], material="bait" if k % 4 > 1 else None,
        certifier_approved=k % 8 != 3) for k in range(240)])
    store.sync_findings([Finding(id=finding_id("CLEAN-LATE-ENTRY", f"Plant A|Line {k}|{k}"), rule_id="CLEAN-LATE-ENTRY",
                                 severity="minor", citations=["7 CFR 205.103"], message="late entry",
                                 subject=Subject(kind="cleaning_event", key=f"Plant A|Line {k % 4}|{k}"))
                         for k in range(80)], actor="bench")


def measure(label: str, fn):  # noqa: ANN001, ANN202
    t = time.perf_counter()
    result = fn()
    secs = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:<34} {secs:7.2f} s   peak RSS so far {rss:6.0f} MiB (LibreOffice runs in a child process)")
    return result, secs


def run(preset: str) -> None:
    from auditpack.store import Store
    from auditpack.workspace import init_workspace
    from generators.api import build_package

    with tempfile.TemporaryDirectory() as tmp:
        ws = init_workspace(Path(tmp) / "ws", operation_name=f"{preset} organics")
        store = Store.open(ws)
        if preset == "year":
            _, _ = measure("year: build synthetic store", lambda: build_year(ws, store))
        else:
            from tests.generators.fixtures import populate

            populate(ws, store)
        _, docx_s = measure(f"{preset}: package without PDF", lambda: build_package(
            ws, store, "generic-nop", Path(tmp) / "a", pdf=False))
        res, full_s = measure(f"{preset}: full package (with PDF)", lambda: build_package(
            ws, store, "generic-nop", Path(tmp) / "b"))
        print(f"{preset}: PDF conversion + combined PDF     {full_s - docx_s:7.2f} s (difference)")
        print(f"{preset}: zip {res.zip_path.stat().st_size / 2**20:.1f} MiB, {len(res.manifest['evidence'])} evidence docs,"
              f" {sum(res.manifest['record_counts'].values())} records")
        store.close()
    print(f"max RSS of this process so far: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--preset", choices=["small", "year", "both"], default="both")
    args = ap.parse_args()
    for p in (["small", "year"] if args.preset == "both" else [args.preset]):
        run(p)
