"""Small hand-built records for core tests (the sample generator covers realism)."""
from __future__ import annotations

import hashlib
from datetime import date

from auditpack.records import (
    DocumentInfo, DocumentStatus, Evidence, Finding, Invoice, InvoiceLine, SourceRef, Subject,
    SupplierCertificate, finding_id, record_id,
)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def document(name: str, content: str = "", kind: str = "invoice") -> DocumentInfo:
    h = sha(content or name)
    return DocumentInfo(sha256=h, filename=name, size_bytes=len(content or name), pages=1, kind=kind,
                        status=DocumentStatus.INGESTED, stored_path=f"originals/{h[:2]}/{h}.pdf")


def invoice(doc: DocumentInfo, number: str = "INV-1", lot: str | None = "L-1") -> Invoice:
    src = SourceRef(document_sha256=doc.sha256, filename=doc.filename, page=1, span=f"Invoice {number}")
    return Invoice(
        id=record_id("invoice", doc.sha256, 1, 0), source=src, supplier_name="Valley Grain Co",
        invoice_number=number, invoice_date=date(2026, 3, 2), total=120.5,
        lines=[InvoiceLine(description="Organic oats", quantity=100, unit="lb", lot_number=lot, organic=True)],
        field_sources={"invoice_number": src},
    )


def certificate(doc: DocumentInfo) -> SupplierCertificate:
    src = SourceRef(document_sha256=doc.sha256, filename=doc.filename, page=1)
    return SupplierCertificate(id=record_id("supplier_certificate", doc.sha256, 1), source=src,
                               operation_name="Valley Grain Co", status="certified", scopes=["handling"],
                               products=["oats"], anniversary_date=date(2026, 6, 1))


def finding(rule: str, key: str, doc: DocumentInfo | None = None) -> Finding:
    ev = [Evidence(document_sha256=doc.sha256, filename=doc.filename, page=1)] if doc else []
    return Finding(id=finding_id(rule, key), rule_id=rule, severity="major", citations=["7 CFR 205.103"],
                   message=f"{rule} on {key}", subject=Subject(kind="invoice", key=key), evidence=ev)
