"""The Ask tab's handler without a browser (issue 15): rendered regulation text grouped by section, plain
relevance labels instead of scores, the copy's currency, warnings for missing sections, and with a model a
short answer whose sentences all cite a passage shown."""
from __future__ import annotations

import re
from types import SimpleNamespace

import gradio as gr
import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from review_ui.auth import session_for
from tests.knowledge.ask_fixture import write_copy

ADMIN = SimpleNamespace(username="ann")


@pytest.fixture
def tab(services, tmp_path):
    import knowledge.api as knowledge
    from review_ui.tabs import ask

    knowledge.update_corpus(services.workspace, services.store, write_copy(tmp_path))
    ui = SimpleNamespace(services=services,
                         session=lambda request: session_for(services.store, request.username, False))
    with gr.Blocks() as blocks:
        ask.build(ui)
    run = next(f.fn for f in blocks.fns.values() if f.name == "run")
    return SimpleNamespace(run=lambda q: run(q, ADMIN), services=services, knowledge=knowledge)


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_the_answer_is_rendered_text_grouped_by_section_with_labels_and_currency(tab):
    html = tab.run("Which phrase precedes the certifying agent on the information panel of organic packages?")
    assert "7 CFR 205.303" in html and "Packaged products labeled" in html
    assert "<em>Provided,</em>" in html  # the copy's *italic* is rendered...
    assert "*Provided" not in html and "\\*" not in html  # ...no raw Markdown reaches the reader
    assert "Certified organic by * * *" in _text(html)  # an escaped asterisk is a literal one
    assert "copy: unchanged since 2017" in html and "Loaded regulation copy:" in html
    assert re.search(r"ap-relevance[^>]*>(strong match|related|weak)<", html)
    assert not re.search(r"score \d", html)  # no raw scores


def test_a_stem_shows_its_list_and_an_outdated_section_is_warned(tab):
    html = tab.run("How many years must records be maintained beyond their creation?")
    text = _text(html)
    assert "Such records must:" in text and "Be maintained for not less than 5 years" in text
    assert "outdated in this copy" in html
    assert re.search(r'class="ap-warn ap-ask-warning">7 CFR 205.103 [^<]*outdated', html)


def test_a_missing_section_is_warned_before_the_passages(tab):
    html = tab.run("What does 205.272 require of a handler?")
    warning = html.index("7 CFR 205.272 (Commingling")
    assert warning < html.index("ap-ask-section") and "absent from the loaded regulation copy" in html


def test_with_a_model_only_cited_sentences_are_shown(tab):
    real = tab.knowledge
    reply = ("Records are kept for five years [7 CFR 205.103(b)(3)]. "
             "Inspectors never look at records.")
    model = FakeListChatModel(responses=[reply])
    tab.services.overrides["knowledge"] = SimpleNamespace(
        answer=lambda ws, store, q, k=5: real.answer(ws, store, q, k=k, model=model))
    html = tab.run("How many years must records be maintained beyond their creation?")
    assert "Answer composed by" in html and "five years [7 CFR 205.103(b)(3)]" in html
    assert "Inspectors never look" not in html and "1 sentence without a citation" in html
    assert "ap-ask-section" in html  # the passages stay under the answer


def test_an_empty_question_and_a_missing_corpus_read_plainly(services):
    from review_ui.tabs import ask

    ui = SimpleNamespace(services=services,
                         session=lambda request: session_for(services.store, request.username, False))
    with gr.Blocks() as blocks:
        ask.build(ui)
    run = next(f.fn for f in blocks.fns.values() if f.name == "run")
    assert "Type a question" in run("  ", ADMIN)
    assert "corpus update" in run("How long are records kept?", ADMIN)
