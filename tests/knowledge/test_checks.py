"""Each rule on hand-built records: quiet on a clean operation, fires on its gap with the agreed key."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from auditpack.records import BatchInput, Ingredient, ProcessingAid
from auditpack.store import OidEntry
from tests.knowledge import factory as f


def keys(findings, rule_id):
    return sorted(x.subject.key for x in findings if x.rule_id == rule_id)


def test_clean_operation_raises_nothing(run):
    assert run(f.clean_operation()) == []


def test_evidence_points_at_the_document_page(run):
    recs = [f.invoice(lines=[f.line(lot=None)]), f.certificate(), f.plan()]
    [finding] = run(recs, "INV-NO-LOT")
    assert finding.evidence[0].filename == "INV-1.pdf" and finding.evidence[0].page == 1


# --- certificates ------------------------------------------------------------

def test_cert_missing_matches_supplier_names_loosely(run):
    recs = [f.invoice(supplier="VALLEY GRAIN COMPANY, Inc."), f.certificate("Valley Grain Co."),
            f.invoice("INV-2", supplier="Hill Farms LLC")]
    assert keys(run(recs, "CERT-MISSING"), "CERT-MISSING") == ["Hill Farms LLC"]


def test_cert_missing_ignores_suppliers_of_nonorganic_goods(run):
    recs = [f.invoice(lines=[f.line("Cardboard boxes", organic=False)])]
    assert run(recs, "CERT-MISSING") == []


def test_cert_not_current_when_suspended_before_receipt(run):
    cert = f.certificate(status="suspended", effective=date(2026, 1, 10))
    [finding] = run([f.invoice(), cert], "CERT-NOT-CURRENT")
    assert finding.subject.key == "Valley Grain Co" and finding.severity == "major"
    assert "suspended" in finding.message


def test_cert_not_current_uses_oid_status_on_receipt_date(run, ctx):
    ctx.oid = [OidEntry(operation_name="Valley Grain Co", status="revoked", status_date=datetime(2026, 2, 1))]
    assert keys(run([f.invoice(), f.certificate()], "CERT-NOT-CURRENT"), "CERT-NOT-CURRENT") == ["Valley Grain Co"]
    ctx.oid = [OidEntry(operation_name="Valley Grain Co", status="revoked", status_date=datetime(2026, 4, 1))]
    assert run([f.invoice(), f.certificate()], "CERT-NOT-CURRENT") == [], "revoked after the receipt is not a gap"


def test_cert_past_anniversary_plus_grace_is_minor(run, ctx):
    cert = f.certificate(anniversary=date(2025, 12, 1))  # receipt 2026-03-02: 91 days later, grace 60
    [finding] = run([f.invoice(), cert], "CERT-NOT-CURRENT")
    assert finding.severity == "minor"
    ctx.settings = ctx.settings.model_copy(update={"certificate_grace_days": 120})
    assert run([f.invoice(), cert], "CERT-NOT-CURRENT") == []


def test_cert_scope_normalises_plural_case_and_organic_prefix(run):
    recs = [f.invoice(lines=[f.line("ORGANIC OATS"), f.line("Organic Sunflower Oil", lot="L-2")]),
            f.certificate(products=["oat", "wheat"])]
    found = run(recs, "CERT-SCOPE")
    assert keys(found, "CERT-SCOPE") == ["Valley Grain Co|Organic Sunflower Oil"]
    assert found[0].confidence >= 0.9


def test_cert_scope_livestock_only_certificate_does_not_cover_grain(run):
    recs = [f.invoice(), f.certificate(products=["oats"], scopes=["livestock"])]
    assert len(run(recs, "CERT-SCOPE")) == 1


# --- invoices -----------------------------------------------------------------

def test_inv_not_organic_when_formula_needs_it_organic(run):
    recs = [f.invoice(lines=[f.line("Rolled Oats", organic=False)]), f.product()]
    assert keys(run(recs, "INV-NOT-ORGANIC"), "INV-NOT-ORGANIC") == ["INV-1|Rolled Oats"]


def test_inv_not_organic_quiet_for_unrelated_conventional_goods(run):
    recs = [f.invoice(lines=[f.line("Pallet wrap", organic=False, lot=None)]), f.product()]
    assert run(recs, "INV-NOT-ORGANIC") == []


def test_inv_no_lot(run):
    recs = [f.invoice(lines=[f.line(lot=None), f.line("Organic Wheat", lot="W1")])]
    assert keys(run(recs, "INV-NO-LOT"), "INV-NO-LOT") == ["INV-1|Organic Rolled Oats"]


# --- cleaning -----------------------------------------------------------------

def test_missing_changeover_after_conventional_run(run):
    recs = [f.batch("C-1", datetime(2026, 3, 3, 14), run="conventional", inputs=[]),
            f.batch("B-1", datetime(2026, 3, 4, 8)),
            f.cleaning(datetime(2026, 3, 4, 6), equipment="Mixer 2")]  # other equipment: does not count
    assert keys(run(recs, "CLEAN-MISSING-CHANGEOVER"), "CLEAN-MISSING-CHANGEOVER") == ["B-1"]
    recs.append(f.cleaning(datetime(2026, 3, 4, 6), equipment="MIXER 1"))
    assert run(recs, "CLEAN-MISSING-CHANGEOVER") == []


def test_no_changeover_needed_between_organic_runs(run):
    recs = [f.batch("B-0", datetime(2026, 3, 3, 14)), f.batch("B-1", datetime(2026, 3, 4, 8))]
    assert run(recs, "CLEAN-MISSING-CHANGEOVER") == []


def test_cleaning_signoff_late_entry_and_key_format(run):
    at = datetime(2026, 3, 4, 6, 30)
    recs = [f.cleaning(at, verified=None, logged=datetime(2026, 3, 6, 9, 0))]
    found = run(recs)
    assert keys(found, "CLEAN-NO-SIGNOFF") == ["Plant A|Mixer 1|2026-03-04T06:30"]
    assert keys(found, "CLEAN-LATE-ENTRY") == ["Plant A|Mixer 1|2026-03-04T06:30"]
    assert run([f.cleaning(at, logged=datetime(2026, 3, 4, 20))], "CLEAN-LATE-ENTRY") == []


def test_chlorine_rinse_over_limit_or_unverified(run):
    at = datetime(2026, 3, 4, 6, 30)
    assert len(run([f.cleaning(at, ppm=6.5)], "CLEAN-CHLORINE-RINSE")) == 1
    assert len(run([f.cleaning(at, ppm=None, rinse_verified=False)], "CLEAN-CHLORINE-RINSE")) == 1
    assert run([f.cleaning(at, ppm=3.9)], "CLEAN-CHLORINE-RINSE") == []


def test_agent_not_in_osp(run):
    recs = [f.plan(substances=["Sodium Hypochlorite", "Peracetic acid"]),
            f.cleaning(datetime(2026, 3, 4, 6), agents=["sodium hypochlorite", "QuatClean 200"]),
            f.cleaning(datetime(2026, 3, 5, 6), agents=["QuatClean 200"])]
    found = run(recs, "CLEAN-AGENT-NOT-IN-OSP")
    assert keys(found, "CLEAN-AGENT-NOT-IN-OSP") == ["QuatClean 200"]
    assert "2 time(s)" in found[0].message


# --- products -----------------------------------------------------------------

def test_percent_below_category(run):
    low = f.product("Trail Mix", ingredients=[Ingredient(name="Oats", amount=90, unit="kg", organic=True),
                                               Ingredient(name="Raisins", amount=10, unit="kg", organic=False)])
    assert keys(run([low], "PROD-PCT-BELOW-CATEGORY"), "PROD-PCT-BELOW-CATEGORY") == ["Trail Mix"]
    assert run([f.product()], "PROD-PCT-BELOW-CATEGORY") == []


def test_nonorganic_ingredient_needs_national_list(run):
    p = f.product("Oat Bar", ingredients=[
        Ingredient(name="Oats", amount=96, unit="kg", organic=True),
        Ingredient(name="Guar gum", amount=1, unit="kg", organic=False),          # 205.606: allowed
        Ingredient(name="Sodium benzoate", amount=1, unit="kg", organic=False, agricultural=False),  # not listed
        Ingredient(name="Sea salt", amount=2, unit="kg", organic=False, water_or_salt=True),
    ])
    found = run([p], "PROD-NONORGANIC-NOT-ALLOWED")
    assert keys(found, "PROD-NONORGANIC-NOT-ALLOWED") == ["Oat Bar|Sodium benzoate"]
    assert "7 CFR 205.605" in found[0].citations


def test_hundred_percent_organic_allows_nothing_nonorganic(run):
    p = f.product("Pure Oats", category="100_percent_organic",
                  ingredients=[Ingredient(name="Oats", amount=1, unit="kg", organic=True)],
                  aids=[ProcessingAid(name="Citric acid", organic=False)])
    assert keys(run([p], "PROD-NONORGANIC-NOT-ALLOWED"), "PROD-NONORGANIC-NOT-ALLOWED") == ["Pure Oats|Citric acid"]


# --- OSP ----------------------------------------------------------------------

def test_osp_element_missing_names_the_section(run):
    sections = f.FULL_SECTIONS.model_copy(update={"fraud_prevention": None, "supplier_verification": "  "})
    found = run([f.plan(sections=sections)], "OSP-ELEMENT-MISSING")
    assert keys(found, "OSP-ELEMENT-MISSING") == ["fraud_prevention", "supplier_verification"]
    assert all(x.citations == ["7 CFR 205.201(a)(3)"] for x in found)


def test_osp_outdated_depends_on_as_of(run, ctx):
    recs = [f.plan(updated=date(2024, 12, 1))]
    assert keys(run(recs, "OSP-OUTDATED"), "OSP-OUTDATED") == ["Test Organics LLC"]
    ctx.as_of = date(2025, 6, 1)
    assert run(recs, "OSP-OUTDATED") == []


def test_osp_supplier_and_product_unlisted(run):
    recs = [f.plan(suppliers=["Valley Grain Co"], products=["Oat Granola"]),
            f.invoice("INV-9", supplier="Hill Farms"), f.product("Oat Granola"), f.product("Honey Oat Clusters"),
            f.batch("B-9", datetime(2026, 3, 5, 8), product="Oat granola")]
    found = run(recs)
    assert keys(found, "OSP-SUPPLIER-UNLISTED") == ["Hill Farms"]
    assert keys(found, "OSP-PRODUCT-UNLISTED") == ["Honey Oat Clusters"]


def test_osp_coverage_uses_scores_from_context(run, ctx):
    from knowledge.checks.registry import CoverageScore

    ctx.osp_coverage = {"monitoring": CoverageScore("monitoring", "7 CFR 205.201(a)(3)", 0.05),
                        "practices": CoverageScore("practices", "7 CFR 205.201(a)(1)", 0.7)}
    found = run([f.plan()], "OSP-COVERAGE")
    assert keys(found, "OSP-COVERAGE") == ["monitoring"] and found[0].confidence < 0.5


# --- trace, balance, pest -------------------------------------------------------

def test_unresolved_lot(run):
    recs = [f.invoice(), f.batch("B-1", datetime(2026, 3, 4, 8), inputs=[
        BatchInput(ingredient="rolled oats", lot_number="l-1", quantity=10, unit="lb"),
        BatchInput(ingredient="rolled oats", lot_number="L-404", quantity=10, unit="lb")])]
    assert keys(run(recs, "TRACE-UNRESOLVED-LOT"), "TRACE-UNRESOLVED-LOT") == ["B-1|L-404"]


def test_balance_exceeds_purchases_converts_units(run):
    inputs = [BatchInput(ingredient="Rolled oats", lot_number="L-1", quantity=30, unit="kg")]  # 66 lb each
    recs = [f.invoice(), f.batch("B-1", datetime(2026, 3, 4, 8), inputs=inputs)]
    assert run(recs, "BALANCE-EXCEEDS-PURCHASES") == []  # 66 lb of 100 lb
    recs.append(f.batch("B-2", datetime(2026, 3, 5, 8), inputs=inputs))  # 132 lb of 100 lb
    assert len(run(recs, "BALANCE-EXCEEDS-PURCHASES")) == 1


@pytest.mark.parametrize("level,approved,expected", [("D", False, 1), ("D", None, 1), ("D", True, 0), ("C", False, 0)])
def test_pest_level_d(run, level, approved, expected):
    found = run([f.pest(level=level, approved=approved)], "PEST-LEVEL-D-UNAPPROVED")
    assert len(found) == expected
    if found:
        assert found[0].subject.key == "2026-02-03|Plant A|Fumigant X"


def test_changeover_cleaning_without_facility_still_counts(run):
    recs = [f.batch("C-1", datetime(2026, 3, 3, 14), run="conventional", inputs=[]),
            f.batch("B-1", datetime(2026, 3, 4, 8)), f.cleaning(datetime(2026, 3, 4, 6), facility=None)]
    assert run(recs, "CLEAN-MISSING-CHANGEOVER") == []


def test_as_of_limits_certificate_currency_to_receipts_up_to_that_date(run, ctx):
    recs = [f.invoice(day=date(2026, 3, 2)), f.certificate(status="suspended", effective=date(2026, 1, 10))]
    assert len(run(recs, "CERT-NOT-CURRENT")) == 1
    ctx.as_of = date(2026, 2, 28)  # the receipt of 2026-03-02 had not happened yet
    assert run(recs, "CERT-NOT-CURRENT") == []


def test_certificate_issued_after_the_receipt_is_only_a_minor_verify_in_oid(run):
    cert = f.certificate(effective=date(2026, 3, 10), anniversary=date(2027, 3, 10))
    [finding] = run([f.invoice(day=date(2026, 3, 2)), cert], "CERT-NOT-CURRENT")
    assert finding.severity == "minor" and "Organic Integrity Database" in finding.message
