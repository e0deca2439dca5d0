"""Turn ranked paragraph hits into an answer's sections: grouped, de-duplicated, lists completed.

A paragraph chunk can end with its stem ("... must include:", "... including but not limited to:") while
its list items are separate chunks ((a) is one chunk, (a)(1)..(a)(6) are others), or a long paragraph can
be split after a colon. Shown alone, such a passage promises a list and cuts it off. So a passage whose
text ends with ':' brings the chunks that follow it in the section and belong to it (its sub-paragraphs,
or further pieces of the same paragraph), up to a budget; a retrieved item is shown under its stem, with
the rest of its list; items a group already shows are not repeated.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from knowledge.corpus.answer_models import AnswerPassage, Relevance, SectionAnswer
from knowledge.corpus.chunking import Chunk
from knowledge.corpus.loaders import currency_state

MAX_ITEMS = 12
MAX_ITEM_CHARS = 4000
PER_SECTION = 3


def _belongs(chunk: Chunk, stem: Chunk) -> bool:
    """A sub-paragraph of the stem, or a further piece of the same paragraph (same chunk group: 205.2's
    definitions share one citation, and one term must not pull in the next)."""
    if chunk.section != stem.section:
        return False
    return chunk.citation.startswith(stem.citation + "(") or chunk.id.rsplit(".", 1)[0] == stem.id.rsplit(".", 1)[0]


def ends_with_stem(text: str) -> bool:
    """True when a passage announces a list it does not contain (its last visible character is ':')."""
    return text.rstrip().rstrip("*_ ").endswith(":")


def complete_list(chunks: Sequence[Chunk], pos: int) -> tuple[str, list[int], int]:
    """(text with its list items appended, positions of the item chunks, items left out over budget).

    Only a passage that ends with a stem is completed; its items are the chunks right after it that share
    its citation or extend it (``7 CFR 205.201(a)`` -> ``(a)(1)``, ``(a)(2)``...)."""
    stem = chunks[pos]
    if not ends_with_stem(stem.text):
        return stem.text, [], 0
    items: list[int] = []
    chars = 0
    nxt = pos + 1
    while nxt < len(chunks) and _belongs(chunks[nxt], stem):
        items.append(nxt)
        nxt += 1
    kept = []
    for i in items:
        if len(kept) >= MAX_ITEMS or chars + len(chunks[i].text) > MAX_ITEM_CHARS:
            break
        kept.append(i)
        chars += len(chunks[i].text)
    text = "\n\n".join([stem.text] + [chunks[i].text for i in kept])
    return text, kept, len(items) - len(kept)


def stem_of(chunks: Sequence[Chunk], pos: int) -> int:
    """The list stem a retrieved item belongs to (so "(3) Be maintained for not less than 5 years" is shown
    under "(b) Such records must:"), or `pos` itself when it is no item of a stem within budget."""
    item = chunks[pos]
    for back in range(pos - 1, -1, -1):
        prev = chunks[back]
        if prev.section != item.section:
            break
        if item.citation.startswith(prev.citation + "(") and ends_with_stem(prev.text):
            return back if pos in complete_list(chunks, back)[1] else pos
    return pos


def group_hits(chunks: Sequence[Chunk], ranked: Sequence[tuple[int, float]], max_sections: int,
               label: Callable[[float], Relevance]) -> list[SectionAnswer]:
    """Sections in the order of their best hit, each with up to PER_SECTION passages (best first).

    `ranked` is (chunk position, cosine) best first. A hit already shown as an item of an earlier passage
    of its section is skipped, and so is a hit whose own items were shown (it would repeat them)."""
    groups: dict[str, SectionAnswer] = {}
    shown: dict[str, set[int]] = {}
    for pos, cosine in ranked:
        pos = stem_of(chunks, pos)
        chunk = chunks[pos]
        if chunk.section not in groups:
            if len(groups) >= max_sections:
                continue
            groups[chunk.section] = SectionAnswer(
                section=chunk.section, citation=f"7 CFR {chunk.section}", heading=chunk.heading,
                currency=chunk.currency, state=currency_state(chunk.currency), relevance=label(cosine), passages=[])
            shown[chunk.section] = set()
        group, seen = groups[chunk.section], shown[chunk.section]
        if pos in seen or len(group.passages) >= PER_SECTION:
            continue
        text, items, more = complete_list(chunks, pos)
        if seen & set(items):
            continue
        seen.update([pos, *items])
        group.passages.append(AnswerPassage(citation=chunk.citation, text=text,
                                            items=[chunks[i].citation for i in items], more_items=more,
                                            relevance=label(cosine), cosine=cosine))
    return list(groups.values())
