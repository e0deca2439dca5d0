"""Product profiles / recipes: the formulation with its ingredients and processing aids.

Why: the label category (100% organic, organic, made with...) is checked against the
formula, so every ingredient's amount and organic status matters. Recipes write
amounts per batch or as percentages, with the unit in the cell, a column or the header.
The printed category follows the formula's organic share, as a real one would.
"""
from __future__ import annotations

import random
from typing import Any

from bench.layout_variations import world as W
from bench.layout_variations.arrange import Printer
from bench.layout_variations.blocks import Doc, Title
from bench.layout_variations.formats import Style
from bench.layout_variations.records import blank, blank_part

KIND = "product_profile"


def category(formula: dict[str, float]) -> str:
    """7 CFR 205.301-302: organic share of the product without water and salt."""
    counted = {n: kg for n, kg in formula.items() if not W.ingredient(n).get("water_or_salt")}
    organic = sum(kg for n, kg in counted.items() if W.ingredient(n)["organic"])
    share = organic / sum(counted.values())
    if share == 1:
        return "100_percent_organic"
    return "organic" if share >= 0.95 else "made_with_organic" if share >= 0.70 else "ingredient_panel_only"


def _ingredients(rng: random.Random, lang: str, formula: dict[str, float], unit: str) -> list[dict[str, Any]]:
    total = sum(formula.values())
    out = []
    for name, kg in formula.items():
        spec = W.ingredient(name)
        supplier = W.pick(rng, "suppliers", lang, home=0.5)["name"] if spec.get("purchased", True) else None
        # "%" of the batch, grams per kilogram of product, or the batch in pounds / kilograms
        amount = {"%": round(kg / total * 100, 2), "g": round(kg / total * 1000, 1), "lb": round(kg * 2.2046, 1)
                  }.get(unit, kg)
        out.append({"name": W.local(spec, lang), "amount": float(amount), "organic": bool(spec["organic"]),
                    "supplier": supplier, "certifier": W.certifier_of(supplier) if supplier and spec["organic"]
                    else None, "agricultural": spec.get("agricultural", True),
                    "water_or_salt": bool(spec.get("water_or_salt", False))})
    return out


def document(rng: random.Random, style: Style, fmt: str) -> tuple[Doc, list[dict[str, Any]]]:
    p, lang = Printer(KIND, style, rng, fmt), style.lang
    product = rng.choice(W.world()["products"])
    unit = rng.choice(["kg", "kg", "%", "g"] + (["lb"] if lang == "en" else []))
    items = _ingredients(rng, lang, product["formula"], unit)
    keep = {c: rng.random() < chance for c, chance in (("organic", 0.65), ("supplier", 0.5), ("certifier", 0.35),
                                                        ("agricultural", 0.3), ("water_or_salt", 0.25))}
    unit_in = rng.choice(["column", "cell", "header"])
    name = W.local(product["name"], lang)
    truth = blank(KIND)
    truth["product_name"] = name
    doc = Doc(lang, p.title())
    doc.add(Title(doc.title))
    pairs: list[tuple[str, Any]] = [(p.label("product_name"), name)]
    if rng.random() < 0.75:
        cat = category(product["formula"])
        pairs.append((p.label("label_category"), p.word("label_category", cat)))
        truth["label_category"] = cat
    doc.add(p.fields(pairs))

    for it in items:  # without an organic column the name carries the word
        it["shown"] = p.organic_name(it["name"]) if it["organic"] and not keep["organic"] else it["name"]
    amount_head = p.label("ingredients.amount")
    cols: list[tuple[str, Any]] = [(p.label("ingredients.name"), lambda i: i["shown"])]
    if unit_in == "cell":
        cols.append((amount_head, lambda i: p.quantity(i["amount"], unit)))
    elif unit_in == "header":
        cols.append((f"{amount_head} ({unit})", lambda i: p.number(i["amount"])))
    else:
        cols += [(amount_head, lambda i: p.number(i["amount"])), (p.label("ingredients.unit"), lambda i: unit)]
    if keep["organic"]:
        cols.append((p.label("ingredients.organic"), lambda i: p.yes_no(i["organic"])))
    for c in ("supplier", "certifier"):
        if keep[c]:
            cols.append((p.label(f"ingredients.{c}"), lambda i, c=c: i[c] or "-"))
    for c in ("agricultural", "water_or_salt"):
        if keep[c]:
            cols.append((p.label(f"ingredients.{c}"), lambda i, c=c: p.yes_no(i[c])))
    doc.add(p.table(cols, items, first=0, caption=p.caption("ingredients") if rng.random() < 0.4 else None))
    for it in items:
        part = blank_part(KIND, "ingredients", name=it["shown"], amount=it["amount"], unit=unit,
                          organic=it["organic"] if keep["organic"] else it["shown"] != it["name"])
        part.update({c: it[c] for c in ("supplier", "certifier", "agricultural", "water_or_salt") if keep[c]})
        truth["ingredients"].append(part)

    aids = rng.sample(W.world()["processing_aids"], rng.choice([0, 0, 1, 2]))
    if aids:
        supplier = rng.choice(W.world()["processing_aid_suppliers"])
        aid_cols = [(p.label("processing_aids.name"), lambda a: W.local(a, lang)),
                    (p.label("processing_aids.supplier"), lambda a: supplier),
                    (p.label("processing_aids.organic"), lambda a: p.yes_no(bool(a["organic"])))]
        doc.add(p.table(aid_cols, aids, first=0, caption=p.caption("processing_aids")))
        truth["processing_aids"] = [blank_part(KIND, "processing_aids", name=W.local(a, lang), supplier=supplier,
                                               organic=bool(a["organic"])) for a in aids]
    return doc, [truth]
