"""All checks on the `small` sample's truth records find every planted gap, with no false positives
on the rules that plant gaps. Precision and recall per rule are printed (pytest -s) for the report."""
from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

from knowledge.runner import build_context, run_rules
from tests.knowledge.truth import truth_records


def _norm(s: str) -> str:
    return s.strip().lower()


def test_small_sample_truth_every_planted_gap_and_no_false_positives(sample_small):
    records, gaps = truth_records(sample_small)
    audit_year = json.loads((sample_small / "truth.json").read_text())["operation"]["audit_year"]
    findings = run_rules(records, build_context(None, None, records, date(audit_year, 12, 31)))
    want = {(g["rule_id"], _norm(g["subject"])) for g in gaps}
    got = {(f.rule_id, _norm(f.subject.key)) for f in findings}
    planted_rules = {r for r, _ in want}
    per_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for r, k in got | want:
        if r not in planted_rules:
            continue
        per_rule[r][0 if (r, k) in got and (r, k) in want else 1 if (r, k) in got else 2] += 1
    for r, (tp, fp, fn) in sorted(per_rule.items()):
        print(f"{r:28} precision {tp / max(tp + fp, 1):.2f} recall {tp / max(tp + fn, 1):.2f}  (tp {tp} fp {fp} fn {fn})")
    assert want - got == set(), "planted gaps the checks missed"
    assert {k for k in got - want if k[0] in planted_rules} == set(), "false positives on planted-gap rules"
