"""Hand-built records for knowledge tests: small, explicit, one gap at a time."""
from __future__ import annotations

import hashlib
from datetime import date, datetime

from auditpack.records import (
    BatchInput, BatchRecord, CleaningAgent, CleaningEvent, Ingredient, Invoice, InvoiceLine, OrganicSystemPlan,
    OspSections, OspSubstance, OspSupplier, PestControlEntry, ProcessingAid, ProductProfile, SourceRef,
    SupplierCertificate, record_id,
)

FULL_SECTIONS = OspSections(**{s: f"We describe our {s.replace('_', ' ')} here." for s in OspSections.model_fields})


def src(name: str, page: int = 1) -> SourceRef:
    return SourceRef(document_sha256=hashlib.sha256(name.encode()).hexdigest(), filename=name, page=page,
                     span=name)


def invoice(number: str = "INV-1", supplier: str = "Valley Grain Co", day: date = date(2026, 3, 2),
            lines: list[InvoiceLine] | None = None) -> Invoice:
    s = src(f"{number}.pdf")
    return Invoice(id=record_id("invoice", s.document_sha256, number), source=s, supplier_name=supplier,
                   invoice_number=number, invoice_date=day,
                   lines=lines if lines is not None else [line()], field_sources={"invoice_number": s})


def line(desc: str = "Organic Rolled Oats", qty: float = 100, unit: str = "lb", lot: str | None = "L-1",
         organic: bool = True) -> InvoiceLine:
    return InvoiceLine(description=desc, quantity=qty, unit=unit, lot_number=lot, organic=organic)


def certificate(name: str = "Valley Grain Co", products: list[str] | None = None, status: str = "certified",
                effective: date | None = date(2020, 1, 1), anniversary: date | None = date(2026, 6, 1),
                scopes: list[str] | None = None) -> SupplierCertificate:
    s = src(f"cert-{name}.pdf")
    return SupplierCertificate(id=record_id("supplier_certificate", s.document_sha256, name), source=s,
                               operation_name=name, status=status, effective_date=effective,
                               anniversary_date=anniversary, scopes=scopes or ["handling"],
                               products=products if products is not None else ["Oats", "Wheat"])


def plan(suppliers: list[str] | None = None, products: list[str] | None = None,
         substances: list[str] | None = None, sections: OspSections | None = None,
         updated: date | None = date(2026, 1, 15), name: str = "Test Organics LLC") -> OrganicSystemPlan:
    s = src("osp.pdf")
    return OrganicSystemPlan(
        id=record_id("organic_system_plan", s.document_sha256), source=s, operation_name=name, updated_on=updated,
        suppliers=[OspSupplier(name=n) for n in (suppliers if suppliers is not None else ["Valley Grain Co"])],
        products=products if products is not None else ["Oat Granola"],
        substances=[OspSubstance(name=n, use="sanitizer") for n in (substances or ["Sodium hypochlorite"])],
        sections=sections or FULL_SECTIONS,
    )


def cleaning(at: datetime, equipment: str = "Mixer 1", facility: str = "Plant A", verified: str | None = "Sue",
             logged: datetime | None = None, agents: list[str] | None = None, ppm: float | None = 1.0,
             rinse_verified: bool | None = True) -> CleaningEvent:
    s = src("cleaning-log.xlsx")
    return CleaningEvent(id=record_id("cleaning_event", s.document_sha256, at.isoformat(), equipment), source=s,
                         facility=facility, equipment=equipment, performed_at=at, logged_at=logged or at,
                         operator="Bob", verified_by=verified,
                         agents=[CleaningAgent(name=a) for a in (agents or ["Sodium hypochlorite"])],
                         final_rinse_chlorine_ppm=ppm, rinse_verified=rinse_verified)


def batch(lot: str, at: datetime, run: str = "organic", equipment: str = "Mixer 1", facility: str = "Plant A",
          product: str = "Oat Granola", inputs: list[BatchInput] | None = None) -> BatchRecord:
    s = src(f"batch-{lot}.pdf")
    return BatchRecord(id=record_id("batch_record", s.document_sha256, lot), source=s, batch_lot=lot,
                       product_name=product, facility=facility, equipment=equipment, produced_at=at, run_type=run,
                       inputs=inputs if inputs is not None else
                       [BatchInput(ingredient="rolled oats", lot_number="L-1", quantity=50, unit="lb")])


def product(name: str = "Oat Granola", category: str = "organic", ingredients: list[Ingredient] | None = None,
            aids: list[ProcessingAid] | None = None) -> ProductProfile:
    s = src(f"spec-{name}.pdf")
    return ProductProfile(id=record_id("product_profile", s.document_sha256), source=s, product_name=name,
                          label_category=category, processing_aids=aids or [],
                          ingredients=ingredients if ingredients is not None else [
                              Ingredient(name="Rolled oats", amount=96, unit="kg", organic=True),
                              Ingredient(name="Baking soda", amount=4, unit="kg", organic=False, agricultural=False),
                          ])


def pest(level: str = "D", approved: bool | None = False, material: str = "Fumigant X") -> PestControlEntry:
    s = src("pest-log.pdf")
    return PestControlEntry(id=record_id("pest_control_entry", s.document_sha256, material), source=s,
                            date=date(2026, 2, 3), facility="Plant A", location="dock", level=level,
                            material=material, applicator="PestCo", certifier_approved=approved)


def clean_operation() -> list:
    """A small operation with no gaps at all: every rule must stay quiet on it."""
    return [
        invoice(), certificate(), plan(), product(),
        cleaning(datetime(2026, 3, 4, 6, 0)),
        batch("C-1", datetime(2026, 3, 3, 14, 0), run="conventional", inputs=[]),
        batch("B-1", datetime(2026, 3, 4, 8, 0)),
    ]
