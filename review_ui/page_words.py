"""A click on a page image -> the words it points at, in the page's own coordinates.

The page image is rendered at a known scale (`review_ui.pages.render_page`: image pixels per PDF point,
1 for a scanned image), and ingest keeps every word with its box in those same page units. A click is
therefore divided by the scale and matched to a word; the value a person means is usually the phrase
that word belongs to ("Quillfeather Grain Traders"), so the neighbours on the same line closer than a
gap between columns are taken with it. The box saved with a correction is the phrase's box, the same
kind of box ingest records, so teaching a layout can find the label beside it.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

Box = tuple[float, float, float, float]
NEAR = 4.0  # page units (points): a click this close to a word still hits it
PHRASE_GAP = 0.9  # a gap wider than this many times the line's height separates two phrases (columns)


@dataclass(frozen=True)
class Picked:
    """The text a click chose, where it is on the page (page units) and which page."""

    text: str
    bbox: Box
    page: int


def _distance(box: Box, x: float, y: float) -> float:
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return (dx * dx + dy * dy) ** 0.5


def _union(boxes: Iterable[Box]) -> Box:
    xs0, ts, xs1, bs = zip(*boxes)
    return (min(xs0), min(ts), max(xs1), max(bs))


def _phrase(words: Sequence[Any], i: int) -> list[Any]:
    """The run of words around `words[i]` (one line, left to right) with no column-wide gap inside."""
    height = max(1.0, words[i].bbox[3] - words[i].bbox[1])
    lo = hi = i
    while lo > 0 and words[lo].bbox[0] - words[lo - 1].bbox[2] <= PHRASE_GAP * height:
        lo -= 1
    while hi < len(words) - 1 and words[hi + 1].bbox[0] - words[hi].bbox[2] <= PHRASE_GAP * height:
        hi += 1
    return list(words[lo:hi + 1])


def word_at(page: Any, x_px: float, y_px: float, scale: float, phrase: bool = True) -> Picked | None:
    """The word (or its phrase) of `page` (ingest's `Page`: lines of words with boxes) under a click at
    pixel (x_px, y_px) of an image rendered at `scale`; None when the click is on empty paper."""
    if scale <= 0:
        return None
    x, y = x_px / scale, y_px / scale
    best: tuple[float, list[Any], int] | None = None
    for line in getattr(page, "lines", []) or []:
        words = sorted((w for w in line.words if w.text.strip()), key=lambda w: w.bbox[0])
        for i, w in enumerate(words):
            d = _distance(w.bbox, x, y)
            if d <= NEAR and (best is None or d < best[0]):
                best = (d, words, i)
    if best is None:
        return None
    _, words, i = best
    chosen = _phrase(words, i) if phrase else [words[i]]
    return Picked(" ".join(w.text for w in chosen), _union(w.bbox for w in chosen), page.number)
