"""Trace-back: from a finished batch lot to the invoices and certificates behind it.

An inspector's trace-back audit picks a lot of finished product and asks for
the documents behind every ingredient: the batch record, the lot numbers used,
the invoice each lot arrived on, and the supplier's organic certificate. This
module builds that chain from records alone (pure, no I/O) so the check
TRACE-UNRESOLVED-LOT and the audit package show the same chain.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from auditpack.records import BatchRecord, Evidence, Invoice, InvoiceLine, RecordBase, SupplierCertificate
from knowledge.evidence import evidence_for
from knowledge.names import NameIndex


class TraceLink(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ingredient: str
    lot_number: str | None
    quantity: float | None
    unit: str | None
    invoice_number: str | None = None
    invoice_date: date | None = None
    organic: bool | None = Field(default=None, description="the invoice line sold it as organic")
    supplier: str | None = None
    certificate_record_id: str | None = None
    certifier: str | None = None
    certificate_status: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class TraceChain(BaseModel):
    model_config = ConfigDict(extra="forbid")

    batch_lot: str
    product_name: str | None = None
    produced_at: datetime | None = None
    facility: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    links: list[TraceLink] = Field(default_factory=list)
    unresolved: list[str] = Field(default_factory=list, description="lot numbers with no receiving invoice")


def lot_key(lot: str | None) -> str:
    """Lot numbers compared without case and surrounding blanks."""
    return (lot or "").strip().upper()


class TraceIndex:
    """Invoice lines by lot number and certificates by supplier, built once (linear)."""

    def __init__(self, records: Iterable[RecordBase]) -> None:
        self.batches: dict[str, BatchRecord] = {}
        self.lots: dict[str, tuple[Invoice, int, InvoiceLine]] = {}
        self.certificates: NameIndex[SupplierCertificate] = NameIndex()
        for rec in records:
            if isinstance(rec, BatchRecord) and rec.batch_lot:
                self.batches[lot_key(rec.batch_lot)] = rec
            elif isinstance(rec, Invoice):
                for i, line in enumerate(rec.lines):
                    if line.lot_number:
                        self.lots.setdefault(lot_key(line.lot_number), (rec, i, line))
            elif isinstance(rec, SupplierCertificate):
                self.certificates.add(rec.operation_name, rec)

    def newest_certificate(self, supplier: str | None) -> SupplierCertificate | None:
        certs = self.certificates.lookup(supplier)
        if not certs:
            return None
        return max(certs, key=lambda c: (c.effective_date or date.min, c.anniversary_date or date.min))

    def chain(self, batch: BatchRecord) -> TraceChain:
        chain = TraceChain(batch_lot=batch.batch_lot or "", product_name=batch.product_name,
                           produced_at=batch.produced_at, facility=batch.facility,
                           evidence=evidence_for(batch, "batch_lot"))
        for inp in batch.inputs:
            link = TraceLink(ingredient=inp.ingredient, lot_number=inp.lot_number, quantity=inp.quantity,
                             unit=inp.unit)
            hit = self.lots.get(lot_key(inp.lot_number)) if inp.lot_number else None
            if hit is None:
                chain.unresolved.append(inp.lot_number or f"(no lot recorded for {inp.ingredient})")
            else:
                invoice, i, line = hit
                link.invoice_number, link.invoice_date = invoice.invoice_number, invoice.invoice_date
                link.supplier, link.organic = invoice.supplier_name, line.organic
                link.evidence = evidence_for(invoice, f"lines[{i}].lot_number", "invoice_number",
                                             snippet=f"{line.description} lot {line.lot_number}")
                cert = self.newest_certificate(invoice.supplier_name)
                if cert is not None:
                    link.certificate_record_id, link.certifier = cert.id, cert.certifier
                    link.certificate_status = cert.status
                    link.evidence = link.evidence + evidence_for(cert, "operation_name")
            chain.links.append(link)
        return chain


def trace_lot(records: Iterable[RecordBase], batch_lot: str) -> TraceChain:
    """The trace-back chain of one finished lot; `unresolved` lists lots with no invoice.

    A lot that is not on any batch record yields an empty chain whose
    `unresolved` says so, rather than an exception: the package prints it.
    """
    index = TraceIndex(records)
    batch = index.batches.get(lot_key(batch_lot))
    if batch is None:
        return TraceChain(batch_lot=batch_lot, unresolved=[f"no batch record for lot {batch_lot}"])
    return index.chain(batch)
