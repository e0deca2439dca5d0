"""Pest-control service reports and logs: one entry per device or treatment.

Why: 7 CFR 205.271 asks which level (A-D) of control was used and whether a synthetic
substance was approved; service companies print a visit report (one date in the header,
one row per station) or keep a running log (a date on every row).
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Any

from bench.layout_variations import world as W
from bench.layout_variations.arrange import Printer
from bench.layout_variations.blocks import Doc, Text, Title
from bench.layout_variations.formats import Style
from bench.layout_variations.records import blank, iso

KIND = "pest_control_entry"
_COMPANIES = ["Green Shield Pest Solutions - Lic. PC-44817", "Shieldline Pest Services, route 12",
              "NaturGuard Schädlingsbekämpfung GmbH", "Dératisation Loire Services", "Controle Verde Dedetizadora Ltda.",
              "Plagas Cero S.L.", "Disinfestazioni Toscane S.n.c.", "Ongediertebeheer Oost B.V."]  # fictional


def _entries(rng: random.Random, lang: str, one_visit: bool) -> list[dict[str, Any]]:
    locations = W.local(W.world()["pest_locations"], lang)
    tech = W.pick(rng, "people", lang, home=1.0)
    day = dt.date(2026, 1, 2) + dt.timedelta(days=rng.randint(0, 300))
    out, seen = [], set()
    for _ in range(rng.randint(4, 14)):
        if not one_visit and rng.random() < 0.5:
            day += dt.timedelta(days=rng.choice([7, 14, 28, 30]))
        where = rng.choice(locations)
        if (day, where) in seen:
            continue  # an entry is identified by its date and place
        seen.add((day, where))
        level = rng.choices("ABCD", weights=[25, 45, 20, 10])[0]
        material = None if level == "A" and rng.random() < 0.5 else \
            rng.choice(W.local(W.world()["pest_materials"][level], lang))
        approved = (rng.random() < 0.85) if level == "D" else (True if level == "C" and rng.random() < 0.3 else None)
        out.append({"date": day, "location": where, "level": level, "material": material, "applicator": tech,
                    "approved": approved})
    return out


def document(rng: random.Random, style: Style, fmt: str) -> tuple[Doc, list[dict[str, Any]]]:
    p, lang = Printer(KIND, style, rng, fmt), style.lang
    one_visit = rng.random() < 0.4
    entries = _entries(rng, lang, one_visit)
    facility = W.pick(rng, "facilities", lang, home=0.9)["name"]
    where = rng.choice(["title", "field", "field", "column", "none"])
    keep = {"material": rng.random() < 0.85, "applicator": rng.random() < 0.8, "approved": rng.random() < 0.6,
            "level": rng.random() < 0.9}

    title = p.title()
    doc = Doc(lang, title)
    if rng.random() < 0.6:
        doc.add(Text([rng.choice(_COMPANIES)], align=rng.choice(["left", "right"])))
    doc.add(Title(f"{title} - {facility}" if where == "title" else title))
    header = []
    if where == "field":
        header.append((p.label("facility"), facility))
    if one_visit:
        header.append((p.label("date"), p.date(entries[0]["date"])))
    if keep["applicator"] and one_visit and rng.random() < 0.5:
        header.append((p.label("applicator"), entries[0]["applicator"]))
        keep["applicator_in_header"] = True
    if header:
        doc.add(p.fields(header))

    cols: list[tuple[str, Any]] = []
    if not one_visit:
        cols.append((p.label("date"), lambda e: p.date(e["date"])))
    if where == "column":
        cols.append((p.label("facility"), lambda e: facility))
    cols.append((p.label("location"), lambda e: e["location"]))
    if keep["level"]:
        cols.append((p.label("level"), lambda e: e["level"]))
    if keep["material"]:
        cols.append((p.label("material"), lambda e: e["material"] or "-"))
    if keep["applicator"] and not keep.get("applicator_in_header"):
        cols.append((p.label("applicator"), lambda e: e["applicator"]))
    if keep["approved"]:
        cols.append((p.label("certifier_approved"), lambda e: "" if e["approved"] is None else p.yes_no(e["approved"])))
    doc.add(p.table(cols, entries, first=0, transpose=p.sheet and rng.random() < 0.15))
    if rng.random() < 0.5:
        doc.add(Text([W.pick(rng, "notes", lang, home=1.0)], small=True))

    truths = []
    for e in entries:
        t = blank(KIND)
        t.update(date=iso(e["date"]), location=e["location"], facility=facility if where != "none" else None)
        if keep["level"]:
            t["level"] = e["level"]
        if keep["material"]:
            t["material"] = e["material"]
        if keep["applicator"]:
            t["applicator"] = e["applicator"]
        if keep["approved"]:
            t["certifier_approved"] = e["approved"]
        truths.append(t)
    return doc, truths
