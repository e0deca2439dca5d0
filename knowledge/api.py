"""The knowledge stage's public service: what the CLI, the pipeline and the UI call.

Functions take the workspace and the store and return pydantic models; the
heavy parts (embedding model, Chroma, LangChain) are imported lazily so a
`check` with no regulation index stays fast.
"""
from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

from auditpack.records import Finding, RegulationPassage, Suggestion
from auditpack.store import Store
from auditpack.workspace import Workspace
from knowledge.corpus.answer_models import Answer
from knowledge.composition import CompositionResult, CompositionStep, percent_organic
from knowledge.models import CheckRun, CorpusStatus, Passage, SyncCounts
from knowledge.names import NameIndex, normalize_name, normalize_product, product_matches
from knowledge.trace import TraceChain, TraceIndex, TraceLink, lot_key, trace_lot
from knowledge.balance import BalanceLine, ingredient_balance
from knowledge.certificate_timeline import CertificateEntry, certificate_timeline, expiring_soon

__all__ = [
    "Answer", "BalanceLine", "CertificateEntry", "CheckRun", "CompositionResult", "CompositionStep", "CorpusStatus",
    "NameIndex", "Passage", "TraceChain", "TraceIndex", "TraceLink", "answer", "ask", "certificate_timeline", "corpus_status",
    "expiring_soon", "import_oid", "ingredient_balance", "lot_key",
    "normalize_name", "normalize_product", "percent_organic", "product_matches", "regulation_for", "reviewer_note",
    "run_check", "suggest", "trace_lot", "update_corpus",
]


def run_check(ws: Workspace, store: Store, as_of: date | None = None, actor: str = "auditpack check") -> CheckRun:
    """Run every registered rule on the current records, attach regulation text, store the findings.

    Re-running keeps reviewers' decisions (the store matches findings by id,
    which is derived from rule and subject) and resolves findings that vanished.
    """
    from knowledge.runner import build_context, run_rules
    from knowledge.corpus.passages import attach_regulation

    started = time.perf_counter()
    records = store.records()
    context = build_context(ws, store, records, as_of)
    findings = run_rules(records, context)
    findings = attach_regulation(store, findings)
    result = store.sync_findings(findings, actor=actor)
    warnings = list(context.warnings)
    meta = store.get_meta("corpus") or {}
    loaded = bool(meta.get("sections"))
    if not loaded:
        warnings.append("regulation text is not loaded: findings carry citations and AuditPack's own summaries "
                        "only (run `auditpack corpus update`)")
    return CheckRun(
        findings=findings, sync=SyncCounts(**result.__dict__), corpus_loaded=loaded,
        corpus_version=meta.get("version_date"), as_of=context.as_of, rules_run=context.rules_run,
        seconds=round(time.perf_counter() - started, 3), warnings=warnings,
    )


def ask(ws: Workspace, store: Store, question: str, k: int = 5) -> list[Passage]:
    """The best regulation passages for a question (BM25 + embeddings, fused)."""
    from knowledge.corpus.retriever import get_retriever

    return get_retriever(ws, store).search(question, k=k)


def answer(ws: Workspace, store: Store, question: str, k: int = 5, model: Any | None = None) -> Answer:
    """The Ask answer: up to `k` sections of passages (lists completed, relevance labels), warnings for needed
    sections the loaded copy lacks or holds outdated, and with `[llm] kind = "langchain"` (or `model`) a
    short answer whose every sentence cites a passage shown."""
    from knowledge.corpus.ask import answer as compose_answer

    return compose_answer(ws, store, question, k=k, model=model)


def update_corpus(ws: Workspace, store: Store, source: Path | None = None, on: date | None = None) -> CorpusStatus:
    """Load Part 205 (eCFR API, a local XML/JSONL file, or AUDITPACK_REGULATION_FILE) and rebuild the index."""
    from knowledge.corpus.update import update

    return update(ws, store, source, on)


def corpus_status(ws: Workspace, store: Store) -> CorpusStatus:
    """Which sections are loaded, their currency, and which cited sections are absent."""
    from knowledge.corpus.update import status

    return status(ws, store)


def import_oid(ws: Workspace, store: Store, path: Path) -> int:
    """Load an Organic Integrity Database export (CSV or XLSX); returns the number of operations read."""
    from knowledge.oid import import_file

    return import_file(store, path)


def suggest(ws: Workspace, store: Store, finding_id: str) -> Suggestion:
    """A reviewer's suggestion for one finding; saved, never applied to the finding's status."""
    from knowledge.reviewers import review

    return review(ws, store, finding_id)


def reviewer_note(finding: Finding) -> str:
    """The reviewer-only note on a finding's message (absent or outdated regulation text), or ""."""
    from knowledge.corpus.passages import reviewer_note as note

    return note(finding)


def regulation_for(store: Store, citations: list[str]) -> list[RegulationPassage]:
    """Regulation text (or the project's summary, marked absent) for each citation."""
    from knowledge.corpus.passages import passages_for

    return passages_for(store, citations)
