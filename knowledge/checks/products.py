"""PROD-PCT-BELOW-CATEGORY and PROD-NONORGANIC-NOT-ALLOWED: do formulas support their labels?"""
from __future__ import annotations

from collections.abc import Sequence

from auditpack.records import Finding, ProductProfile, RecordBase
from knowledge.checks.registry import CheckContext, of_kind, rule
from knowledge.composition import is_water_or_salt, percent_organic
from knowledge.evidence import evidence_for

_LABEL = {"100_percent_organic": "100 percent organic", "organic": "organic",
          "made_with_organic": "made with organic (...)", "ingredient_panel_only": "ingredient panel only"}


@rule("PROD-PCT-BELOW-CATEGORY")
def prod_pct_below_category(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    out = []
    for p in of_kind(records, ProductProfile):
        if p.label_category in (None, "ingredient_panel_only") or not p.ingredients:
            continue
        r = percent_organic(p)
        if r.category_met or r.total_excluding_water_salt <= 0:
            continue
        out.append(ctx.finding(
            "PROD-PCT-BELOW-CATEGORY", "product_profile", r.product_name,
            f"{r.product_name} is labeled {_LABEL[p.label_category]!r}, which needs at least "
            f"{r.minimum_required}% organic, but its formula is {r.percent_exact:.2f}% organic by {r.basis} "
            f"(water and salt excluded), i.e. {r.percent_rounded_down}% rounded down.",
            subject_id=p.id, evidence=evidence_for(p, "label_category", "product_name"),
            confidence=0.8 if r.problems else 1.0,
        ))
    return out


def _problem(p: ProductProfile, name: str, agricultural: bool, ctx: CheckContext) -> tuple[str, list[str]] | None:
    """Why a nonorganic component is not allowed in the product's category (None when it is)."""
    cat = p.label_category
    if cat == "100_percent_organic":
        return ("every ingredient and processing aid of a '100 percent organic' product must be organic",
                ["7 CFR 205.301(a)"])
    entry = ctx.national_list.find(name)
    if cat == "made_with_organic":
        if agricultural:
            return None  # nonorganic agricultural ingredients are allowed up to 30 %
        if entry is not None and "made_with_organic" in (entry.categories or []):
            return None
        return ("a nonagricultural ingredient of a 'made with organic' product must be on the National List "
                "(205.605)", ["7 CFR 205.301(c)", "7 CFR 205.605"])
    if entry is not None and "organic" in (entry.categories or []):
        return None  # on 205.605 or 205.606 for this category (commercial availability is the reviewer's call)
    where = "205.606" if agricultural else "205.605"
    return (f"a nonorganic {'agricultural' if agricultural else 'nonagricultural'} ingredient of an 'organic' "
            f"product must be on the National List ({where})", ["7 CFR 205.301(b)", f"7 CFR {where}"])


@rule("PROD-NONORGANIC-NOT-ALLOWED")
def prod_nonorganic_not_allowed(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    out = []
    for p in of_kind(records, ProductProfile):
        if p.label_category in (None, "ingredient_panel_only"):
            continue
        parts = [(f"ingredients[{i}]", ing.name, ing.agricultural)
                 for i, ing in enumerate(p.ingredients) if not ing.organic
                 and not is_water_or_salt(ing.name, ing.water_or_salt)]
        parts += [(f"processing_aids[{i}]", aid.name, False) for i, aid in enumerate(p.processing_aids)
                  if not aid.organic]
        for path, name, agricultural in parts:
            problem = _problem(p, name, agricultural, ctx)
            if problem is None:
                continue
            why, citations = problem
            product = p.product_name or p.id
            out.append(ctx.finding(
                "PROD-NONORGANIC-NOT-ALLOWED", "product_profile", f"{product}|{name.strip()}",
                f"{product}: nonorganic {name!r} is not allowed: {why}.",
                subject_id=p.id, citations=citations,
                evidence=evidence_for(p, f"{path}.name", f"{path}.organic", snippet=name),
            ))
    return out
