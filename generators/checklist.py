"""The records-completeness checklist printed on the cover.

Each item of the certifier's checklist (templates/base/checklist.yaml unless
the profile has its own) is present when records of its kind were ingested,
not applicable when its condition does not hold for this operation, and
missing otherwise; `where` names the section and file, and the evidence refs.
"""
from __future__ import annotations

from generators.dataset import Dataset
from generators.models import ChecklistItem, ChecklistSpec, SectionSpec
from generators.profiles import default_checklist


def _conditions(ds: Dataset) -> dict[str, bool]:
    ings = [i for p in ds.products for i in p.ingredients]
    return {
        "always": True,
        "uses_water": any(i.water_or_salt and "water" in i.name.lower() or i.name.strip().lower() == "water"
                          for i in ings),
        "uses_nonorganic_ingredients": any(not i.organic and not i.water_or_salt for i in ings),
        "uses_nonorganic_agricultural": any(not i.organic and i.agricultural and not i.water_or_salt for i in ings),
    }


def _refs(refs: list[str]) -> str:
    if not refs:
        return ""
    return f"; evidence {refs[0]}" if len(refs) == 1 else f"; evidence {refs[0]} to {refs[-1]}"


def build_checklist(ds: Dataset, sections: list[tuple[str, SectionSpec, str]]) -> list[ChecklistItem]:
    """`sections`: (number, spec, file name) in package order."""
    specs: list[ChecklistSpec] = list(ds.profile.checklist or default_checklist())
    cond = _conditions(ds)
    counts: dict[str, int] = {}
    for r in ds.records:
        counts[r.kind.value] = counts.get(r.kind.value, 0) + 1
    counts["decisions"] = sum(1 for f in ds.findings if f.status.value in ("accepted", "dismissed"))
    by_id = {spec.id: (num, spec, fname) for num, spec, fname in sections}
    items = []
    for spec in specs:
        if not cond.get(spec.applies_if, True):
            items.append(ChecklistItem(record_type=spec.record_type, status="not_applicable",
                                       where=f"not applicable: condition '{spec.applies_if}' does not hold"))
            continue
        n = counts.get(spec.kind, 0) if spec.kind else 0
        place = next((by_id[s] for s in spec.sections if s in by_id), None)
        if n and place:
            num, sec, fname = place
            refs = ds.evidence.refs_of_kind(spec.kind) if spec.kind != "decisions" else []
            items.append(ChecklistItem(record_type=spec.record_type, status="present", count=n,
                                       where=f"section {num} {sec.title} ({fname}){_refs(refs)}"))
        else:
            note = spec.note or ("no records of this kind were ingested" if spec.kind else "not ingested")
            if n and not place:
                note = f"{n} ingested, but this profile has no section for them"
            items.append(ChecklistItem(record_type=spec.record_type, status="missing", count=n,
                                       where=f"not in this package: {note}"))
    return items
