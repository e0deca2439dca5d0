"""Hand-built workspace content for UI tests that must not depend on the other stages.

A real one-page PDF (reportlab) is stored by hash like ingest would, with an
invoice record whose fields carry bboxes, plus findings with evidence.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime

from auditpack.records import (
    CleaningEvent, DocumentInfo, DocumentStatus, Evidence, Finding, Invoice, InvoiceLine, SourceRef, Subject,
    SupplierCertificate, finding_id, record_id,
)

PAGE_H = 792.0


def invoice_pdf(number: str = "INV-1001", lot: str = "LOT-77") -> tuple[bytes, dict[str, tuple]]:
    """A small invoice PDF and the bbox (x0, top, x1, bottom; top-left origin) of each value."""
    import io

    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    boxes: dict[str, tuple] = {}

    def text(x: float, y_top: float, s: str, key: str | None = None, size: int = 12) -> None:
        c.setFont("Helvetica", size)
        c.drawString(x, PAGE_H - y_top, s)
        if key:
            boxes[key] = (x, y_top - size, x + c.stringWidth(s, "Helvetica", size), y_top + 3)

    text(72, 72, "Valley Grain Co", "supplier_name", 16)
    text(72, 110, "INVOICE")
    text(300, 110, number, "invoice_number")
    text(72, 130, "Date")
    text(300, 130, "2026-03-02", "invoice_date")
    text(72, 180, "Organic rolled oats, 100 lb", "lines[0].description")
    text(400, 180, lot, "lines[0].lot_number")
    text(72, 220, "Total")
    text(300, 220, "120.50", "total")
    c.save()
    return buf.getvalue(), boxes


def store_pdf(ws, store, data: bytes, filename: str, kind: str) -> DocumentInfo:
    sha = hashlib.sha256(data).hexdigest()
    path = ws.original_path(sha, ".pdf")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return DocumentInfo(sha256=sha, filename=filename, size_bytes=len(data), pages=1, kind=kind,
                        media_type="application/pdf", status=DocumentStatus.INGESTED,
                        stored_path=str(path.relative_to(ws.root)))


def seed(ws, store, n_findings: int = 6) -> dict:
    data, boxes = invoice_pdf()
    doc = store_pdf(ws, store, data, "invoice-1001.pdf", "invoice")
    srcs = {k: SourceRef(document_sha256=doc.sha256, filename=doc.filename, page=1, bbox=b, span=k)
            for k, b in boxes.items()}
    inv = Invoice(id=record_id("invoice", doc.sha256, 1), source=srcs["supplier_name"], supplier_name="Valley Grain Co",
                  invoice_number="INV-1001", invoice_date=date(2026, 3, 2), total=120.5,
                  lines=[InvoiceLine(description="Organic rolled oats", quantity=100, unit="lb", lot_number="LOT-77",
                                     organic=True)], field_sources=srcs)
    cert_src = SourceRef(document_sha256=doc.sha256, filename=doc.filename, page=1)
    cert = SupplierCertificate(id=record_id("supplier_certificate", doc.sha256, 9), source=cert_src,
                               operation_name="Valley Grain Co", status="certified", anniversary_date=date(2020, 1, 1))
    clean = CleaningEvent(id=record_id("cleaning_event", doc.sha256, 3), source=cert_src, facility="Plant A",
                          equipment="Mixer 1", performed_at=datetime(2026, 3, 4, 6, 30),
                          logged_at=datetime(2026, 3, 4, 7, 0))
    store.add_document(doc, [inv, cert, clean], actor="seed")
    findings = []
    for i in range(n_findings):
        rule = "INV-NO-LOT" if i % 2 else "CERT-NOT-CURRENT"
        key = f"INV-1001|line {i}" if i % 2 else f"Supplier {i}"
        findings.append(Finding(
            id=finding_id(rule, key), rule_id=rule, severity=["critical", "major", "minor"][i % 3],
            citations=["7 CFR 205.103(b)(2)"], message=f"{rule} on {key}: the record lacks what 205.103 asks for.",
            subject=Subject(kind="invoice", id=inv.id, key=key), supplier="Valley Grain Co", facility="Plant A",
            evidence=[Evidence(document_sha256=doc.sha256, filename=doc.filename, page=1, snippet="LOT-77")],
        ))
    store.sync_findings(findings, actor="seed")
    return {"document": doc, "invoice": inv, "findings": findings}
