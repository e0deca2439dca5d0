"""Split sections into paragraph chunks that keep their full citation.

Part 205 labels paragraphs (a), (1), (i), (A). A chunk is a first- or
second-level paragraph together with its deeper sub-paragraphs, cited as
``7 CFR 205.201(a)(3)``; so an answer can be quoted with the exact paragraph
an inspector would cite. The definitions section (205.2) is split per term.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from auditpack.store import CorpusSection

MAX_CHARS = 1800
_LABEL = re.compile(r"^\(([a-z]{1,2}|\d{1,2}|[ivxl]{1,5}|[A-Z])\)\s*")
_TERM = re.compile(r"^\*([^*]{2,80})\.?\*")
_ROMAN = set("ivxl")


@dataclass(frozen=True)
class Chunk:
    id: str
    section: str
    citation: str
    heading: str
    text: str
    currency: str

    @property
    def indexed_text(self) -> str:
        """What BM25 and the embedding see: heading and citation give short paragraphs context."""
        return f"{self.citation} {self.heading}\n{self.text}"


def _level(label: str, path: list[str]) -> int:
    """1: (a), 2: (1), 3: (i), 4: (A). '(i)' after '(h)' at level 1 is a letter, not a numeral."""
    if label.isdigit():
        return 2
    if label.isupper():
        return 4
    if set(label) <= _ROMAN and len(path) >= 2:
        prev_letter = path[0]
        if not (len(label) == 1 and prev_letter and ord(label) == ord(prev_letter[-1]) + 1):
            return 3
    return 1


def _split_long(text: str) -> list[str]:
    if len(text) <= MAX_CHARS:
        return [text]
    out, cur = [], ""
    for sentence in re.split(r"(?<=[.;:])\s+", text):
        if cur and len(cur) + len(sentence) > MAX_CHARS:
            out.append(cur)
            cur = ""
        cur = f"{cur} {sentence}".strip()
    return out + ([cur] if cur else [])


def chunk_section(sec: CorpusSection) -> list[Chunk]:
    paras = [p.strip() for p in sec.text.split("\n\n") if p.strip()]
    groups: list[tuple[str, list[str]]] = []  # (citation, paragraphs)
    path: list[str] = []
    base = f"7 CFR {sec.section}"
    for p in paras:
        m = _LABEL.match(p)
        term = _TERM.match(p) if sec.section == "205.2" else None
        if m:
            label = m.group(1)
            lvl = _level(label, path)
            path = path[: lvl - 1] + [""] * max(0, lvl - 1 - len(path)) + [label]
            if lvl <= 2:
                groups.append((base + "".join(f"({x})" for x in path if x), [p]))
                continue
        elif term:
            groups.append((base, [p]))
            continue
        if groups:
            groups[-1][1].append(p)
        else:
            groups.append((base, [p]))
    chunks = []
    for gi, (citation, texts) in enumerate(groups):
        for pi, piece in enumerate(_split_long("\n\n".join(texts))):
            chunks.append(Chunk(id=f"{sec.section}#{gi}.{pi}", section=sec.section, citation=citation,
                                heading=sec.heading, text=piece, currency=sec.currency))
    return chunks


def chunk_corpus(sections: list[CorpusSection]) -> list[Chunk]:
    return [c for s in sections if s.text.strip() for c in chunk_section(s)]
