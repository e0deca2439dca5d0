"""The Ask answer (issue 15): passages grouped by section with complete lists, plain relevance labels, and a
warning when the question needs a section the loaded copy lacks or holds outdated."""
from __future__ import annotations

import pytest

from auditpack.store import CorpusSection
from knowledge.api import answer, update_corpus
from knowledge.corpus.chunking import chunk_section
from knowledge.corpus.grouping import complete_list
from knowledge.corpus.relevance import label, thresholds
from tests.knowledge.ask_fixture import SECTIONS, write_copy


@pytest.fixture
def loaded(tmp_workspace, store, tmp_path):
    update_corpus(tmp_workspace, store, write_copy(tmp_path))
    return tmp_workspace, store


def _section(number: str) -> CorpusSection:
    s, heading, currency, paragraphs = next(x for x in SECTIONS if x[0] == number)
    return CorpusSection(section=s, citation=f"7 CFR {s}", heading=heading, text="\n\n".join(paragraphs),
                         currency=currency)


def test_a_passage_ending_with_its_stem_brings_its_list_items():
    chunks = chunk_section(_section("205.103"))
    stem = next(i for i, c in enumerate(chunks) if c.citation == "7 CFR 205.103(b)")
    text, items, more = complete_list(chunks, stem)
    assert [chunks[i].citation for i in items] == [f"7 CFR 205.103(b)({n})" for n in range(1, 5)]
    assert "5 years" in text and text.startswith("(b) Such records must:") and more == 0
    assert "(c)" not in text  # the next paragraph is not part of the list
    done = next(i for i, c in enumerate(chunks) if c.citation == "7 CFR 205.103(a)")
    assert complete_list(chunks, done) == (chunks[done].text, [], 0)  # no stem, nothing added


def test_a_definition_ending_with_a_colon_does_not_pull_in_the_next_term():
    chunks = chunk_section(_section("205.2"))
    text, items, _ = complete_list(chunks, 0)
    assert items == [] and "Split operation" not in text


def test_answer_groups_passages_by_section_with_complete_lists(loaded):
    ws, store = loaded
    result = answer(ws, store, "What must the organic handling system plan include?")
    sections = [g.section for g in result.sections]
    assert sections[0] == "205.201" and len(sections) == len(set(sections))
    plan = result.sections[0]
    assert plan.heading == "Organic production and handling system plan." and plan.citation == "7 CFR 205.201"
    stem = next(p for p in plan.passages if p.citation == "7 CFR 205.201(a)")
    assert "7 CFR 205.201(a)(5)" in stem.items and "physical barriers" in stem.text
    shown = [p.citation for g in result.sections for p in g.passages]
    assert not set(stem.items) & set(shown)  # an item is not repeated as a passage of its own


def test_relevance_labels_follow_the_calibrated_thresholds(loaded):
    ws, store = loaded
    t = thresholds(ws.settings.embeddings.kind)
    assert t.strong > t.related
    assert [label(x, ws.settings.embeddings.kind) for x in (t.strong, t.related, t.related - 0.01)] == [
        "strong match", "related", "weak"]
    on_topic = answer(ws, store, "chlorine materials sanitizing food contact surfaces final rinse drinking water")
    assert on_topic.sections[0].section == "205.605" and on_topic.sections[0].relevance != "weak"
    off_topic = answer(ws, store, "zebra migration across the savanna")
    assert all(p.relevance == "weak" for g in off_topic.sections for p in g.passages)
    for g in on_topic.sections:  # the section's label is its best passage's
        assert g.relevance == g.passages[0].relevance


def test_a_cited_section_absent_from_the_copy_is_warned_about(loaded):
    ws, store = loaded
    result = answer(ws, store, "What does 205.272 require of a handler?")
    need = next(n for n in result.needed if n.section == "205.272")
    assert need.state == "absent" and need.reason == "cited in the question"
    assert any("7 CFR 205.272" in w and "absent" in w and "not regulation text" in w for w in result.warnings)


def test_the_questions_topic_in_a_missing_section_is_warned_about(loaded):
    ws, store = loaded
    result = answer(ws, store, "Commingling prevention: contact with prohibited substances")
    assert [n.reason for n in result.needed if n.section == "205.272"] == ["the question's topic"]
    quiet = answer(ws, store, "Can pests be controlled with traps, lights or sound?")
    assert not [n for n in quiet.needed if n.state == "absent"]


def test_an_outdated_section_in_the_answer_is_warned_about(loaded):
    ws, store = loaded
    result = answer(ws, store, "How many years must records be maintained beyond their creation?")
    assert result.sections[0].section == "205.103" and result.sections[0].state == "outdated"
    need = next(n for n in result.needed if n.section == "205.103")
    assert need.state == "outdated" and "pre-SOE" in need.currency
    assert any("205.103" in w and "outdated" in w for w in result.warnings)
    assert result.mode == "extractive" and result.composed is None  # offline default: no model asked


def test_a_retrieved_list_item_is_shown_under_its_stem():
    from knowledge.corpus.grouping import stem_of

    chunks = chunk_section(_section("205.103"))
    item = next(i for i, c in enumerate(chunks) if c.citation == "7 CFR 205.103(b)(3)")
    assert chunks[stem_of(chunks, item)].citation == "7 CFR 205.103(b)"
    plain = next(i for i, c in enumerate(chunks) if c.citation == "7 CFR 205.103(c)")
    assert stem_of(chunks, plain) == plain
