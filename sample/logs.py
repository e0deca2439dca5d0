"""Cleaning and pest control logs, and the Organic System Plan, derived from production.

A cleaning precedes every batch (pre-op at the start of the day, changeover when
an organic run follows a conventional one, a sanitize between runs) and a
wash-down closes each line's day. Every entry is signed, logged within the
hour, and chlorine rinses test at or below 4 ppm, unless gaps.py says otherwise.
"""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from auditpack.records.kinds import OSP_SECTIONS
from sample.model import AgentUse, Batch, Cleaning, Operation, OspModel, PestEntry
from sample.operation import load_catalog
from sample.presets import AUDIT_YEAR, Preset

# Which sanitizers each facility uses (weights follow the agent order in the catalog).
SANITIZER_WEIGHTS = {0: (6, 3, 1), 1: (2, 5, 3), 2: (7, 2, 1)}


def _agent(rng: random.Random, spec: dict) -> AgentUse:
    lo, hi = spec["conc"]
    value = round(rng.uniform(lo, hi), 1) if spec["unit"] == "%" else float(int(rng.uniform(lo, hi) / 5) * 5)
    return AgentUse(spec["name"], value, spec["unit"])


def _event(rng: random.Random, op: Operation, fi: int, b: Batch, when: datetime, activity: str,
           prev: str | None, nxt: str | None, full: bool) -> Cleaning:
    cat = load_catalog()["agents"]
    people = load_catalog()["people"]
    sanitizer = rng.choices(cat["sanitizers"], weights=SANITIZER_WEIGHTS[fi % 3])[0]
    agents = ([_agent(rng, rng.choice(cat["cleaners"]))] if full else []) + [_agent(rng, sanitizer)]
    chlorine = bool(sanitizer.get("chlorine"))
    notes = {"Changeover": "Changeover from conventional to organic: full clean-out, line inspected",
             "Pre-op": None, "Between runs": None, "Wash-down": "End of shift"}[activity]
    return Cleaning(
        facility=b.facility, equipment=b.equipment, performed=when,
        logged=when + timedelta(minutes=rng.randint(3, 50)), activity=activity,
        operator=rng.choice(people["operators"]), verified_by=rng.choice(people["supervisors"]), agents=agents,
        rinse_ppm=round(rng.uniform(0.2, 2.6), 1) if chlorine else None, rinse_verified=True if chlorine else None,
        preceding_run=prev, next_run=nxt, notes=notes,
    )


def build_cleanings(rng: random.Random, op: Operation) -> None:
    fac_index = {f.name: i for i, f in enumerate(op.facilities)}
    by_line: dict[tuple[str, str], list[Batch]] = {}
    for b in op.batches:
        by_line.setdefault((b.facility, b.equipment), []).append(b)
    events: list[Cleaning] = []
    for (facility, _equipment), runs in sorted(by_line.items()):
        fi = fac_index[facility]
        for i, b in enumerate(runs):
            prev = runs[i - 1] if i else None
            nxt = runs[i + 1] if i + 1 < len(runs) else None
            first_of_day = prev is None or prev.start.date() != b.start.date()
            changeover = prev is not None and prev.run_type == "conventional" and b.run_type == "organic"
            activity = "Changeover" if changeover else "Pre-op" if first_of_day else "Between runs"
            when = b.start - timedelta(minutes=rng.choice([25, 30, 35, 40, 45]))
            ev = _event(rng, op, fi, b, when, activity, prev.run_type if prev else None, b.run_type,
                        full=changeover or first_of_day)
            ev.before_lot = b.lot
            events.append(ev)
            if nxt is None or nxt.start.date() != b.start.date():
                end = b.start + timedelta(hours=2, minutes=30 + rng.choice([10, 15, 20, 30]))
                wash = _event(rng, op, fi, b, end, "Wash-down", b.run_type, nxt.run_type if nxt else None, True)
                events.append(wash)
    op.cleanings = sorted(events, key=lambda e: (e.facility, e.performed, e.equipment))


def build_pests(rng: random.Random, op: Operation, preset: Preset) -> None:
    cat = load_catalog()["pest"]
    entries: list[PestEntry] = []
    for f in op.facilities:
        for month in range(1, 13):
            for v in range(preset.pest_visits_per_month):
                day = date(AUDIT_YEAR, month, min(28, 3 + v * 7 + rng.randint(0, 3)))
                applicator = rng.choice(cat["applicators"])
                for loc in rng.sample(cat["locations"], rng.randint(2, 3)):
                    level = rng.choices("ABC", weights=(4, 4, 1))[0]
                    entries.append(PestEntry(day, f.name, loc, level, rng.choice(cat[level]), applicator, None))
            if month in (4, 8) and (preset.name == "year" or f is op.facilities[0]):
                day = date(AUDIT_YEAR, month, 20)
                entries.append(PestEntry(day, f.name, "Dry storage", "D", rng.choice(cat["D"]),
                                         cat["applicators"][0], True))
    op.pests = sorted(entries, key=lambda e: (e.facility, e.day, e.location))


SECTION_TEXT = {
    "practices": "Ingredients are received, inspected and stored in designated organic areas; organic runs are "
                 "scheduled first after sanitation; finished goods are labeled by lot and category.",
    "substances": "All cleaners, sanitizers, processing aids and pest control materials are listed in table 4 "
                  "with their use; labels and SDS are on file and submitted to the certifier before first use.",
    "monitoring": "The quality manager reviews cleaning logs weekly, verifies final-rinse chlorine readings and "
                  "reconciles organic purchases with production monthly (in/out balance).",
    "recordkeeping": "Records (invoices, certificates, batch, cleaning and pest logs) are kept five years in the "
                     "document system and on paper in the QA office.",
    "commingling_prevention": "Shared lines are cleaned and inspected at each changeover from conventional to "
                              "organic; organic ingredients are stored on marked racks above conventional stock.",
    "pest_management": "Prevention and exclusion first, then traps and lures; any synthetic material (level D) "
                       "only after the certifier approves it and never in contact with organic product.",
    "supplier_verification": "Each organic supplier's certificate is checked in the Organic Integrity Database "
                             "at approval and at each anniversary date; products received are compared with "
                             "the certified products list.",
    "fraud_prevention": "Vulnerability assessment of each ingredient; import certificates are required for "
                        "imported lots; unusual prices or documents are reported to the certifier.",
}


def build_osp(op: Operation) -> None:
    """The plan as last submitted: tables of products, suppliers and substances, and the narrative."""
    cat = load_catalog()
    substances = [(a["name"], a["use"]) for a in cat["agents"]["cleaners"] + cat["agents"]["sanitizers"]]
    substances += [(n, "processing_aid") for p in op.products for n, _ in p.aids]
    substances += [(n, "other") for n, s in op.ingredients.items() if s.nl and not s.organic
                   and any(n in dict(p.formula) for p in op.products)]
    substances += [(m, "pest_control") for m in cat["pest"]["C"] + cat["pest"]["D"]]
    seen: dict[str, str] = {}
    for name, use in substances:
        seen.setdefault(name, use)
    op.osp = OspModel(
        operation_name=op.name, certifier=op.certifier.name, updated_on=date(AUDIT_YEAR, 1, 14),
        products=[p.name for p in op.products if p.organic_run and p.in_osp],
        suppliers=[(s.name, ", ".join(s.ingredients)) for s in op.suppliers if s.organic and s.in_osp],
        substances=list(seen.items()), sections={k: SECTION_TEXT[k] for k in OSP_SECTIONS},
    )
