"""Cleaning and sanitation logs: one row per clean, many rows per sheet.

Why: the inspector samples these rows (was the line cleaned and rinsed before the
organic run?), and real logs differ in which columns they keep, whether date and time
share a cell, where the facility is written (title, header line, column) and how a
chemical and its strength share one cell.
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Any

from bench.layout_variations import world as W
from bench.layout_variations.arrange import Printer
from bench.layout_variations.blocks import Doc, Text, Title
from bench.layout_variations.formats import Style
from bench.layout_variations.records import blank, blank_part, iso

KIND = "cleaning_event"


def _agent(rng: random.Random, lang: str, a: dict[str, Any]) -> tuple[str, float | None, str | None]:
    if a["unit"] is None:
        return W.local(a, lang), None, None
    low, high = a["low"], a["high"]
    conc = float(rng.randrange(int(low), int(high) + 1, 10)) if a["unit"] == "ppm" else round(rng.uniform(low, high), 1)
    return W.local(a, lang), conc, a["unit"]


def _rows(rng: random.Random, lang: str, equipment: list[str]) -> list[dict[str, Any]]:
    people = W.world()["people"]
    operators = rng.sample(W.local(people, lang), 3)
    when = dt.datetime(2026, 1, 5, 6, 0) + dt.timedelta(days=rng.randint(0, 300))
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, dt.date]] = set()
    for _ in range(rng.randint(8, 30)):
        when += dt.timedelta(hours=rng.choice([2, 3, 5, 8, 24, 26]), minutes=5 * rng.randint(0, 11))
        runs = rng.choice([("conventional", "organic"), ("organic", "organic"), ("organic", "conventional")])
        agents = [_agent(rng, lang, a) for a in rng.sample(W.world()["cleaning_agents"], rng.choice([1, 1, 2]))]
        item = rng.choice(equipment)
        if (item, when.date()) in seen:
            continue  # one clean per item and day: the row stays identifiable by its item and date
        seen.add((item, when.date()))
        rows.append({
            "equipment": item, "performed_at": when, "operator": rng.choice(operators[:2]),
            "verified_by": operators[2] if rng.random() < 0.85 else None, "agents": agents,
            "rinse": rng.choice([0.0, 0.1, 0.2, 0.3, 0.5]), "rinse_ok": rng.random() < 0.93,
            "preceding_run": runs[0], "next_run": runs[1],
            "logged_at": when + dt.timedelta(minutes=rng.choice([10, 25, 45, 90, 600])),
            "notes": rng.choice(W.local(W.world()["cleaning_notes"], lang)) if rng.random() < 0.2 else None,
        })
    return rows


def _agents_text(p: Printer, agents: list) -> str:
    return "; ".join(name if conc is None else f"{name} {p.number(conc).text} {unit}" for name, conc, unit in agents)


def document(rng: random.Random, style: Style, fmt: str) -> tuple[Doc, list[dict[str, Any]]]:
    p, lang = Printer(KIND, style, rng, fmt), style.lang
    facility = W.pick(rng, "facilities", lang, home=0.9)
    rows = _rows(rng, lang, facility["equipment"])
    where = rng.choice(["title", "field", "field", "column", "none"])
    time_cells = rng.choice(["split", "together", "date_only"])
    keep = {c: rng.random() < chance for c, chance in (
        ("verified_by", 0.7), ("agents", 0.75), ("rinse", 0.5), ("rinse_ok", 0.5), ("preceding_run", 0.4),
        ("next_run", 0.4), ("logged_at", 0.25), ("notes", 0.4))}

    title = p.title()
    doc = Doc(lang, title, landscape=sum(keep.values()) >= 5)
    doc.add(Title(f"{title} - {facility['name']}" if where == "title" else title))
    if where == "field":
        doc.add(p.fields([(p.label("facility"), facility["name"])], arrangement=rng.choice(["colon", "grid2"])))
    if rng.random() < 0.4:
        doc.add(Text([W.pick(rng, "notes", lang, home=1.0)], small=True))

    cols: list[tuple[str, Any]] = []
    if time_cells == "split":
        cols += [(p.label("performed_at.date"), lambda r: p.date(r["performed_at"].date())),
                 (p.label("performed_at.time"), lambda r: p.time(r["performed_at"].time()))]
    elif time_cells == "together":
        cols.append((p.label("performed_at"), lambda r: p.datetime(r["performed_at"])))
    else:
        cols.append((p.label("performed_at.date"), lambda r: p.date(r["performed_at"].date())))
    if where == "column":
        cols.append((p.label("facility"), lambda r: facility["name"]))
    cols += [(p.label("equipment"), lambda r: r["equipment"]), (p.label("operator"), lambda r: r["operator"])]
    optional = {
        "verified_by": lambda r: r["verified_by"] or "",
        "agents": lambda r: _agents_text(p, r["agents"]),
        "rinse": lambda r: p.number(r["rinse"], 1),
        "rinse_ok": lambda r: p.yes_no(r["rinse_ok"]),
        "preceding_run": lambda r: p.word("run", r["preceding_run"]),
        "next_run": lambda r: p.word("run", r["next_run"]),
        "logged_at": lambda r: p.datetime(r["logged_at"]),
        "notes": lambda r: r["notes"] or "",
    }
    label_of = {"rinse": "final_rinse_chlorine_ppm", "rinse_ok": "rinse_verified"}
    cols += [(p.label(label_of.get(c, c)), get) for c, get in optional.items() if keep[c]]
    doc.add(p.table(cols, rows, first=0, transpose=p.sheet and rng.random() < 0.15))

    truths = []
    for r in rows:
        t = blank(KIND)
        performed = r["performed_at"] if time_cells != "date_only" else dt.datetime.combine(r["performed_at"].date(),
                                                                                              dt.time())
        t.update(equipment=r["equipment"], performed_at=iso(performed), operator=r["operator"],
                 facility=facility["name"] if where != "none" else None)
        if keep["verified_by"]:
            t["verified_by"] = r["verified_by"]
        if keep["agents"]:
            t["agents"] = [blank_part(KIND, "agents", name=n, concentration=c, concentration_unit=u)
                           for n, c, u in r["agents"]]
        if keep["rinse"]:
            t["final_rinse_chlorine_ppm"] = r["rinse"]
        if keep["rinse_ok"]:
            t["rinse_verified"] = r["rinse_ok"]
        for c in ("preceding_run", "next_run", "notes"):
            if keep[c]:
                t[c] = r[c]
        if keep["logged_at"]:
            t["logged_at"] = iso(r["logged_at"])
        truths.append(t)
    return doc, truths
