"""Supplier invoices: letterhead or labelled seller, header fields, line table, total.

Why: invoices are where lots and organic claims enter an audit trail, and real ones
vary most (unit inside the quantity, in its own column or in the header; organic as a
column or as a word in the description; totals under different words). Line amounts
always add up to the printed total.
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Any

from bench.layout_variations import world as W
from bench.layout_variations.arrange import Printer
from bench.layout_variations.blocks import Doc, Fields, Table, Text, Title
from bench.layout_variations.formats import Style
from bench.layout_variations.records import blank, blank_part, iso

KIND = "invoice"
# (unit as printed, kilograms per unit): liquids by the litre or pail, dry goods by weight, bag or case
_LIQUID = [("L", 0.92), ("kg", 1.0), ("pail", 20.0)]
_DRY = [("kg", 1.0), ("kg", 1.0), ("lb", 0.4536), ("bag", 25.0), ("case", 12.0)]
_ONE_UNIT = [("kg", 1.0), ("lb", 0.4536)]


def _units(name: str) -> list[tuple[str, float]]:
    return _LIQUID if any(w in name for w in ("Oil", "Syrup")) else _DRY


def _lines(rng: random.Random, lang: str, show: dict, p: Printer) -> list[dict]:
    one_unit = rng.choice(_ONE_UNIT) if show["unit"] == "header" else None
    out = []
    for ing in rng.sample(W.purchased_ingredients(), rng.randint(2, 9)):
        unit, kg = one_unit or rng.choice(_units(ing["en"]))
        qty = rng.choice([2, 4, 5, 10, 12, 20, 25, 40, 50, 80, 120, 200, 500, 1000, 1200, 2500]) if kg < 5 else \
            rng.randint(1, 48)
        if kg == 1.0 and rng.random() < 0.2:
            qty = round(qty + rng.choice([0.5, 0.25, 0.8]), 2)
        price = round(ing["price"] * kg * rng.uniform(0.85, 1.25), 2)
        name = W.local(ing, lang)
        marked = bool(ing["organic"]) and (not show["organic"] or rng.random() < 0.3)
        out.append({"description": p.organic_name(name) if marked else name, "quantity": qty, "unit": unit,
                    "unit_price": price, "amount": round(qty * price, 2), "organic": bool(ing["organic"]),
                    "marked": marked, "lot_number": W.lot_code(rng) if show["lot"] and rng.random() < 0.85 else None})
    return out


def document(rng: random.Random, style: Style, fmt: str) -> tuple[Doc, list[dict[str, Any]]]:
    p, lang = Printer(KIND, style, rng, fmt), style.lang
    supplier = W.pick(rng, "suppliers", lang, home=1.0)  # an invoice speaks its seller's language
    buyer = W.pick(rng, "handlers", lang, home=0.6)
    number = W.document_number(rng, lang)
    day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 360))
    po = f"{rng.choice(['PO', 'BC', 'OC', 'BE', 'PO-'])}{rng.randint(1000, 99999)}" if rng.random() < 0.6 else None
    show = {"lot": rng.random() < 0.65, "organic": rng.random() < 0.45, "unit": rng.choice(["column", "cell",
                                                                                           "header", "none"]),
            "price": rng.random() < 0.85}
    lines = _lines(rng, lang, show, p)
    total = round(sum(ln["amount"] for ln in lines), 2)

    truth = blank(KIND)
    truth.update(invoice_number=number, invoice_date=iso(day), total=total)
    doc = Doc(lang, p.title())
    letterhead = rng.random() < 0.6
    if letterhead:  # the seller's name on top, unlabelled, as on most invoices
        doc.add(Text([supplier["name"], supplier["address"]], align=rng.choice(["left", "right"])))
        truth["supplier_name"] = supplier["name"]
    doc.add(Title(doc.title))
    pairs = [(p.label("invoice_number"), number), (p.label("invoice_date"), p.date(day))]
    if not letterhead and rng.random() < 0.85:
        pairs.insert(0, (p.label("supplier_name"), supplier["name"]))
        truth["supplier_name"] = supplier["name"]
    if po:
        pairs.append((p.label("po_number"), po))
        truth["po_number"] = po
    rng.shuffle(pairs)
    doc.add(p.fields(pairs))
    if rng.random() < 0.8:
        truth["buyer_name"] = buyer["name"]
        doc.add(p.fields([(p.label("buyer_name"), buyer["name"])], arrangement=rng.choice(["colon", "above"])),
                Text([buyer["address"]]))

    columns = [(p.label("lines.description"), lambda ln: ln["description"])]
    qty_head = p.label("lines.quantity")
    if show["unit"] == "cell":
        columns.append((qty_head, lambda ln: p.quantity(ln["quantity"], ln["unit"])))
    elif show["unit"] == "header":
        columns.append((f"{qty_head} ({lines[0]['unit']})", lambda ln: p.number(ln["quantity"])))
    else:
        columns.append((qty_head, lambda ln: p.number(ln["quantity"])))
    if show["unit"] == "column":
        columns.append((p.label("lines.unit"), lambda ln: ln["unit"]))
    if show["lot"]:
        columns.append((p.label("lines.lot_number"), lambda ln: ln["lot_number"] or ""))
    if show["organic"]:
        columns.append((p.label("lines.organic"), lambda ln: p.yes_no(ln["organic"])))
    if show["price"]:
        symbol = rng.random() < 0.3
        columns.append((p.label("lines.unit_price"), lambda ln: p.money(ln["unit_price"], symbol=symbol)))
    columns.append((p.label("lines.amount"), lambda ln: p.money(ln["amount"], symbol=False)))
    table: Table = p.table(columns, lines)
    doc.add(table)

    totals = []
    if rng.random() < 0.4:
        totals.append((p.caption("goods_value"), p.money(total)))
    totals.append((p.label("total"), p.money(total)))
    doc.add(Fields(totals, rng.choice(["colon", "grid2"]), p.sep, ruled=False))
    doc.add(Text([W.pick(rng, "notes", lang, home=1.0)], small=True))

    for ln in lines:
        item = blank_part(KIND, "lines", description=ln["description"], quantity=float(ln["quantity"]),
                          amount=ln["amount"])
        if show["unit"] != "none":
            item["unit"] = ln["unit"]
        if show["lot"]:
            item["lot_number"] = ln["lot_number"]
        if show["price"]:
            item["unit_price"] = ln["unit_price"]
        # organic when the document says so: in its column, or by the organic word in the description
        item["organic"] = ln["organic"] if show["organic"] else ln["marked"]
        truth["lines"].append(item)
    return doc, [truth]
