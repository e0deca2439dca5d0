"""From the operation model to the list of documents to write, with their truth.

Each `DocSpec` carries the records the document must yield (in the record
contract, field names as in `auditpack/records/kinds.py`) and the context the
writer needs. Writers render *from these records*, so the ground truth and
the paperwork are the same data by construction.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from sample import truth
from sample.layouts import TIMESTAMPED, batch_layout, cleaning_layout, pest_layout, period_of
from sample.model import Gap, Operation
from sample.presets import Preset

CERT_LAYOUT_CYCLE = ("oid_2024", "certifier_letterhead", "oid_2024", "certifier_letterhead", "oid_with_cover_letter")


@dataclass
class DocSpec:
    file: str
    kind: str
    layout: str
    records: list[dict[str, Any]]
    context: dict[str, Any] = field(default_factory=dict)
    scanned: bool = False


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")


def _certificates(rng: random.Random, op: Operation, preset: Preset, targets: set[int]) -> list[DocSpec]:
    specs = []
    certs = [c for s in op.suppliers for c in s.certificates]
    for i, c in enumerate(certs):
        if id(c) not in targets:
            c.layout = CERT_LAYOUT_CYCLE[i % len(CERT_LAYOUT_CYCLE)]
    letterheads = [c for c in certs if c.layout == "certifier_letterhead" and id(c) not in targets]
    for c in rng.sample(letterheads, min(preset.scanned_certificates, len(letterheads))):
        c.layout = "scanned_letterhead"
    for c in certs:
        c.file = f"certificates/{slug(c.supplier)}_{c.certifier.short}_{c.effective:%Y%m%d}.pdf"
        c.page = 2 if c.layout == "oid_with_cover_letter" else 1
        specs.append(DocSpec(c.file, "supplier_certificate", c.layout, [truth.certificate(c)],
                             {"certifier": c.certifier, "client_id": c.client_id, "issued": c.issued,
                              "status_date": c.status_date, "buyer": op.name},
                             scanned=c.layout == "scanned_letterhead"))
    return specs


def _invoices(op: Operation, preset: Preset) -> list[DocSpec]:
    specs: list[DocSpec] = []
    by_supplier: dict[str, list] = {}
    for inv in op.invoices:
        by_supplier.setdefault(inv.supplier, []).append(inv)
    combined = 0
    wanted = 1 if preset.name == "small" else 3
    order = sorted(by_supplier, key=lambda n: (not op.supplier(n).organic, n))  # organic vendors first
    for supplier in order:
        invs = by_supplier[supplier]
        s = op.supplier(supplier)
        context = {"address": s.address, "buyer_address": op.address, "base_layout": s.invoice_layout}
        if combined < wanted and s.invoice_layout != "invoice_xlsx" and len(invs) >= 2:
            a, b = invs[0], invs[1]
            file = f"invoices/{slug(supplier)}_{a.number}_{b.number}.pdf"
            for page, inv in ((1, a), (2, b)):
                inv.file, inv.page = file, page
            specs.append(DocSpec(file, "invoice", "multi_invoice_pdf", [truth.invoice(a, op), truth.invoice(b, op)],
                                 context))
            invs = invs[2:]
            combined += 1
        for inv in invs:
            ext = "xlsx" if inv.layout == "invoice_xlsx" else "pdf"
            inv.file = f"invoices/{slug(supplier)}_{inv.number}.{ext}"
            specs.append(DocSpec(inv.file, "invoice", inv.layout, [truth.invoice(inv, op)], context))
    return specs


def _cleaning(op: Operation, preset: Preset) -> list[DocSpec]:
    groups: dict[tuple[int, str], list] = {}
    for e in op.cleanings:
        fi = next(i for i, f in enumerate(op.facilities) if f.name == e.facility)
        groups.setdefault((fi, period_of(e.performed, preset.cleaning_period)[1]), []).append(e)
    specs = []
    for (fi, label), events in sorted(groups.items()):
        layout = cleaning_layout(fi, events[0].performed, preset)
        ext = {"sanitation_pdf_form": "pdf", "cleaning_csv_export": "csv"}.get(layout, "xlsx")
        file = f"cleaning/{slug(op.facilities[fi].name)}_sanitation_{label}.{ext}"
        for e in events:
            e.file = file
            if layout not in TIMESTAMPED:
                e.logged = None  # a paper form has no entry time
        specs.append(DocSpec(file, "cleaning_log", layout, [truth.cleaning(e) for e in events],
                             {"facility": op.facilities[fi].name, "period": label,
                              "activities": [e.activity for e in events]}))
    return specs


def _batches(op: Operation, preset: Preset) -> list[DocSpec]:
    groups: dict[tuple[int, str], list] = {}
    for b in op.batches:
        fi = next(i for i, f in enumerate(op.facilities) if f.name == b.facility)
        groups.setdefault((fi, period_of(b.start, preset.batch_period)[1]), []).append(b)
    specs = []
    for (fi, label), batches in sorted(groups.items()):
        file = f"batches/{slug(op.facilities[fi].name)}_production_{label}.csv"
        for b in batches:
            b.file = file
        specs.append(DocSpec(file, "batch_record", batch_layout(fi), [truth.batch(b) for b in batches]))
    return specs


def _pests(op: Operation) -> list[DocSpec]:
    specs = []
    for fi, f in enumerate(op.facilities):
        entries = [p for p in op.pests if p.facility == f.name]
        layout = pest_layout(fi)
        file = f"pest/{slug(f.name)}_pest_control_{op.year}.{'xlsx' if layout == 'pest_xlsx' else 'csv'}"
        for p in entries:
            p.file = file
        specs.append(DocSpec(file, "pest_control_log", layout, [truth.pest(p) for p in entries],
                             {"facility": f.name, "company": "Northwest Pest Solutions"}))
    return specs


def plan_documents(rng: random.Random, op: Operation, preset: Preset, gaps: list[Gap]) -> list[DocSpec]:
    targets = {id(g.target) for g in gaps}
    specs = _certificates(rng, op, preset, targets) + _invoices(op, preset) + _cleaning(op, preset)
    osp = op.osp
    if osp is not None:
        osp.file = "osp/Organic_System_Plan.docx"
        specs.append(DocSpec(osp.file, "organic_system_plan", "osp_docx_qa", [truth.osp(op)],
                             {"address": op.address, "nop_id": op.nop_id, "contact": op.contact}))
    for p in op.products:
        if p.organic_run:
            ext = "docx" if p.profile_layout == "profile_docx" else "xlsx"
            p.file = f"products/{slug(p.name)}_product_profile.{ext}"
            specs.append(DocSpec(p.file, "product_profile", p.profile_layout, [truth.product(p, op)],
                                 {"operation": op.name, "code": p.code}))
    return specs + _batches(op, preset) + _pests(op)
