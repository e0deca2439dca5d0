"""A caption over a list of plain lines on a page of positioned text ("Goods covered" / "Raisins" /
"Honey" / "Rolled oats"), with no bullet or number in front of the items.

Without bullets, a caption over items looks like labels over values. The page's geometry tells
them apart: the items of one list are printed alike (the same left edge, the same line height)
and one under the other at one even spacing, with the caption just above the first. A form's
label over its value is printed in another size, or set off from the next pair by a wider gap,
so its lines break such a run. Items are short plain words (no colon, no digit, no sentence),
at least two.

Lines without word boxes (DOCX paragraphs) carry no geometry. There a caption over plain lines is
only offered as a list, its lines left to the pair readers: a run of at least three plain lines after
the caption, up to a line with a colon or a bullet or the page's end, as in "Goods covered" / "Raisins" /
"Honey" / "Rolled oats" at a document's foot. A run that ends on a table's row ends one line earlier: its
last plain line is the table's caption ("Purchases" over "Vendor | Item"), not an item. A form's labels over
values rarely give such a run
(dates and codes carry digits), and the resolver keeps the reading whose label names a field.
"""
from __future__ import annotations

from collections.abc import Sequence

from ingest.layout.candidates import CellText, KeyValue, Method, Where
from ingest.layout.segments import line_segments
from ingest.layout.shapes import has_digits, is_label
from ingest.layout.stacks import _list_kv, bullet_item, colon_label, plain_label
from ingest.models import Line

MIN_ITEMS = 2
MIN_PARAGRAPH_ITEMS = 3  # without geometry, two plain lines are as likely a label over its value
SENTENCE_WORDS = 6       # a line of this many words ending in a full stop is a sentence, not a value
OFFERED = 0.45           # an offered paragraph list yields to any pair the geometry or a colon shows
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
        if cap is None and not lines[i].words:
            out += _paragraph_list(lines, free, k, page, method)
            k += 1
            continue
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


def _paragraph_item(line: Line) -> bool:
    """A plain item among paragraphs: short plain words, no colon, digit or sentence."""
    text = line.text.strip()
    return (not line.words and plain_label(text) and not colon_label(text) and not has_digits(text)
            and "|" not in text and not text[0].islower() and not text.endswith((",", ";", "-")))


def _opens_more(text: str) -> bool:
    """A line that starts something of its own after a list: a pair or label with a colon, a bullet, a
    sentence (a closing note), or nothing; not a bare value, which the line above would be the label of."""
    t = text.strip()
    sentence = t.endswith(".") and len(t.split()) >= SENTENCE_WORDS
    return not t or ":" in t or "：" in t or bullet_item(t) is not None or sentence


def _table_row(text: str) -> bool:
    """A line of a table's cells ("Vendor | Item"), as a DOCX table's rows are given."""
    return text.count("|") >= 1 and all(c.strip() for c in text.split("|"))


def _paragraph_list(lines: Sequence[Line], free: Sequence[int], k: int, page: int,
                    method: Method) -> list[KeyValue]:
    """The list under paragraph free[k], offered when free[k] starts a run of plain lines (the line
    before it is of another shape) and at least three items follow it up to a line of another shape."""
    i = free[k]
    if not _paragraph_item(lines[i]) or (k > 0 and free[k - 1] == i - 1 and _paragraph_item(lines[free[k - 1]])):
        return []
    run: list[int] = []
    for m in range(k + 1, len(free)):
        j = free[m]
        if j != free[m - 1] + 1 or not _paragraph_item(lines[j]):
            break
        run.append(j)
    after = run[-1] + 1 if run else i + 1
    if run and after < len(lines) and _table_row(lines[after].text):
        run = run[:-1]  # the plain line right over a table is that table's caption, not the list's last item
    elif after < len(lines) and not _opens_more(lines[after].text):
        return []  # a bare value after the run: its last line is a label over that value, a form's stack
    if len(run) < MIN_PARAGRAPH_ITEMS:
        return []
    items = [CellText(lines[j].text, Where(page, lines[j].text, None, None, method)) for j in run]
    return [_list_kv(CellText(lines[i].text, Where(page, lines[i].text, None, None, method)), items, OFFERED)]
