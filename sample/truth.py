"""Model objects as records in the record contract (plain JSON-ready dicts).

Field names are exactly those of `auditpack/records/kinds.py`; `id` and
`source` are left out (they depend on the stored document) and `page` is added
by the writer once it knows where the record landed.
"""
from __future__ import annotations

from typing import Any

from sample.model import Batch, Certificate, Cleaning, InvoiceDoc, Operation, PestEntry, Product

LB = 0.45359237


def certificate(c: Certificate) -> dict[str, Any]:
    oid = c.layout.startswith("oid")
    products = c.products if oid else [p.split(": ", 1)[-1] for p in c.products]
    return {
        "kind": "supplier_certificate", "operation_name": c.supplier, "certifier": c.certifier.name,
        "certificate_number": c.nop_id if oid else f"{c.client_id}-{c.effective:%Y}",
        "oid_operation_id": c.nop_id, "status": c.status, "effective_date": c.effective.isoformat(),
        "anniversary_date": c.anniversary.isoformat(), "expiration_date": None, "scopes": list(c.scopes),
        "products": products, "address": c.address,
    }


def invoice(inv: InvoiceDoc, op: Operation) -> dict[str, Any]:
    return {
        "kind": "invoice", "supplier_name": inv.supplier, "invoice_number": inv.number,
        "invoice_date": inv.invoice_date.isoformat(), "buyer_name": op.name, "po_number": inv.po_number,
        "total": inv.total,
        "lines": [{"description": l.description, "quantity": l.quantity, "unit": l.unit, "lot_number": l.lot_number,
                   "organic": l.organic, "unit_price": l.unit_price, "amount": round(l.quantity * l.unit_price, 2)}
                  for l in inv.lines],
    }


def cleaning(e: Cleaning) -> dict[str, Any]:
    return {
        "kind": "cleaning_event", "facility": e.facility, "equipment": e.equipment,
        "performed_at": e.performed.isoformat(timespec="minutes"),
        "logged_at": e.logged.isoformat(timespec="minutes") if e.logged else None,
        "operator": e.operator, "verified_by": e.verified_by,
        "agents": [{"name": a.name, "concentration": a.concentration, "concentration_unit": a.unit} for a in e.agents],
        "final_rinse_chlorine_ppm": e.rinse_ppm, "rinse_verified": e.rinse_verified,
        "preceding_run": e.preceding_run, "next_run": e.next_run, "notes": e.notes,
    }


def osp(op: Operation) -> dict[str, Any]:
    o = op.osp
    if o is None:
        raise RuntimeError("no OSP in the model")
    return {
        "kind": "organic_system_plan", "operation_name": o.operation_name, "certifier": o.certifier,
        "updated_on": o.updated_on.isoformat(),
        "facilities": [{"name": f.name, "address": f.address, "equipment": list(f.equipment)} for f in op.facilities],
        "products": list(o.products), "suppliers": [{"name": n, "ingredient": i} for n, i in o.suppliers],
        "substances": [{"name": n, "use": u} for n, u in o.substances], "sections": dict(o.sections),
    }


def main_supplier(op: Operation, ingredient: str) -> tuple[str | None, str | None]:
    """The supplier a formula names for an ingredient (and its certifier, for organic ones)."""
    for s in op.suppliers:
        if ingredient in s.ingredients and s.in_osp and (s.certificates or not s.organic):
            cert = s.certificates[-1].certifier.name if s.certificates else None
            return s.name, cert
    return None, None


def product(p: Product, op: Operation) -> dict[str, Any]:
    in_lb = p.profile_layout == "formulation_xlsx"
    ingredients = []
    for name, kg in p.formula:
        spec = op.ingredients[name]
        supplier, certifier = main_supplier(op, name) if spec.purchased else (None, None)
        ingredients.append({
            "name": name, "amount": round(kg / LB, 2) if in_lb else kg, "unit": "lb" if in_lb else "kg",
            "organic": spec.organic, "supplier": supplier, "certifier": certifier if spec.organic else None,
            "agricultural": spec.agricultural, "water_or_salt": spec.water_or_salt,
        })
    return {
        "kind": "product_profile", "product_name": p.name, "label_category": p.category,
        "ingredients": ingredients,
        "processing_aids": [{"name": n, "supplier": "Summit Industrial Gases", "organic": o} for n, o in p.aids],
    }


def batch(b: Batch) -> dict[str, Any]:
    return {
        "kind": "batch_record", "batch_lot": b.lot, "product_name": b.product, "facility": b.facility,
        "equipment": b.equipment, "produced_at": b.start.isoformat(timespec="minutes"), "run_type": b.run_type,
        "inputs": [{"ingredient": i.ingredient, "lot_number": i.lot_number, "quantity": i.quantity, "unit": i.unit}
                   for i in b.inputs],
        "output_quantity": b.output_quantity, "output_unit": b.output_unit,
    }


def pest(p: PestEntry) -> dict[str, Any]:
    return {
        "kind": "pest_control_entry", "date": p.day.isoformat(), "facility": p.facility, "location": p.location,
        "level": p.level, "material": p.material, "applicator": p.applicator, "certifier_approved": p.approved,
    }
