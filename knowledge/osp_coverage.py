"""OSP-COVERAGE scores: how closely each OSP section matches the paragraph it must answer.

This is the I/O half of the rule (it uses the retrieval index's embedder); the
pure check in `checks/osp.py` turns low scores into low-confidence findings
for a reviewer. It never replaces OSP-ELEMENT-MISSING.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import asdict

from auditpack.records import OSP_SECTIONS, RecordBase
from auditpack.store import Store
from auditpack.workspace import Workspace
from knowledge.checks.osp import SECTION_CITATIONS, current_plan
from knowledge.checks.registry import CoverageScore
from knowledge.corpus.retriever import get_retriever


CACHE_KEY = "osp_coverage"


def _fingerprint(ws: Workspace, store: Store, plan_json: str) -> str:
    corpus = (store.get_meta("corpus") or {}).get("load_id", "")
    return hashlib.sha256(f"{corpus}|{ws.settings.embeddings.kind}|{plan_json}".encode()).hexdigest()


def coverage_scores(ws: Workspace, store: Store, records: Sequence[RecordBase]) -> dict[str, CoverageScore]:
    """Scores per OSP section; cached in the store's meta until the plan, corpus or embedder changes
    (so a re-check does not load the embedding model again)."""
    plan = current_plan(records)
    if plan is None:
        return {}
    fp = _fingerprint(ws, store, plan.sections.model_dump_json())
    cached = store.get_meta(CACHE_KEY) or {}
    if cached.get("fingerprint") == fp:
        return {k: CoverageScore(**v) for k, v in cached["scores"].items()}
    retriever = get_retriever(ws, store)
    out: dict[str, CoverageScore] = {}
    for section in OSP_SECTIONS:
        text = getattr(plan.sections, section)
        if not text or not text.strip():
            continue
        score, citation, passage = retriever.similarity(text, SECTION_CITATIONS[section])
        if citation:
            out[section] = CoverageScore(section=section, citation=citation, score=score, best_passage=passage)
    store.set_meta(CACHE_KEY, {"fingerprint": fp, "scores": {k: asdict(v) for k, v in out.items()}})
    return out
