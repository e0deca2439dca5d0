"""The production schedule and the purchases that feed it.

Batches are scheduled per production day and line; each organic ingredient is
then bought in lots just ahead of need (first in, first out), so every batch
input names a real lot on a real invoice and purchases exceed use. Planted
gaps later break exactly one of these properties at a time.
"""
from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta

from sample.model import Batch, BatchInputM, InvoiceDoc, Lot, Operation, Product
from sample.presets import AUDIT_YEAR, Preset

HOLIDAYS = {date(AUDIT_YEAR, 1, 1), date(AUDIT_YEAR, 5, 25), date(AUDIT_YEAR, 7, 3), date(AUDIT_YEAR, 9, 7),
            date(AUDIT_YEAR, 11, 26), date(AUDIT_YEAR, 11, 27), date(AUDIT_YEAR, 12, 25)}
LB = 0.45359237
FIRST_DAY = date(AUDIT_YEAR, 1, 7)
RUN_HOURS = 2.5


def production_days(rng: random.Random, preset: Preset) -> list[date]:
    days = []
    d = FIRST_DAY
    while d.year == AUDIT_YEAR and d <= date(AUDIT_YEAR, 12, 18):
        if d.weekday() < 5 and d not in HOLIDAYS:
            days.append(d)
        d += timedelta(days=1)
    if preset.production_days_per_month == 0:
        return days
    picked = []
    for m in range(1, 13):
        month = [d for d in days if d.month == m]
        picked += sorted(rng.sample(month, min(preset.production_days_per_month, len(month))))
    return picked


def _lines(op: Operation) -> dict[tuple[str, str], list[Product]]:
    lines: dict[tuple[str, str], list[Product]] = {}
    for p in op.products:
        lines.setdefault((p.facility, p.equipment), []).append(p)
    return lines


def schedule_batches(rng: random.Random, op: Operation, preset: Preset) -> None:
    """Runs per line and day; a conventional run followed by an organic one on the same day happens."""
    weights = preset.runs_weights
    counters: dict[str, int] = {}
    for di, day in enumerate(production_days(rng, preset)):
        for (facility, equipment), products in sorted(_lines(op).items()):
            n = rng.choices(range(len(weights)), weights=weights)[0]
            runs = [rng.choice(products) for _ in range(n)]
            conv = [p for p in products if not p.organic_run]
            org = [p for p in products if p.organic_run and not p.role]
            if di == 0 and conv and org:
                runs = [conv[0], org[0]]  # a same-day changeover from conventional to organic on every shared line
            start = datetime.combine(day, time(6, 0)) + timedelta(minutes=rng.choice([0, 15, 30]))
            for p in runs:
                key = f"{p.code}{day:%y%m%d}"
                counters[key] = counters.get(key, 0) + 1
                scale = rng.choice([1.0, 1.5, 2.0])
                inputs = [BatchInputM(n, None, round(a * scale, 2)) for n, a in p.formula
                          if op.ingredients[n].purchased]
                total = sum(a for _, a in p.formula) * scale
                case_kg = 6.0 if p.category != "100_percent_organic" else 11.34
                op.batches.append(Batch(
                    lot=f"{p.code}-{day:%y%m%d}-{counters[key]:02d}", product=p.name, facility=facility,
                    equipment=equipment, start=start, run_type="organic" if p.organic_run else "conventional",
                    inputs=inputs, output_quantity=float(int(total * 0.97 / case_kg)), output_unit="cases",
                ))
                start += timedelta(hours=RUN_HOURS, minutes=rng.choice([30, 40, 45]))
    op.batches.sort(key=lambda b: (b.start, b.facility, b.equipment))


def _receipt_day(rng: random.Random, need: date, slot: int, offset: int) -> date:
    """The supplier's last delivery slot at least two days before the need (never before 2 January)."""
    first = date(AUDIT_YEAR, 1, 2) + timedelta(days=offset % max(slot, 1))
    latest = need - timedelta(days=2)
    if latest < first:
        return date(AUDIT_YEAR, 1, 2)
    k = (latest - first).days // slot
    return first + timedelta(days=k * slot)


def describe(name: str, organic: bool, layout: str) -> str:
    """How a vendor writes an organic product on its invoice."""
    if not organic or layout in ("vendor_classic", "invoice_xlsx"):
        return name  # organic shown in its own column (or not organic)
    return f"Organic {name}" if layout == "vendor_modern" else f"{name} (certified organic)"


def buy_lots(rng: random.Random, op: Operation, preset: Preset) -> None:
    """FIFO lots per ingredient, bought ahead of use; batch inputs get their lot numbers."""
    by_ing: dict[str, list[tuple[Batch, BatchInputM]]] = {}
    for b in op.batches:
        for inp in b.inputs:
            by_ing.setdefault(inp.ingredient, []).append((b, inp))
    lot_seq = 0
    for ing in sorted(by_ing):
        uses = by_ing[ing]
        spec = op.ingredients[ing]
        sellers = [s for s in op.suppliers if ing in s.ingredients]
        total = sum(i.quantity for _, i in uses)
        size = max(25.0, round(total / preset.lots_per_ingredient * rng.uniform(1.05, 1.3) / 25) * 25)
        current: Lot | None = None
        new_inputs: dict[int, list[BatchInputM]] = {}
        for b, inp in uses:
            need = inp.quantity
            parts: list[BatchInputM] = []
            while need > 1e-9:
                if current is None or current.remaining_kg <= 1e-9:
                    s = sellers[lot_seq % len(sellers)] if len(sellers) > 1 else sellers[0]
                    lot_seq += rng.randint(1, 3)
                    unit = "lb" if s.invoice_layout in ("vendor_coop", "vendor_modern") else "kg"
                    qty = round(size / LB / 50) * 50 if unit == "lb" else size
                    kg = qty * LB if unit == "lb" else qty
                    offset = sum(map(ord, s.name))
                    received = _receipt_day(rng, b.start.date(), preset.delivery_slot_days, offset)
                    price = round(spec.price * (LB if unit == "lb" else 1) * rng.uniform(0.92, 1.12), 2)
                    current = Lot(ingredient=ing, supplier=s.name, lot_number=_lot_number(rng, s.lot_prefix, received),
                                  quantity=float(qty), unit=unit, unit_price=price, received=received,
                                  organic=spec.organic, description=describe(ing, spec.organic, s.invoice_layout),
                                  kg=kg, remaining_kg=kg)
                    op.lots.append(current)
                take = round(min(need, current.remaining_kg), 2)
                if take <= 0 or take > current.remaining_kg + 1e-9:
                    take = int(current.remaining_kg * 100) / 100  # never draw more than the lot holds
                if take <= 0:
                    current.remaining_kg = 0.0
                    continue
                current.remaining_kg -= take
                need = round(need - take, 2)
                parts.append(BatchInputM(ing, current.lot_number, take, "kg"))
            new_inputs[id(inp)] = parts
        _keep_stock(op, ing, total)
        for b, inp in uses:
            if id(inp) in new_inputs:
                idx = b.inputs.index(inp)
                b.inputs[idx:idx + 1] = new_inputs.pop(id(inp))


def _keep_stock(op: Operation, ingredient: str, used_kg: float) -> None:
    """Purchases end at least 3 % above use: the last delivery is topped up when needed."""
    lots = [l for l in op.lots if l.ingredient == ingredient]
    short = used_kg * 1.03 - sum(l.kg for l in lots)
    if short > 0 and lots:
        last = lots[-1]
        pack = 50.0 if last.unit == "lb" else 25.0
        per_unit = LB if last.unit == "lb" else 1.0
        last.quantity += pack * math.ceil(short / per_unit / pack)
        last.kg = last.quantity * per_unit


def _lot_number(rng: random.Random, prefix: str, received: date) -> str:
    style = sum(map(ord, prefix)) % 3
    if style == 0:
        return f"{prefix}{received:%y}-{rng.randint(1000, 9999)}"
    if style == 1:
        return f"L{received:%y%j}{rng.choice('ABCDEF')}{rng.randint(1, 9)}"
    return f"{received:%y%m%d}-{rng.randint(10, 99)}"


def make_invoices(rng: random.Random, op: Operation, preset: Preset) -> None:
    """Lots of one supplier received the same day share an invoice (up to the preset's line count)."""
    groups: dict[tuple[str, date, int], list[Lot]] = {}
    for lot in sorted(op.lots, key=lambda l: (l.received, l.supplier, l.ingredient)):
        k = 0
        while len(groups.get((lot.supplier, lot.received, k), [])) >= preset.max_invoice_lines:
            k += 1
        groups.setdefault((lot.supplier, lot.received, k), []).append(lot)
    counters: dict[str, int] = {}
    po = 4100
    for (supplier, day, _), lots in groups.items():
        s = op.supplier(supplier)
        counters.setdefault(supplier, rng.randint(10000, 90000))
        counters[supplier] += rng.randint(3, 40)
        po += 1
        number = f"{s.invoice_prefix}{counters[supplier]}"
        has_po = s.invoice_layout != "vendor_coop" or rng.random() < 0.5
        op.invoices.append(InvoiceDoc(supplier=supplier, number=number, invoice_date=day,
                                      po_number=f"PO-{day:%y}-{po:05d}" if has_po else None,
                                      lines=lots, layout=s.invoice_layout))
