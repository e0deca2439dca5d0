"""A click or a dragged box on a page image -> the words it points at, in the page's own coordinates.

The page image is rendered at a known scale (`review_ui.pages.render_page`: image pixels per PDF point,
1 for a scanned image), and ingest keeps every word with its box in those same page units. A click is
therefore divided by the scale and matched to a word; the value a person means is usually the phrase
that word belongs to ("Quillfeather Grain Traders"), so the neighbours on the same line closer than a
gap between columns are taken with it. The box saved with a correction is the phrase's box, the same
kind of box ingest records, so teaching a layout can find the label beside it.

A box dragged over the image takes the words whose middle lies inside it, in reading order (rows top to
bottom, words left to right), so a value a click cannot take whole (an address over two lines, one cell
of a dense table) is chosen in one gesture. Rows are grouped by the words' own boxes, not by ingest's
lines, because a line of a two-column page runs across both columns.
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


def _rows(words: Sequence[Any]) -> list[list[Any]]:
    """Words grouped into rows: a word joins the row whose vertical middle band it overlaps."""
    rows: list[list[Any]] = []
    for w in sorted(words, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2):
        mid = (w.bbox[1] + w.bbox[3]) / 2
        row = rows[-1] if rows else None
        if row is not None and min(x.bbox[1] for x in row) <= mid <= max(x.bbox[3] for x in row):
            row.append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w.bbox[0]) for r in rows]


def words_in_box(page: Any, box: Box, scale: float = 1.0) -> Picked | None:
    """The words of `page` whose middle lies inside `box` (image pixels at `scale`; corners in any order),
    joined in reading order; their box is the union of theirs. None when the box holds no word."""
    if scale <= 0:
        return None
    x0, x1 = sorted((box[0] / scale, box[2] / scale))
    t0, t1 = sorted((box[1] / scale, box[3] / scale))
    inside = [w for line in getattr(page, "lines", []) or [] for w in line.words if w.text.strip()
              and x0 <= (w.bbox[0] + w.bbox[2]) / 2 <= x1 and t0 <= (w.bbox[1] + w.bbox[3]) / 2 <= t1]
    if not inside:
        return None
    text = " ".join(w.text for row in _rows(inside) for w in row)
    return Picked(text, _union(w.bbox for w in inside), page.number)


def parse_box(text: str) -> Box | None:
    """"x0, y0, x1, y1" (what the drag writes, or what a person types) -> a box; None when it is not one."""
    parts = [p for p in (text or "").replace(";", ",").replace(" ", ",").split(",") if p]
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        return None
    return (nums[0], nums[1], nums[2], nums[3]) if len(nums) == 4 else None
