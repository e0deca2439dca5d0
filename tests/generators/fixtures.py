"""A small hand-built operation put straight into a store, with real PDF originals.

Numbers tests check: Granola Bar is 80.0 / (80.0 + 12.5) = 86.486... % organic by
weight, rounded down to 86 %, so it does NOT meet the 'organic' (95 %) claim;
Oat Flour is 100 %. Three cleaning exceptions; trace lot GB-0301 resolves to
invoice INV-100 and Valley Grain's certificate.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from auditpack.records import (
    BatchInput, BatchRecord, CleaningAgent, CleaningEvent, Decision, DecisionAction, DocumentInfo, DocumentStatus,
    Evidence, Finding, Ingredient, Invoice, InvoiceLine, OrganicSystemPlan, OspFacility, OspSections, OspSubstance,
    OspSupplier, PestControlEntry, ProductProfile, SourceRef, Subject, SupplierCertificate, finding_id, record_id,
)

GRANOLA_PCT = 86
CLEANING_EXCEPTIONS = 3


def _pdf(ws, name: str, pages: list[str]) -> DocumentInfo:
    import io

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    for text in pages:
        c.setFont("Helvetica", 12)
        c.drawString(72, 700, f"{name}: {text}")
        c.showPage()
    c.save()
    data = buf.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    path = ws.original_path(sha, ".pdf")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return DocumentInfo(sha256=sha, filename=name, media_type="application/pdf", size_bytes=len(data),
                        pages=len(pages), status=DocumentStatus.INGESTED,
                        stored_path=str(path.relative_to(ws.root)), ingested_at=datetime(2026, 1, 2, 9, 0))


def _src(doc: DocumentInfo, page: int = 1) -> SourceRef:
    return SourceRef(document_sha256=doc.sha256, filename=doc.filename, page=page)


def _add(store, doc: DocumentInfo, kind: str, records: list) -> None:
    store.add_document(doc.model_copy(update={"kind": kind, "record_count": len(records)}), records, "test")


def populate(ws, store) -> dict:
    d = {}
    osp_old = _pdf(ws, "osp-2024.pdf", ["OSP 2024"])
    osp = _pdf(ws, "osp-2025.pdf", ["OSP 2025", "facilities"])
    _add(store, osp_old, "organic_system_plan", [OrganicSystemPlan(
        id=record_id("organic_system_plan", osp_old.sha256), source=_src(osp_old), operation_name="Test Organics LLC",
        updated_on=date(2024, 12, 1), products=["Oat Flour"],
        facilities=[OspFacility(name="Plant A", equipment=["Mixer 1"])],
        suppliers=[OspSupplier(name="Valley Grain Co", ingredient="oats")],
        substances=[OspSubstance(name="Peracetic acid", use="sanitizer")])])
    _add(store, osp, "organic_system_plan", [OrganicSystemPlan(
        id=record_id("organic_system_plan", osp.sha256), source=_src(osp), operation_name="Test Organics LLC",
        updated_on=date(2025, 12, 1), products=["Oat Flour", "Granola Bar"],
        facilities=[OspFacility(name="Plant A", address="1 Mill Rd", equipment=["Mixer 1", "Oven 2"])],
        suppliers=[OspSupplier(name="Valley Grain Co", ingredient="oats"),
                   OspSupplier(name="Bee Sweet", ingredient="honey")],
        substances=[OspSubstance(name="Peracetic acid", use="sanitizer")],
        sections=OspSections(practices="We mill oats."))])
    cert = _pdf(ws, "cert-valley.pdf", ["Organic certificate Valley Grain Co"])
    _add(store, cert, "supplier_certificate", [SupplierCertificate(
        id=record_id("supplier_certificate", cert.sha256), source=_src(cert), operation_name="Valley Grain Co",
        certifier="Oregon Tilth", certificate_number="OT-1", status="certified", scopes=["handling"],
        products=["oats"], effective_date=date(2025, 1, 1), anniversary_date=date(2026, 12, 1))])
    inv = _pdf(ws, "inv-100.pdf", ["Invoice INV-100", "lines"])
    _add(store, inv, "invoice", [Invoice(
        id=record_id("invoice", inv.sha256), source=_src(inv), supplier_name="Valley Grain Co",
        invoice_number="INV-100", invoice_date=date(2026, 2, 1), lines=[
            InvoiceLine(description="Organic oats", quantity=500, unit="kg", lot_number="OAT-7", organic=True)],
        field_sources={"lines[0].lot_number": _src(inv, 2)}),
        Invoice(id=record_id("invoice", inv.sha256, 2), source=_src(inv, 2), supplier_name="Bee Sweet",
                invoice_number="BS-9", invoice_date=date(2026, 2, 3), lines=[
                    InvoiceLine(description="Honey", quantity=20, unit="kg", lot_number="HON-1", organic=False)])])
    prof = _pdf(ws, "product-profiles.pdf", ["Granola Bar", "Oat Flour"])
    _add(store, prof, "product_profile", [
        ProductProfile(id=record_id("product_profile", prof.sha256, 1), source=_src(prof, 1),
                       product_name="Granola Bar", label_category="organic", ingredients=[
                           Ingredient(name="oats", amount=80.0, unit="kg", organic=True, supplier="Valley Grain Co"),
                           Ingredient(name="honey", amount=12.5, unit="kg", organic=False, supplier="Bee Sweet"),
                           Ingredient(name="water", amount=7.5, unit="kg", water_or_salt=True, agricultural=False)]),
        ProductProfile(id=record_id("product_profile", prof.sha256, 2), source=_src(prof, 2),
                       product_name="Oat Flour", label_category="100_percent_organic", ingredients=[
                           Ingredient(name="oats", amount=100, unit="kg", organic=True, supplier="Valley Grain Co")])])
    batch = _pdf(ws, "batches-2026.pdf", ["Batch GB-0301", "Batch OF-0302"])
    _add(store, batch, "batch_record", [
        BatchRecord(id=record_id("batch_record", batch.sha256, 1), source=_src(batch, 1), batch_lot="GB-0301",
                    product_name="Granola Bar", facility="Plant A", equipment="Mixer 1",
                    produced_at=datetime(2026, 3, 1, 8), run_type="organic",
                    inputs=[BatchInput(ingredient="oats", lot_number="OAT-7", quantity=80, unit="kg"),
                            BatchInput(ingredient="honey", lot_number="HON-1", quantity=12.5, unit="kg")],
                    output_quantity=100, output_unit="kg"),
        BatchRecord(id=record_id("batch_record", batch.sha256, 2), source=_src(batch, 2), batch_lot="OF-0302",
                    product_name="Oat Flour", facility="Plant A", equipment="Oven 2",
                    produced_at=datetime(2026, 3, 2, 8), run_type="organic",
                    inputs=[BatchInput(ingredient="oats", lot_number="OAT-99", quantity=600, unit="kg")],
                    output_quantity=600, output_unit="kg")])
    clean = _pdf(ws, "cleaning-log.pdf", ["Cleaning log p1", "p2"])
    events = []
    for i in range(6):
        performed = datetime(2026, 3, 1 + i, 6, 30)
        logged = performed if i != 2 else datetime(2026, 3, 5 + i, 6, 30)
        events.append(CleaningEvent(
            id=record_id("cleaning_event", clean.sha256, i), source=_src(clean, 1 + i // 3), facility="Plant A",
            equipment="Mixer 1" if i % 2 == 0 else "Oven 2", performed_at=performed, logged_at=logged,
            operator="Ana", verified_by=None if i == 4 else "Bo",
            agents=[CleaningAgent(name="Peracetic acid" if i != 5 else "Quat sanitizer")]))
    _add(store, clean, "cleaning_event", events)
    pest = _pdf(ws, "pest-log.pdf", ["Pest log"])
    _add(store, pest, "pest_control_entry", [
        PestControlEntry(id=record_id("pest_control_entry", pest.sha256, 1), source=_src(pest), date=date(2026, 3, 3),
                         facility="Plant A", location="Dock", level="A", material=None, applicator="Ana"),
        PestControlEntry(id=record_id("pest_control_entry", pest.sha256, 2), source=_src(pest), date=date(2026, 3, 4),
                         facility="Plant A", location="Warehouse", level="D", material="Bait X", applicator="PCO",
                         certifier_approved=None)])
    ev_clean = [Evidence(document_sha256=clean.sha256, filename=clean.filename, page=1)]
    findings = [
        Finding(id=finding_id("CLEAN-LATE-ENTRY", "Plant A|Mixer 1|2026-03-03T06:30"), rule_id="CLEAN-LATE-ENTRY",
                severity="minor", citations=["7 CFR 205.103(b)(2)"], message="Cleaning logged 4 days late",
                subject=Subject(kind="cleaning_event", key="Plant A|Mixer 1|2026-03-03T06:30"), evidence=ev_clean),
        Finding(id=finding_id("CLEAN-NO-SIGNOFF", "Plant A|Mixer 1|2026-03-05T06:30"), rule_id="CLEAN-NO-SIGNOFF",
                severity="minor", citations=["7 CFR 205.272"], message="No verification sign-off",
                subject=Subject(kind="cleaning_event", key="Plant A|Mixer 1|2026-03-05T06:30"), evidence=ev_clean),
        Finding(id=finding_id("CLEAN-AGENT-NOT-IN-OSP", "Quat sanitizer"), rule_id="CLEAN-AGENT-NOT-IN-OSP",
                severity="major", citations=["7 CFR 205.201(a)(2)"], message="Quat sanitizer is not in the OSP",
                subject=Subject(kind="cleaning_event", key="Quat sanitizer"), evidence=ev_clean),
        Finding(id=finding_id("PROD-PCT-BELOW-CATEGORY", "Granola Bar"), rule_id="PROD-PCT-BELOW-CATEGORY",
                severity="critical", citations=["7 CFR 205.302", "7 CFR 205.301(b)"],
                message="Granola Bar is 86 % organic; 'organic' needs 95 %",
                subject=Subject(kind="product_profile", key="Granola Bar"),
                evidence=[Evidence(document_sha256=prof.sha256, filename=prof.filename, page=1)]),
        Finding(id=finding_id("TRACE-UNRESOLVED-LOT", "OF-0302|OAT-99"), rule_id="TRACE-UNRESOLVED-LOT",
                severity="major", citations=["7 CFR 205.103"], message="Lot OAT-99 has no receiving invoice",
                subject=Subject(kind="batch_record", key="OF-0302|OAT-99"),
                evidence=[Evidence(document_sha256=batch.sha256, filename=batch.filename, page=2)]),
    ]
    store.sync_findings(findings, actor="test")
    store.decide(Decision(finding_id=findings[3].id, action=DecisionAction.ACCEPT, actor="qa.manager",
                          at=datetime(2026, 4, 1, 10), corrective_action="Relabel as made with organic oats",
                          due_date=date(2026, 5, 1)))
    store.decide(Decision(finding_id=findings[0].id, action=DecisionAction.DISMISS, actor="qa.manager",
                          at=datetime(2026, 4, 2, 10), reason="Paper log was entered on time; scan was late"))
    d["findings"] = findings
    return d
