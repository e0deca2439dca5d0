"""Supplier organic certificates: US (NOP id, anniversary) and EU (validity period) styles.

Why: certificates are checked field by field (status, dates, scope, products), and
certifiers lay them out every way: the certifier's name as letterhead or labelled,
scopes and status as check boxes or words, products as a list, a table or one line.
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Any

from bench.layout_variations import world as W
from bench.layout_variations.arrange import Printer
from bench.layout_variations.blocks import Doc, Table, Text, Title
from bench.layout_variations.formats import Style
from bench.layout_variations.records import blank, iso

KIND = "supplier_certificate"
SCOPES = ("crops", "livestock", "wild_crops", "handling")
STATUSES = ("certified", "suspended", "surrendered", "revoked")
_EU_CODE = {"de": "DE-ÖKO", "fr": "FR-BIO", "es": "ES-ECO", "it": "IT-BIO", "nl": "NL-BIO", "pt": "PT-BIO"}


def _facts(rng: random.Random, lang: str) -> dict[str, Any]:
    supplier = W.pick(rng, "suppliers", lang)
    effective = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 1200))
    eu = rng.random() < (0.3 if lang == "en" else 0.7)
    scopes = ["handling"] + rng.sample(["crops", "wild_crops", "livestock"], rng.choice([0, 0, 1, 1, 2]))
    return {
        "operation_name": supplier["name"], "address": supplier["address"],
        "certifier": W.certifier_of(supplier["name"]),
        "certificate_number": (f"{_EU_CODE.get(lang) or rng.choice(list(_EU_CODE.values()))}-"
                               f"{rng.randint(1, 99):03d}-{rng.randint(1000, 99999)}" if eu else
                               f"{rng.choice(['OC', 'CERT', 'HOA', 'NW'])}-{effective.year}-{rng.randint(100, 9999)}"),
        "oid_operation_id": str(rng.randint(1000000000, 9999999999)),
        "status": rng.choices(STATUSES, weights=[85, 6, 5, 4])[0],
        "effective_date": effective,
        "anniversary_date": effective + dt.timedelta(days=365 - rng.randint(0, 45)),
        "expiration_date": effective + dt.timedelta(days=365 + rng.choice([-1, 30, 90])),
        "scopes": [s for s in SCOPES if s in scopes],
        "products": [W.local(i, lang) for i in rng.sample(W.purchased_ingredients(), rng.randint(2, 6))],
        "eu": eu,
    }


def document(rng: random.Random, style: Style, fmt: str) -> tuple[Doc, list[dict[str, Any]]]:
    p, lang = Printer(KIND, style, rng, fmt), style.lang
    f = _facts(rng, lang)
    truth = blank(KIND)
    doc = Doc(lang, p.title())
    show = lambda field, chance: rng.random() < chance  # noqa: E731

    letterhead = show("certifier", 0.45)
    if letterhead:  # the certifier's name printed as letterhead, no label
        doc.add(Text([f["certifier"]], align=rng.choice(["left", "right"])))
        truth["certifier"] = f["certifier"]
    doc.add(Title(doc.title))
    pairs: list[tuple[str, Any]] = [(p.label("operation_name"), f["operation_name"])]
    truth["operation_name"] = f["operation_name"]
    if show("address", 0.7):
        pairs.append((p.label("address"), f["address"]))
        truth["address"] = f["address"]
    if not letterhead and show("certifier", 0.8):
        pairs.append((p.label("certifier"), f["certifier"]))
        truth["certifier"] = f["certifier"]
    if show("certificate_number", 0.9 if f["eu"] else 0.5):
        pairs.append((p.label("certificate_number"), f["certificate_number"]))
        truth["certificate_number"] = f["certificate_number"]
    if show("oid", 0.35 if f["eu"] else 0.9):
        pairs.append((p.label("oid_operation_id"), f["oid_operation_id"]))
        truth["oid_operation_id"] = f["oid_operation_id"]
    if show("status", 0.75):
        status = f["status"]
        value = p.options([(p.word("status", s), s == status) for s in STATUSES]) if show("boxes", 0.35) \
            else p.word("status", status)
        pairs.append((p.label("status"), value))
        truth["status"] = status
    pairs.append((p.label("effective_date"), p.date(f["effective_date"])))
    truth["effective_date"] = iso(f["effective_date"])
    for field, chance in (("anniversary_date", 0.2 if f["eu"] else 0.85), ("expiration_date", 0.85 if f["eu"] else 0.2)):
        if show(field, chance):
            pairs.append((p.label(field), p.date(f[field])))
            truth[field] = iso(f[field])
    doc.add(p.fields(pairs))

    if show("scopes", 0.8):
        if show("boxes", 0.5):
            value = p.options([(p.word("scope", s), s in f["scopes"]) for s in SCOPES])
        else:
            value = ", ".join(p.word("scope", s) for s in f["scopes"])
        doc.add(p.fields([(p.label("scopes"), value)], arrangement=rng.choice(["colon", "above", "grid2"])))
        truth["scopes"] = list(f["scopes"])
    if show("products", 0.85):
        how = rng.choice(["line", "bullets", "table"])
        label = p.label("products")
        if how == "line":
            doc.add(p.fields([(label, rng.choice(["; ", ", "]).join(f["products"]))], arrangement="colon"))
        elif how == "bullets":
            bullet = rng.choice(["- ", "• ", "* "])
            doc.add(Text([f"{label}:"] + [bullet + x for x in f["products"]]))
        else:
            doc.add(Table([label], [[x] for x in f["products"]], ruled=rng.random() < 0.7))
        truth["products"] = list(f["products"])
    if show("legal", 0.6):
        doc.add(Text([W.pick(rng, "certificate_notes", lang, home=1.0)], small=True))
    return doc, [truth]
