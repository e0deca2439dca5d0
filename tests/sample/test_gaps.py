"""Planted gaps: every rule is planted in `small`, and nothing else in the sample breaks a rule.

The second half re-derives each property from truth.json alone (independently
of the knowledge checks), so an accidental gap, e.g. an organic run after a
conventional one with no cleaning between, fails here.
"""
from __future__ import annotations

import math
from datetime import datetime, timedelta

from tests.sample.conftest import records_of

RULES = {"CERT-MISSING", "CERT-NOT-CURRENT", "CERT-SCOPE", "INV-NOT-ORGANIC", "INV-NO-LOT",
         "CLEAN-MISSING-CHANGEOVER", "CLEAN-NO-SIGNOFF", "CLEAN-LATE-ENTRY", "CLEAN-AGENT-NOT-IN-OSP",
         "CLEAN-CHLORINE-RINSE", "PROD-PCT-BELOW-CATEGORY", "PROD-NONORGANIC-NOT-ALLOWED", "OSP-ELEMENT-MISSING",
         "OSP-OUTDATED", "OSP-SUPPLIER-UNLISTED", "OSP-PRODUCT-UNLISTED", "TRACE-UNRESOLVED-LOT",
         "BALANCE-EXCEEDS-PURCHASES", "PEST-LEVEL-D-UNAPPROVED"}
MINIMUM = {"100_percent_organic": 100, "organic": 95, "made_with_organic": 70}
NATIONAL_LIST_606 = {"Fruit Pectin", "Sunflower Lecithin", "Beet Juice Color"}
LB = 0.45359237


def planted(truth: dict, rule: str) -> set[str]:
    return {g["subject"] for g in truth["gaps"] if g["rule_id"] == rule}


def _ckey(r: dict) -> str:
    return f"{r['facility']}|{r['equipment']}|{r['performed_at'][:16]}"


def _plain(description: str) -> str:
    return description.removeprefix("Organic ").removesuffix(" (certified organic)")


def test_every_gap_type_is_planted_with_a_document(truth, docs_by_file):
    assert {g["rule_id"] for g in truth["gaps"]} == RULES
    for g in truth["gaps"]:
        assert g["subject"].strip() and g["file"] in docs_by_file, g


def test_invoice_lines_are_marked_and_lotted_unless_planted(truth):
    organic_use = {i["name"] for _, p in records_of(truth, "product_profile") for i in p["ingredients"] if i["organic"]}
    no_lot, not_organic = planted(truth, "INV-NO-LOT"), planted(truth, "INV-NOT-ORGANIC")
    seen_no_lot, seen_not_organic = set(), set()
    for _, inv in records_of(truth, "invoice"):
        for line in inv["lines"]:
            key = f"{inv['invoice_number']}|{line['description']}"
            if line["organic"] and not line["lot_number"]:
                seen_no_lot.add(key)
            if not line["organic"] and _plain(line["description"]) in organic_use:
                seen_not_organic.add(key)
    assert seen_no_lot == no_lot
    assert seen_not_organic == not_organic


def test_cleaning_entries_break_rules_only_where_planted(truth):
    osp = records_of(truth, "organic_system_plan")[0][1]
    listed = {s["name"] for s in osp["substances"]}
    unsigned, late, rinse, agents = set(), set(), set(), set()
    for _, e in records_of(truth, "cleaning_event"):
        if not e["verified_by"]:
            unsigned.add(_ckey(e))
        if e["logged_at"] and (datetime.fromisoformat(e["logged_at"]) - datetime.fromisoformat(e["performed_at"])
                               > timedelta(hours=24)):
            late.add(_ckey(e))
        ppm = e["final_rinse_chlorine_ppm"]
        if (ppm is not None and ppm > 4.0) or e["rinse_verified"] is False:
            rinse.add(_ckey(e))
        agents |= {a["name"] for a in e["agents"] if a["name"] not in listed}
    assert unsigned == planted(truth, "CLEAN-NO-SIGNOFF")
    assert late == planted(truth, "CLEAN-LATE-ENTRY")
    assert rinse == planted(truth, "CLEAN-CHLORINE-RINSE")
    assert agents == planted(truth, "CLEAN-AGENT-NOT-IN-OSP")


def test_every_changeover_is_cleaned_unless_planted(truth):
    batches = sorted((r for _, r in records_of(truth, "batch_record")), key=lambda b: b["produced_at"])
    cleanings: dict[tuple[str, str], list[str]] = {}
    for _, e in records_of(truth, "cleaning_event"):
        cleanings.setdefault((e["facility"], e["equipment"]), []).append(e["performed_at"])
    last: dict[tuple[str, str], dict] = {}
    missing = set()
    for b in batches:
        line = (b["facility"], b["equipment"])
        prev = last.get(line)
        if prev and prev["run_type"] == "conventional" and b["run_type"] == "organic":
            if not any(prev["produced_at"] < t < b["produced_at"] for t in cleanings.get(line, [])):
                missing.add(b["batch_lot"])
        last[line] = b
    assert missing == planted(truth, "CLEAN-MISSING-CHANGEOVER")


def test_lots_trace_and_purchases_cover_use_unless_planted(truth):
    lots, bought = set(), {}
    for _, inv in records_of(truth, "invoice"):
        for line in inv["lines"]:
            lots.add(line["lot_number"])
            if line["organic"]:
                kg = line["quantity"] * (LB if line["unit"] == "lb" else 1.0)
                bought[_plain(line["description"])] = bought.get(_plain(line["description"]), 0.0) + kg
    unresolved, used = set(), {}
    for _, b in records_of(truth, "batch_record"):
        if b["run_type"] != "organic":
            continue
        for i in b["inputs"]:
            if i["lot_number"] not in lots:
                unresolved.add(f"{b['batch_lot']}|{i['lot_number']}")
            if i["ingredient"] in bought:
                used[i["ingredient"]] = used.get(i["ingredient"], 0.0) + i["quantity"]
    assert unresolved == planted(truth, "TRACE-UNRESOLVED-LOT")
    over = {n for n, kg in used.items() if kg > bought[n] * 1.005}
    assert over == planted(truth, "BALANCE-EXCEEDS-PURCHASES")


def test_suppliers_are_certified_in_scope_and_listed_unless_planted(truth):
    certs: dict[str, list[dict]] = {}
    for _, c in records_of(truth, "supplier_certificate"):
        certs.setdefault(c["operation_name"], []).append(c)
    osp = records_of(truth, "organic_system_plan")[0][1]
    listed = {s["name"] for s in osp["suppliers"]}
    missing, unlisted, not_current, scope = set(), set(), set(), set()
    for _, inv in records_of(truth, "invoice"):
        name = inv["supplier_name"]
        for line in (l for l in inv["lines"] if l["organic"]):
            if name not in certs:
                missing.add(name)
                continue
            if name not in listed:
                unlisted.add(name)
            day = inv["invoice_date"]
            dated = [c for c in certs[name] if c["effective_date"] <= day] or certs[name]
            newest = max(dated, key=lambda c: c["effective_date"])
            anniversary = datetime.fromisoformat(newest["anniversary_date"]) + timedelta(days=60)
            if newest["status"] != "certified" or datetime.fromisoformat(day) > anniversary:
                not_current.add(name)
            products = {p.split(": ", 1)[-1] for c in certs[name] for p in c["products"]}
            if _plain(line["description"]) not in products:
                scope.add(f"{name}|{_plain(line['description'])}")
    assert missing == planted(truth, "CERT-MISSING")
    assert unlisted == planted(truth, "OSP-SUPPLIER-UNLISTED")
    assert not_current == planted(truth, "CERT-NOT-CURRENT")
    assert scope == planted(truth, "CERT-SCOPE")


def test_formulas_meet_their_category_unless_planted(truth):
    osp = records_of(truth, "organic_system_plan")[0][1]
    below, not_allowed, unlisted = set(), set(), set()
    for _, p in records_of(truth, "product_profile"):
        counted = [i for i in p["ingredients"] if not i["water_or_salt"]]
        pct = math.floor(100 * sum(i["amount"] for i in counted if i["organic"]) / sum(i["amount"] for i in counted)
                         + 1e-9)
        if pct < MINIMUM[p["label_category"]]:
            below.add(p["product_name"])
        if p["label_category"] in ("organic", "100_percent_organic"):
            for i in counted:
                if not i["organic"] and i["agricultural"] and i["name"] not in NATIONAL_LIST_606:
                    not_allowed.add(f"{p['product_name']}|{i['name']}")
        if p["product_name"] not in osp["products"]:
            unlisted.add(p["product_name"])
    assert below == planted(truth, "PROD-PCT-BELOW-CATEGORY")
    assert not_allowed == planted(truth, "PROD-NONORGANIC-NOT-ALLOWED")
    assert unlisted == planted(truth, "OSP-PRODUCT-UNLISTED")


def test_osp_and_pest_gaps_are_visible_in_their_records(truth):
    osp = records_of(truth, "organic_system_plan")[0][1]
    assert {k for k, v in osp["sections"].items() if v is None} == planted(truth, "OSP-ELEMENT-MISSING")
    assert osp["updated_on"] < f"{truth['operation']['audit_year'] - 1}-12-31"
    assert planted(truth, "OSP-OUTDATED") == {osp["operation_name"]}
    unapproved = {f"{r['date']}|{r['facility']}|{r['material']}" for _, r in records_of(truth, "pest_control_entry")
                  if r["level"] == "D" and not r["certifier_approved"]}
    assert unapproved == planted(truth, "PEST-LEVEL-D-UNAPPROVED")
    assert {r["level"] for _, r in records_of(truth, "pest_control_entry")} == {"A", "B", "C", "D"}
