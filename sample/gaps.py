"""Planting the gaps an inspector would find, one property broken at a time.

The model built by operation/production/logs is clean by construction: every
organic supplier certified and listed, every lot traceable, every changeover
cleaned. Each planter below breaks exactly one property on objects no other
planter touches, and returns a `Gap` naming the rule, the subject key (the
shared convention in the project brief) and the object whose document shows it.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from sample.layouts import TIMESTAMPED, cleaning_layout
from sample.model import Cleaning, Gap, InvoiceDoc, Lot, Operation, Supplier
from sample.operation import load_catalog
from sample.presets import AUDIT_YEAR, Preset
from sample.production import describe


def _ckey(e: Cleaning) -> str:
    return f"{e.facility}|{e.equipment}|{e.performed:%Y-%m-%dT%H:%M}"


def _organic_invoices(op: Operation) -> dict[str, list[InvoiceDoc]]:
    out: dict[str, list[InvoiceDoc]] = {}
    for inv in op.invoices:
        if any(l.organic for l in inv.lines):
            out.setdefault(inv.supplier, []).append(inv)
    return out


def plant_suppliers(rng: random.Random, op: Operation, preset: Preset) -> tuple[list[Gap], set[str]]:
    gaps: list[Gap] = []
    buying = _organic_invoices(op)
    pool = [s for s in op.suppliers if s.organic and s.name in buying]
    rng.shuffle(pool)
    used: set[str] = set()

    def take(pred=lambda s: True) -> Supplier:
        s = next(s for s in pool if s.name not in used and pred(s))
        used.add(s.name)
        return s

    for _ in range(preset.supplier_gaps):
        s = take()
        s.certificates = []  # nothing on file
        gaps.append(Gap("CERT-MISSING", s.name, buying[s.name][0]))
        s = take()
        newest = s.certificates[-1]
        newest.status, newest.status_date, newest.layout = "surrendered", date(AUDIT_YEAR - 1, 10, 1), "oid_2024"
        s.certificates = [newest]
        gaps.append(Gap("CERT-NOT-CURRENT", s.name, newest))
        s = take()
        old = s.certificates[0]
        old.effective = old.issued = old.status_date = date(AUDIT_YEAR - 2, 3, 10)
        old.anniversary = date(AUDIT_YEAR - 1, 3, 10)
        old.layout = "certifier_letterhead"
        s.certificates = [old]
        gaps.append(Gap("CERT-NOT-CURRENT", s.name, old))
        s = take(lambda s: s.invoice_layout in ("vendor_classic", "invoice_xlsx"))
        sold = sorted({l.ingredient for inv in buying[s.name] for l in inv.lines if l.organic})
        ing = rng.choice(sold)
        for c in s.certificates:
            c.products = [p for p in c.products if not p.endswith(f": {ing}")]
        gaps.append(Gap("CERT-SCOPE", f"{s.name}|{ing}", next(i for i in buying[s.name]
                                                             if any(l.ingredient == ing for l in i.lines))))
        s = take()
        s.in_osp = False
        if op.osp:
            op.osp.suppliers = [row for row in op.osp.suppliers if row[0] != s.name]
        gaps.append(Gap("OSP-SUPPLIER-UNLISTED", s.name, op.osp))
    return gaps, used


def plant_invoices(rng: random.Random, op: Operation, preset: Preset, avoid: set[str]) -> tuple[list[Gap], set[str]]:
    """Extra lines, never consumed by a batch, so trace and balance stay clean."""
    gaps: list[Gap] = []
    organic_used = sorted({n for p in op.products if p.organic_run for n, _ in p.formula if op.ingredients[n].organic})
    invoices = [i for i in op.invoices if i.supplier not in avoid and any(l.organic for l in i.lines)]
    rng.shuffle(invoices)
    touched: set[str] = set()
    plan = ["INV-NOT-ORGANIC"] * preset.not_organic_lines + ["INV-NO-LOT"] * preset.no_lot_lines
    for rule, inv in zip(plan, invoices):
        s = op.supplier(inv.supplier)
        choices = [n for n in s.ingredients if n in organic_used]
        ing = rng.choice(choices)
        touched.add(ing)
        spec = op.ingredients[ing]
        unit = inv.lines[0].unit
        qty = 50.0 if unit == "lb" else 25.0
        organic = rule == "INV-NO-LOT"
        lot_number = None if organic else f"{s.lot_prefix}{rng.randint(100000, 999999)}"
        lot = Lot(ingredient=ing, supplier=s.name, lot_number=lot_number,
                  quantity=qty, unit=unit, unit_price=round(spec.price * (0.4536 if unit == "lb" else 1), 2),
                  received=inv.invoice_date, organic=organic, description=describe(ing, organic, inv.layout),
                  kg=qty, consumable=False)
        inv.lines.append(lot)
        op.lots.append(lot)
        gaps.append(Gap(rule, f"{inv.number}|{lot.description}", inv))
    return gaps, touched


def plant_balance(rng: random.Random, op: Operation, avoid: set[str]) -> list[Gap]:
    used: dict[str, float] = {}
    last = {}
    for b in op.batches:
        if b.run_type == "organic":
            for i in b.inputs:
                if op.ingredients[i.ingredient].organic:
                    used[i.ingredient] = used.get(i.ingredient, 0.0) + i.quantity
                    last[i.ingredient] = b
    def plain(n: str) -> bool:  # first receipt names the ingredient as the formulas do (keeps the subject obvious)
        lots = sorted((l for l in op.lots if l.ingredient == n and l.organic), key=lambda l: l.received)
        return bool(lots) and lots[0].description == n

    names = sorted(n for n in used if n not in avoid)
    ing = rng.choice([n for n in names if plain(n)] or names)
    lots = [l for l in op.lots if l.ingredient == ing and l.organic]
    bought = sum(l.kg for l in lots)
    factor = 0.85 * used[ing] / bought
    for l in lots:
        l.quantity = float(max(1, round(l.quantity * factor)))
        l.kg = l.quantity * (0.45359237 if l.unit == "lb" else 1.0)
    return [Gap("BALANCE-EXCEEDS-PURCHASES", ing, last[ing])]


def plant_batches(rng: random.Random, op: Operation, preset: Preset) -> list[Gap]:
    gaps: list[Gap] = []
    known = {l.lot_number for l in op.lots if l.lot_number}
    organic = [b for b in op.batches if b.run_type == "organic"]
    for b in rng.sample(organic, preset.unresolved_lots):
        inp = rng.choice(b.inputs)
        lot = inp.lot_number or "X"
        bad = lot[:-2] + lot[-1] + lot[-2]
        if bad in known or bad == lot:
            bad = lot + "-R"
        inp.lot_number = bad
        gaps.append(Gap("TRACE-UNRESOLVED-LOT", f"{b.lot}|{bad}", b))
    return gaps


def plant_cleaning(rng: random.Random, op: Operation, preset: Preset) -> list[Gap]:
    gaps: list[Gap] = []
    batches = {b.lot: b for b in op.batches}
    by_line: dict[tuple[str, str], list] = {}
    for b in op.batches:
        by_line.setdefault((b.facility, b.equipment), []).append(b)
    same_day = []
    for e in op.cleanings:
        if e.activity == "Changeover" and e.before_lot:
            b = batches[e.before_lot]
            runs = by_line[(b.facility, b.equipment)]
            prev = runs[runs.index(b) - 1]
            if prev.start.date() == b.start.date():
                same_day.append((e, b))
    for e, b in rng.sample(same_day, min(preset.missing_changeover, len(same_day))):
        op.cleanings.remove(e)
        gaps.append(Gap("CLEAN-MISSING-CHANGEOVER", b.lot, b))
    fac = {f.name: i for i, f in enumerate(op.facilities)}
    free = list(op.cleanings)
    rng.shuffle(free)

    def take(pred) -> Cleaning:
        e = next(e for e in free if pred(e))
        free.remove(e)
        return e

    for _ in range(preset.no_signoff):
        e = take(lambda e: True)
        e.verified_by = None
        gaps.append(Gap("CLEAN-NO-SIGNOFF", _ckey(e), e))
    for _ in range(preset.late_entry):
        e = take(lambda e: cleaning_layout(fac[e.facility], e.performed, preset) in TIMESTAMPED)
        e.logged = e.performed + timedelta(days=rng.randint(2, 6), hours=rng.randint(1, 8))
        gaps.append(Gap("CLEAN-LATE-ENTRY", _ckey(e), e))
    for _ in range(preset.chlorine_rinse):
        e = take(lambda e: e.rinse_ppm is not None)
        e.rinse_ppm, e.rinse_verified = round(rng.uniform(5.2, 9.5), 1), False
        e.notes = "Rinse over limit - supervisor notified"
        gaps.append(Gap("CLEAN-CHLORINE-RINSE", _ckey(e), e))
    quat = load_catalog()["agents"]["unlisted"]
    first = None
    for _ in range(preset.unlisted_agent_uses):
        e = take(lambda e: e.activity == "Wash-down" and e.rinse_ppm is None)
        conc = float(int(rng.uniform(*quat["conc"]) / 5) * 5)
        e.agents[-1] = type(e.agents[-1])(quat["name"], conc, quat["unit"])
        first = first or e
    gaps.append(Gap("CLEAN-AGENT-NOT-IN-OSP", quat["name"], first))
    return gaps


def plant_pest(rng: random.Random, op: Operation, preset: Preset) -> list[Gap]:
    ds = [p for p in op.pests if p.level == "D"]
    gaps = []
    for p in rng.sample(ds, preset.level_d_unapproved):
        p.approved = False
        gaps.append(Gap("PEST-LEVEL-D-UNAPPROVED", f"{p.day.isoformat()}|{p.facility}|{p.material}", p))
    return gaps


def plant_products_and_osp(op: Operation, preset: Preset) -> list[Gap]:
    gaps: list[Gap] = []
    for p in op.products:
        if p.role == "pct_below":
            gaps.append(Gap("PROD-PCT-BELOW-CATEGORY", p.name, p))
        elif p.role == "nonorganic_not_allowed":
            bad = next(n for n, _ in p.formula if op.ingredients[n].agricultural and not op.ingredients[n].organic
                       and not op.ingredients[n].nl)
            gaps.append(Gap("PROD-NONORGANIC-NOT-ALLOWED", f"{p.name}|{bad}", p))
        elif p.role == "unlisted_in_osp":
            gaps.append(Gap("OSP-PRODUCT-UNLISTED", p.name, p))
    osp = op.osp
    if osp is None:
        raise RuntimeError("the OSP must be built before gaps are planted")
    osp.updated_on = date(AUDIT_YEAR - 1, 1, 14)
    gaps.append(Gap("OSP-OUTDATED", osp.operation_name, osp))
    for section in ["fraud_prevention"] + (["monitoring"] if preset.name == "year" else []):
        osp.sections[section] = None
        gaps.append(Gap("OSP-ELEMENT-MISSING", section, osp))
    return gaps


def plant_all(rng: random.Random, op: Operation, preset: Preset) -> list[Gap]:
    gaps, suppliers = plant_suppliers(rng, op, preset)
    inv_gaps, touched = plant_invoices(rng, op, preset, suppliers)
    gaps += inv_gaps
    gaps += plant_balance(rng, op, touched)
    gaps += plant_batches(rng, op, preset)
    gaps += plant_cleaning(rng, op, preset)
    gaps += plant_pest(rng, op, preset)
    gaps += plant_products_and_osp(op, preset)
    return gaps
