"""Lines cut into segments: the runs of text a reader sees as one piece.

A wide gap between word boxes, a tab, " | " or three spaces separate
"Label    value" the way a column border would. Each segment keeps its words,
so a label or value found inside it gets a box of its own (`Segment.where_of`).
Table cells become segments too, so one pair finder serves lines and rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.layout.candidates import BBox, Method, Where
from ingest.models import Line, Page, Word

GAP = 1.0  # a gap wider than this many word heights separates segments
_TEXT_SEP = re.compile(r"\t+|\s+\|\s+|\s{3,}")


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    where: Where
    words: tuple[Word, ...] = ()

    @property
    def x0(self) -> float | None:
        return self.words[0].bbox[0] if self.words else None

    @property
    def x1(self) -> float | None:
        return self.words[-1].bbox[2] if self.words else None

    def where_of(self, start: int, end: int) -> Where:
        """The place of `text[start:end]`: the box of the words it covers (the whole
        segment's place when there are no boxes)."""
        if not self.words:
            return self.where
        pos, hit = 0, []
        for w in self.words:  # `text` is the words joined by single spaces
            if pos < end and pos + len(w.text) > start:
                hit.append(w)
            pos += len(w.text) + 1
        return Where(self.where.page, self.where.span, union(hit) if hit else self.where.bbox,
                     self.where.cell, self.where.method)


def union(words: list[Word] | tuple[Word, ...]) -> BBox | None:
    if not words:
        return None
    return (min(w.bbox[0] for w in words), min(w.bbox[1] for w in words),
            max(w.bbox[2] for w in words), max(w.bbox[3] for w in words))


def height(words: list[Word] | tuple[Word, ...]) -> float:
    hs = sorted(w.bbox[3] - w.bbox[1] for w in words)
    return max(hs[len(hs) // 2], 1.0) if hs else 1.0


def phrases(words: list[Word], gap: float = GAP) -> list[list[Word]]:
    """Words (left to right) grouped where the gap to the previous word is narrow."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.bbox[0]):
        h = max(w.bbox[3] - w.bbox[1], 1.0)
        if out and w.bbox[0] - out[-1][-1].bbox[2] <= gap * h:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def page_method(page: Page) -> Method:
    return "cell" if page.method == "cell" else ("ocr" if page.method == "ocr" else "text")


def line_segments(line: Line, page: int, method: Method) -> list[Segment]:
    """A visual line's segments: by word gaps when boxes are known, else by separators."""
    if line.words:
        out = []
        for group in phrases(line.words):
            text = " ".join(w.text for w in group)
            out.append(Segment(text, Where(page, line.text, union(group), None, method), tuple(group)))
        return out
    parts = [p.strip() for p in _TEXT_SEP.split(line.text) if p.strip()]
    return [Segment(p, Where(page, line.text, None, None, method)) for p in parts]
