"""Batch / production records: header fields and the ingredients weighed into the batch.

Why: trace-back runs through these sheets (which supplier lots went into which finished
lot). Real sheets write one row per lot or put several lots with their quantities in
one cell ("L24117 (120 kg); L24131 (80 kg)"), and keep the run type as a word or a box.
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Any

from bench.layout_variations import world as W
from bench.layout_variations.arrange import Printer
from bench.layout_variations.blocks import Doc, Title
from bench.layout_variations.formats import Style
from bench.layout_variations.records import blank, blank_part, iso

KIND = "batch_record"


def _inputs(rng: random.Random, lang: str, formula: dict[str, float], unit: str) -> list[dict[str, Any]]:
    scale = rng.choice([0.5, 1, 1, 1.5, 2, 3])
    factor = scale * (2.2046 if unit == "lb" else 1)
    out = []
    for name, kg in formula.items():
        qty = round(kg * factor, 1 if kg * factor < 100 else 0)
        lots = [W.lot_code(rng)] if name == "Water" else [W.lot_code(rng) for _ in range(rng.choice([1, 1, 1, 2]))]
        if len(lots) == 2 and qty >= 2:
            first = round(qty * rng.uniform(0.3, 0.7), 0 if qty >= 100 else 1)
            parts = [first, round(qty - first, 1)]
        else:
            lots, parts = lots[:1], [qty]
        out.append({"name": W.local(W.ingredient(name), lang), "lots": list(zip(lots, parts)),
                    "water": name == "Water"})
    return out


def document(rng: random.Random, style: Style, fmt: str) -> tuple[Doc, list[dict[str, Any]]]:
    p, lang = Printer(KIND, style, rng, fmt), style.lang
    product = rng.choice(W.world()["products"])
    facility = W.pick(rng, "facilities", lang, home=0.9)
    unit = "lb" if lang == "en" and rng.random() < 0.4 else "kg"
    inputs = _inputs(rng, lang, product["formula"], unit)
    for i in inputs:
        if i["water"]:
            i["lots"] = [(None if rng.random() < 0.7 else "mains", q) for _, q in i["lots"]]  # tap water: no lot
    lot = f"{rng.choice(['FG', 'P', 'B', ''])}{rng.randint(24, 26)}{rng.randint(1, 365):03d}-{rng.randint(1, 9)}"
    started = dt.datetime(2026, 1, 1, 5) + dt.timedelta(days=rng.randint(0, 330), minutes=15 * rng.randint(0, 48))
    run = "organic" if rng.random() < 0.85 else "conventional"
    total_in = sum(q for i in inputs for _, q in i["lots"])
    out_qty = float(round(total_in * rng.uniform(0.9, 0.98)))
    truth = blank(KIND)
    truth["batch_lot"] = lot
    doc = Doc(lang, p.title())
    doc.add(Title(doc.title))

    pairs: list[tuple[str, Any]] = [(p.label("batch_lot"), lot)]
    if rng.random() < 0.9:
        pairs.append((p.label("product_name"), W.local(product["name"], lang)))
        truth["product_name"] = W.local(product["name"], lang)
    for field, value in (("facility", facility["name"]), ("equipment", rng.choice(facility["equipment"]))):
        if rng.random() < 0.6:
            pairs.append((p.label(field), value))
            truth[field] = value
    if rng.random() < 0.9:
        how = rng.choice(["together", "split", "date_only"])
        if how == "together":
            pairs.append((p.label("produced_at"), p.datetime(started)))
        else:
            pairs.append((p.label("produced_at"), p.date(started.date())))
        if how == "split":
            pairs.append((p.label("produced_at.time"), p.time(started.time())))
        truth["produced_at"] = iso(started if how != "date_only" else dt.datetime.combine(started.date(), dt.time()))
    if rng.random() < 0.7:
        if rng.random() < 0.4:
            value = p.options([(p.word("run", r), r == run) for r in ("organic", "conventional")])
        else:
            value = p.word("run", run)
        pairs.append((p.label("run_type"), value))
        truth["run_type"] = run
    if rng.random() < 0.75:
        pairs.append((p.label("output_quantity"), p.quantity(out_qty, unit)))
        truth.update(output_quantity=out_qty, output_unit=unit)
    lead = pairs.pop(0)
    rng.shuffle(pairs)
    doc.add(p.fields([lead] + pairs))

    composite = rng.random() < 0.4
    ing_col = (p.label("inputs.ingredient"), lambda r: r["name"])
    if composite:  # one row per ingredient, every lot with its quantity in one cell
        sep = rng.choice(["; ", " / ", ", "])
        cols = [ing_col, (p.label("inputs.lots_and_quantities"), lambda r: sep.join(
            f"{lot} ({p.quantity(q, unit)})" if lot else p.quantity(q, unit) for lot, q in r["lots"]))]
        rows = inputs
    else:
        rows = [{"name": i["name"], "lot": lot, "qty": q} for i in inputs for lot, q in i["lots"]]
        unit_in = rng.choice(["column", "cell", "header"])
        qty_head = p.label("inputs.quantity")
        cols = [ing_col, (p.label("inputs.lot_number"), lambda r: r["lot"] or "")]
        if unit_in == "column":
            cols += [(qty_head, lambda r: p.number(r["qty"])), (p.label("inputs.unit"), lambda r: unit)]
        elif unit_in == "cell":
            cols.append((qty_head, lambda r: p.quantity(r["qty"], unit)))
        else:
            cols.append((f"{qty_head} ({unit})", lambda r: p.number(r["qty"])))
    doc.add(p.table(cols, rows, first=0, caption=p.caption("inputs") if rng.random() < 0.5 else None,
                    transpose=p.sheet and rng.random() < 0.1))

    for i in inputs:
        for lot_, q in i["lots"]:
            truth["inputs"].append(blank_part(KIND, "inputs", ingredient=i["name"], lot_number=lot_, quantity=q,
                                              unit=unit))
    return doc, [truth]
