"""A caption over a list of plain lines on a page of positioned text ("Goods covered" / "Raisins" /
"Honey" / "Rolled oats"), with no bullet or number in front of the items.

Without bullets, a caption over items looks like labels over values. The page's geometry tells
them apart: the items of one list are printed alike (the same left edge, the same line height)
and one under the other at one even spacing, with the caption just above the first. A form's
label over its value is printed in another size, or set off from the next pair by a wider gap,
so its lines break such a run. Items are short plain words (no colon, no digit, no sentence),
at least two. Lines without word boxes (DOCX paragraphs) carry no geometry and are left to the
pair readers.
"""
from __future__ import annotations

from collections.abc import Sequence

from ingest.layout.candidates import CellText, KeyValue, Method, Where
from ingest.layout.segments import line_segments
from ingest.layout.shapes import has_digits, is_label
from ingest.layout.stacks import _list_kv, colon_label, plain_label
from ingest.models import Line

MIN_ITEMS = 2
EDGE = 0.5      # left edges within half a line height are one edge
SIZE = 0.12     # line heights within 12 % are one size
SPACING = 0.3   # gaps within 30 % of the list's first gap are one spacing


def _box(line: Line) -> tuple[float, float, float, float] | None:
    return line.bbox if line.words else None


def _item(line: Line, page: int, method: Method) -> bool:
    """A plain item: one segment of short words (no bullet, colon, digit or sentence)."""
    text = line.text.strip()
    if not plain_label(text) or colon_label(text) or has_digits(text) or "|" in text:
        return False
    if text[0].islower() or text.endswith((",", ";", "-")):
        return False  # a sentence wrapped onto the next line, not an item
    return len(line_segments(line, page, method)) == 1 and is_label(text)


def _alike(a: tuple, b: tuple, h: float) -> bool:
    return abs(a[0] - b[0]) <= EDGE * h and abs((a[3] - a[1]) - (b[3] - b[1])) <= SIZE * h


def plain_lists(lines: Sequence[Line], free: Sequence[int], page: int,
                method: Method) -> tuple[list[KeyValue], set[int]]:
    """Caption-over-plain-items key-values of a page's free lines (in order), and the lines they used."""
    out: list[KeyValue] = []
    used: set[int] = set()
    k = 0
    while k < len(free) - MIN_ITEMS:
        i = free[k]
        cap = _box(lines[i])
        if cap is None or not (plain_label(lines[i].text) or colon_label(lines[i].text)) \
                or len(line_segments(lines[i], page, method)) != 1:
            k += 1
            continue
        run = _run(lines, free, k, page, method)
        if len(run) < MIN_ITEMS:
            k += 1
            continue
        items = [CellText(lines[j].text, Where(page, lines[j].text, lines[j].bbox, None, method)) for j in run]
        caption = CellText(lines[i].text, Where(page, lines[i].text, cap, None, method))
        out.append(_list_kv(caption, items, 0.6))
        used.update([i, *run])
        k += 1 + len(run)
    return out, used


def _run(lines: Sequence[Line], free: Sequence[int], k: int, page: int, method: Method) -> list[int]:
    """The item lines under caption free[k]: consecutive, alike and evenly spaced."""
    cap = _box(lines[free[k]])
    run: list[int] = []
    first_gap = None
    prev = cap
    for m in range(k + 1, len(free)):
        j = free[m]
        box = _box(lines[j])
        if j != free[m - 1] + 1 or box is None or prev is None or not _item(lines[j], page, method):
            break
        h = box[3] - box[1]
        gap = box[1] - prev[3]
        if run and not _alike(box, _box(lines[run[0]]), h):
            break
        if first_gap is None:
            if gap > 1.5 * h or abs(box[0] - cap[0]) > EDGE * h:  # type: ignore[index]
                break  # the caption stands right above its first item, at its left edge
            first_gap = gap
        elif run and abs(gap - item_gap(lines, run, first_gap)) > SPACING * max(h, 1.0):
            break
        run.append(j)
        prev = box
    # a run of a single item's spacing is a label over its value, not a list
    return run if len(run) >= MIN_ITEMS else []


def item_gap(lines: Sequence[Line], run: list[int], first_gap: float) -> float:
    """The spacing between the items seen so far (the caption's own gap for the first one)."""
    if len(run) < 2:
        return first_gap
    a, b = _box(lines[run[0]]), _box(lines[run[1]])
    return b[1] - a[3]  # type: ignore[index]
