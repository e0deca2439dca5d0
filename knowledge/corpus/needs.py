"""Which sections a question needs that the loaded copy lacks or holds in an outdated version.

Three signals, each cheap and explainable:
- a section cited in the question ("What does 205.272 require?", "§ 205.103");
- the question's topic: the headings of sections the copy lacks (`section_topics.yaml`, with AuditPack's
  summary when `regulation_notes.yaml` has one) are ranked by BM25 together with the loaded paragraphs;
  a heading among the best TOPIC_RANK documents, sharing at least TOPIC_MIN_WORDS words with the
  question (words common to the whole regulation, like "organic", do not count), means the best-known
  answer lives in a missing section (calibrated with `bench/retrieval.py`, see docs/knowledge.md);
- the answer's best section, or a "strong match" one, being outdated in the copy (weaker sections show
  their currency in their own header; a warning for each would drown the one that matters).
Whether a section is absent or outdated is decided by the same `PassageLookup` that puts the warning on
a Triage finding, so both say the same thing about the same copy.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml

from auditpack.store import CorpusSection
from knowledge.corpus.answer_models import NeededSection, SectionAnswer
from knowledge.corpus.chunking import Chunk
from knowledge.corpus.lexical import LexicalIndex, tokenize
from knowledge.corpus.passages import PassageLookup, project_summary, regulation_notes

TOPICS_FILE = Path(__file__).with_name("section_topics.yaml")
TOPIC_RANK = 3
TOPIC_MIN_WORDS = 2  # one shared word ("pest") is a coincidence of short headings, not a topic
COMMON_SHARE = 0.2  # words in more than this share of paragraphs ("organic", "product") do not count
_CITED = re.compile(r"(?<![\d.])205\.(\d{1,3})(?!\d)")


@lru_cache(maxsize=1)
def section_headings() -> dict[str, str]:
    return yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))["headings"]


def cited_sections(question: str) -> list[str]:
    """Part 205 sections named in the question, in order, each once (only real section numbers)."""
    known = set(regulation_notes()["sections"])
    out: list[str] = []
    for m in _CITED.finditer(question):
        sec = f"205.{m.group(1)}"
        if sec in known and sec not in out:
            out.append(sec)
    return out


class NeedFinder:
    """Built once per loaded copy (with the retriever): the lookup and a BM25 index of paragraphs + topics."""

    def __init__(self, chunks: list[Chunk], sections: list[CorpusSection]) -> None:
        loaded = {s.section for s in sections}
        self._lookup = PassageLookup(sections)
        self._topics = [s for s in regulation_notes()["sections"]
                        if s not in loaded and (s in section_headings() or project_summary(s))]
        docs = [c.indexed_text for c in chunks] + [
            f"7 CFR {s} {section_headings().get(s, '')}\n{project_summary(s) or ''}" for s in self._topics]
        self._index = LexicalIndex(docs) if self._topics else None
        df = Counter(w for c in chunks for w in set(tokenize(c.indexed_text)))
        common = {w for w, n in df.items() if n > COMMON_SHARE * max(1, len(chunks))}
        self._words = [set(tokenize(d)) - common for d in docs[len(chunks):]]
        self._n = len(chunks)

    def topic_sections(self, question: str, rank: int = TOPIC_RANK) -> list[str]:
        """Missing sections whose heading (and summary) rank among the best `rank` documents."""
        if self._index is None:
            return []
        words = set(tokenize(question))
        return [self._topics[pos - self._n] for pos, _ in self._index.rank(question, rank)
                if pos >= self._n and len(words & self._words[pos - self._n]) >= TOPIC_MIN_WORDS]

    def _need(self, section: str, reason: str) -> NeededSection | None:
        p = self._lookup.passage(f"7 CFR {section}")
        if p.currency == "absent":
            state = "absent"
        elif (p.currency or "").startswith("outdated"):
            state = "outdated"
        else:
            return None
        currency = p.currency.removeprefix("outdated: ") if state == "outdated" else ""
        return NeededSection(section=section, state=state, reason=reason, currency=currency,
                             heading=section_headings().get(section, ""), summary=project_summary(section))

    def needed(self, question: str, groups: list[SectionAnswer]) -> list[NeededSection]:
        wanted = ([(s, "cited in the question") for s in cited_sections(question)]
                  + [(s, "the question's topic") for s in self.topic_sections(question)]
                  + [(g.section, "an answer passage") for i, g in enumerate(groups)
                     if g.state == "outdated" and (i == 0 or g.relevance == "strong match")])
        out: dict[str, NeededSection] = {}
        for section, reason in wanted:
            if section not in out and (need := self._need(section, reason)):
                out[section] = need
        return list(out.values())


def warning(need: NeededSection) -> str:
    """One line for people: what is missing or outdated, why it matters here, and what to do."""
    name = f"7 CFR {need.section}" + (f" ({need.heading.rstrip('.')})" if need.heading else "")
    if need.state == "absent":
        text = f"{name} is absent from the loaded regulation copy, and this question needs it ({need.reason})."
    else:
        text = (f"{name} is outdated in the loaded copy ({need.currency}), and this question "
                f"needs it ({need.reason}).")
    if need.summary:
        text += f" AuditPack summary of the current rule (not regulation text): {need.summary}"
    return text + " Verify against the current eCFR."
