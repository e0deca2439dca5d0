"""Decide what kind of document each page range is, from content only.

Each page is scored by every parser; the best kind above `MIN_SCORE` wins,
otherwise the page is unknown. Consecutive pages of one kind form one
segment unless the parser's `split_key` changes (a new invoice number, a new
NOP ID). Unknown pages after a segment are its continuation (terms and
conditions, an annex); a document where no page scores is unknown. A document whose title says it is
not a kind (`not_names` of the kind's declaration: a purchase order is no invoice) is not scored for it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from auditpack.declarations import declarations
from ingest.models import LoadedDocument
from ingest.parsers import MIN_SCORE, by_kind, parsers
from ingest.resolve.classify import disowned


@dataclass
class Segment:
    kind: str | None
    pages: list[int] = field(default_factory=list)
    score: float = 0.0
    key: str | None = None


def page_kinds(doc: LoadedDocument) -> list[tuple[str | None, float]]:
    out = []
    # a document whose title says it is not a parser's kind (a purchase order is no invoice) is not given to it
    denied = disowned(doc, declarations())
    mine = [p for p in parsers() if p.record_kind.value not in denied]
    whole = {p.kind: p.score(doc, cap=False) for p in mine}
    for page in doc.pages:
        best, best_score = None, 0.0
        for p in mine:
            # a page is judged with a little help from the whole document (short continuation pages)
            s = 0.8 * p.page_score(page, cap=False) + 0.2 * whole[p.kind]
            if s > best_score:
                best, best_score = p.kind, s
        out.append((best if best_score >= MIN_SCORE else None, best_score))
    return out


def segment(doc: LoadedDocument) -> list[Segment]:
    segments: list[Segment] = []
    for page, (kind, score) in zip(doc.pages, page_kinds(doc)):
        cur = segments[-1] if segments else None
        if kind is None:
            if cur is None:
                segments.append(Segment(None, [page.number], score))
            else:
                cur.pages.append(page.number)
            continue
        key = by_kind(kind).split_key(page)
        if cur is not None and cur.kind is None and len(segments) == 1:
            cur.kind, cur.score, cur.key = kind, score, key  # a cover page before the first document
            cur.pages.append(page.number)
        elif cur is not None and cur.kind == kind and (key is None or cur.key in (None, key)):
            cur.pages.append(page.number)
            cur.key = cur.key or key
            cur.score = max(cur.score, score)
        else:
            segments.append(Segment(kind, [page.number], score, key))
    return segments
