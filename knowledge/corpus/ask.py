"""Answer a question over the loaded regulation copy: grouped passages, labels, warnings, optional model.

The offline default is extractive: the regulation's own text, grouped by section, lists completed,
each passage labelled by how well it matches. With `[llm] kind = "langchain"` (or a model passed in, as
the tests do) a short answer is composed from those passages only (`compose.py`).
"""
from __future__ import annotations

from typing import Any

from auditpack.store import Store
from auditpack.workspace import Workspace
from knowledge.corpus.answer_models import Answer
from knowledge.corpus.grouping import group_hits
from knowledge.corpus.needs import NeedFinder, warning
from knowledge.corpus.relevance import label
from knowledge.corpus.retriever import Retriever, get_retriever

CANDIDATES = 15
_FINDERS: dict[int, NeedFinder] = {}  # one entry: the finder of the retriever last asked


def need_finder(retriever: Retriever, store: Store) -> NeedFinder:
    key = id(retriever)
    if key not in _FINDERS:
        _FINDERS.clear()
        _FINDERS[key] = NeedFinder(retriever.chunks, store.corpus_sections())
    return _FINDERS[key]


def extractive(retriever: Retriever, finder: NeedFinder, question: str, k: int, embedding_kind: str) -> Answer:
    """The passages part of the answer: up to `k` sections, from the best CANDIDATES fused hits."""
    hits = retriever.hits(question, CANDIDATES)
    sections = group_hits(retriever.chunks, [(h.pos, h.cosine) for h in hits], k,
                          lambda cosine: label(cosine, embedding_kind))
    needed = finder.needed(question, sections)
    return Answer(question=question, sections=sections, needed=needed, warnings=[warning(n) for n in needed])


def answer(ws: Workspace, store: Store, question: str, k: int = 5, model: Any | None = None) -> Answer:
    retriever = get_retriever(ws, store)
    out = extractive(retriever, need_finder(retriever, store), question, k, ws.settings.embeddings.kind)
    meta = store.get_meta("corpus") or {}
    out.source, out.version_date = meta.get("source"), meta.get("version_date")
    llm = ws.settings.llm
    if model is not None or llm.kind == "langchain":
        from knowledge.corpus.compose import compose

        name = llm.model or "llm"
        if model is None:
            try:
                from knowledge.reviewers import chat_model

                model = chat_model(llm)
            except Exception as exc:  # noqa: BLE001 - a missing provider package or bad settings: say so
                from knowledge.corpus.answer_models import ComposedAnswer

                out.composed = ComposedAnswer(model=name, error=f"the configured model could not start ({exc})")
                return out
        out.composed = compose(question, out.sections, model, name)
        out.mode = "composed" if out.composed.sentences else "extractive"
    return out
