"""OSP rules: required elements, age, suppliers and products listed, coverage of the regulation."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from auditpack.records import OSP_SECTIONS, BatchRecord, Finding, OrganicSystemPlan, ProductProfile, RecordBase
from knowledge.checks.certificates import organic_receipts
from knowledge.checks.registry import CheckContext, of_kind, rule
from knowledge.evidence import evidence_for
from knowledge.names import NameIndex, normalize_product

# Which paragraph of the regulation each OSP section answers (also used by OSP-COVERAGE).
SECTION_CITATIONS: dict[str, list[str]] = {
    "practices": ["7 CFR 205.201(a)(1)"],
    "substances": ["7 CFR 205.201(a)(2)"],
    "monitoring": ["7 CFR 205.201(a)(3)"],
    "supplier_verification": ["7 CFR 205.201(a)(3)"],
    "fraud_prevention": ["7 CFR 205.201(a)(3)"],
    "recordkeeping": ["7 CFR 205.201(a)(4)", "7 CFR 205.103"],
    "commingling_prevention": ["7 CFR 205.201(a)(5)", "7 CFR 205.272"],
    "pest_management": ["7 CFR 205.271"],
}
_SECTION_LABEL = {s: s.replace("_", " ") for s in OSP_SECTIONS}


def current_plan(records: Sequence[RecordBase]) -> OrganicSystemPlan | None:
    """The newest plan on file (by update date); older versions are history."""
    plans = of_kind(records, OrganicSystemPlan)
    return max(plans, key=lambda p: p.updated_on or date.min) if plans else None


@rule("OSP-ELEMENT-MISSING")
def osp_element_missing(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    plan = current_plan(records)
    if plan is None:
        return [ctx.finding("OSP-ELEMENT-MISSING", "organic_system_plan", "organic_system_plan",
                            "No Organic System Plan is on file; every element of 205.201(a) is undocumented.")]
    out = []
    for section in OSP_SECTIONS:
        text = getattr(plan.sections, section)
        if text and text.strip():
            continue
        out.append(ctx.finding(
            "OSP-ELEMENT-MISSING", "organic_system_plan", section,
            f"The OSP of {plan.operation_name or 'the operation'} (updated {plan.updated_on or 'date unknown'}) "
            f"does not describe its {_SECTION_LABEL[section]}.",
            subject_id=plan.id, citations=SECTION_CITATIONS[section],
            evidence=evidence_for(plan, f"sections.{section}"),
        ))
    return out


@rule("OSP-OUTDATED")
def osp_outdated(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    plan = current_plan(records)
    if plan is None:
        return []
    limit = timedelta(days=ctx.settings.osp_max_age_days)
    name = plan.operation_name or "organic system plan"
    if plan.updated_on is None:
        return [ctx.finding("OSP-OUTDATED", "organic_system_plan", name,
                            f"The OSP of {name} shows no update date; its currency cannot be shown.",
                            subject_id=plan.id, confidence=0.6, evidence=evidence_for(plan, "updated_on"))]
    age = (ctx.as_of - plan.updated_on).days
    if age <= limit.days:
        return []
    return [ctx.finding(
        "OSP-OUTDATED", "organic_system_plan", name,
        f"The OSP of {name} was last updated {plan.updated_on}, {age} days before {ctx.as_of} "
        f"(expected at least every {limit.days} days).",
        subject_id=plan.id, evidence=evidence_for(plan, "updated_on"),
    )]


@rule("OSP-SUPPLIER-UNLISTED")
def osp_supplier_unlisted(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    plan = current_plan(records)
    if plan is None:
        return []
    listed: NameIndex[str] = NameIndex()
    for s in plan.suppliers:
        listed.add(s.name, s.name)
    out = []
    for receipts in organic_receipts(records).values():
        inv, i, line = receipts[0]
        name = inv.supplier_name or ""
        if name in listed:
            continue
        out.append(ctx.finding(
            "OSP-SUPPLIER-UNLISTED", "supplier", name,
            f"Supplier {name!r} sold organic product ({len(receipts)} invoice line(s), first {inv.invoice_number}) "
            "but is not in the OSP supplier list.",
            subject_id=inv.id, supplier=name,
            evidence=evidence_for(inv, "supplier_name") + evidence_for(plan, "suppliers"),
        ))
    return out


@rule("OSP-PRODUCT-UNLISTED")
def osp_product_unlisted(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    plan = current_plan(records)
    if plan is None:
        return []
    listed: NameIndex[str] = NameIndex()
    for p in plan.products:
        listed.add(normalize_product(p), p)
    made: dict[str, RecordBase] = {}
    for p in of_kind(records, ProductProfile):
        if p.product_name and p.label_category not in (None, "ingredient_panel_only"):
            made.setdefault(p.product_name.strip(), p)
    for b in of_kind(records, BatchRecord):
        if b.product_name and b.run_type == "organic":
            made.setdefault(b.product_name.strip(), b)
    out = []
    for name, rec in made.items():
        if normalize_product(name) in listed:
            continue
        out.append(ctx.finding(
            "OSP-PRODUCT-UNLISTED", rec.kind.value, name,
            f"{name} is made as an organic product ({rec.kind.value.replace('_', ' ')}) but is not in the OSP "
            "product list.",
            subject_id=rec.id, evidence=evidence_for(rec, "product_name") + evidence_for(plan, "products"),
        ))
    return out


@rule("OSP-COVERAGE")
def osp_coverage(records: Sequence[RecordBase], ctx: CheckContext) -> list[Finding]:
    """Lower confidence: scores were computed beforehand by the retrieval index (see osp_coverage.py)."""
    plan = current_plan(records)
    if plan is None or not ctx.osp_coverage:
        return []
    out = []
    for section, score in ctx.osp_coverage.items():
        text = getattr(plan.sections, section, None)
        if not text or score.score >= ctx.coverage_threshold:
            continue
        out.append(ctx.finding(
            "OSP-COVERAGE", "organic_system_plan", section,
            f"The OSP's {_SECTION_LABEL[section]} section shares little with {score.citation} "
            f"(similarity {score.score:.2f}, threshold {ctx.coverage_threshold:.2f}); a reviewer should check that "
            "it describes what that paragraph asks for.",
            subject_id=plan.id, citations=[score.citation], confidence=0.4,
            evidence=evidence_for(plan, f"sections.{section}", snippet=text[:200]),
        ))
    return out
