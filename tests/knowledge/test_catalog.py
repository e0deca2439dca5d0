"""The catalog and National List are data: every entry loads, every rule has a check."""
from __future__ import annotations

from knowledge.catalog import CITATION_RE, load_national_list, load_requirements
from knowledge.checks import rules

ISSUE_RULES = {
    "CERT-MISSING", "CERT-NOT-CURRENT", "CERT-SCOPE", "INV-NOT-ORGANIC", "INV-NO-LOT", "CLEAN-MISSING-CHANGEOVER",
    "CLEAN-NO-SIGNOFF", "CLEAN-LATE-ENTRY", "CLEAN-AGENT-NOT-IN-OSP", "CLEAN-CHLORINE-RINSE",
    "PROD-PCT-BELOW-CATEGORY", "PROD-NONORGANIC-NOT-ALLOWED", "OSP-ELEMENT-MISSING", "OSP-OUTDATED",
    "OSP-SUPPLIER-UNLISTED", "OSP-PRODUCT-UNLISTED", "TRACE-UNRESOLVED-LOT", "BALANCE-EXCEEDS-PURCHASES",
    "PEST-LEVEL-D-UNAPPROVED", "OSP-COVERAGE",
}


def test_every_rule_of_the_issue_has_a_catalog_entry_and_a_check():
    catalog = load_requirements()
    assert ISSUE_RULES <= set(catalog)
    assert set(catalog) == set(rules()), "a catalog entry without a check, or a check without an entry"


def test_catalog_entries_are_complete_and_cite_well_formed_sections():
    for req in load_requirements().values():
        assert req.summary.strip() and req.evidence.strip() and req.corrective_action.strip(), req.id
        assert req.reads, req.id
        for c in req.citations:
            assert CITATION_RE.match(c), (req.id, c)


def test_national_list_entries_cite_their_paragraph_and_resolve_aliases():
    nl = load_national_list()
    lists = {e.list_id for e in nl.entries}
    assert lists == {"205.605(a)", "205.605(b)", "205.606"}
    for e in nl.entries:
        assert e.citation.startswith(f"7 CFR {e.list_id.split('(')[0]}"), e
    assert nl.find("Baking Soda").name == "sodium bicarbonate"
    assert nl.find("organic guar gum").citation == "7 CFR 205.606(i)"
    assert nl.find("sodium nitrite") is None, "lookups must not be fuzzy"
