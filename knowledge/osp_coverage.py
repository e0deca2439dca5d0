"""OSP-COVERAGE scores: how closely each OSP section matches the paragraph it must answer.

This is the I/O half of the rule (it uses the retrieval index's embedder); the
pure check in `checks/osp.py` turns low scores into low-confidence findings
for a reviewer. It never replaces OSP-ELEMENT-MISSING.
"""
from __future__ import annotations

from collections.abc import Sequence

from auditpack.records import OSP_SECTIONS, RecordBase
from auditpack.store import Store
from auditpack.workspace import Workspace
from knowledge.checks.osp import SECTION_CITATIONS, current_plan
from knowledge.checks.registry import CoverageScore
from knowledge.corpus.retriever import get_retriever


def coverage_scores(ws: Workspace, store: Store, records: Sequence[RecordBase]) -> dict[str, CoverageScore]:
    plan = current_plan(records)
    if plan is None:
        return {}
    retriever = get_retriever(ws, store)
    out: dict[str, CoverageScore] = {}
    for section in OSP_SECTIONS:
        text = getattr(plan.sections, section)
        if not text or not text.strip():
            continue
        score, citation, passage = retriever.similarity(text, SECTION_CITATIONS[section])
        if citation:
            out[section] = CoverageScore(section=section, citation=citation, score=score, best_passage=passage)
    return out
