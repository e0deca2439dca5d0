"""Values written under their labels.

With word boxes, a label's value is the segment of the next line that
overlaps it horizontally (a form's "label above field" block, or two labels
over two values). Without boxes (DOCX paragraphs, plain text), a line that is
only "Label:" takes the next line; a short label line without colon takes
the next line only when that one holds digits. Each line is compared with
at most the `LOOK` lines under it.
"""
from __future__ import annotations

from collections.abc import Sequence

from ingest.layout.candidates import KeyValue, Where
from ingest.layout.segments import Segment, height
from ingest.layout.shapes import has_digits, is_label
from ingest.models import Line

LOOK = 3  # lines under a label searched for its value


def _score(label: str, value: str, complete: bool) -> float:
    """`complete`: every segment of the label line is a label and found a value under it, which is
    how a "label above value" block looks. Two lines of "Label    value" look the same, so text
    values stay below a label-line's digit values and "Label:" colons."""
    if label.rstrip().endswith((":", "：")):
        return 0.75
    if has_digits(value):
        return 0.6
    return 0.5 if complete else 0.3


def _gap(prev: Line, nxt: Line) -> float:
    return nxt.words[0].bbox[1] - max(w.bbox[3] for w in prev.words)


def _under(lines: Sequence[Line], free: Sequence[int], k: int) -> list[int]:
    """The lines (indices) just under line free[k]: the next ones, while they start within one and
    a half line heights of it (a second column's lines can sit between a label and its value)."""
    line, out = lines[free[k]], []
    h = height(line.words)
    for m in range(k + 1, min(k + 1 + LOOK, len(free))):
        j = free[m]
        if j != free[m - 1] + 1 or not lines[j].words or _gap(line, lines[j]) > 1.5 * h:
            break
        out.append(j)
    return out


def _boxed(lines: Sequence[Line], free: Sequence[int], k: int, segs: dict[int, list[Segment]],
           labels: list[tuple[int, str, Where]]) -> list[KeyValue]:
    i = free[k]
    found = []
    under = [(j, [s for s in segs[j] if s.text.strip() and not _is_pair(s)]) for j in _under(lines, free, k)]
    for n, label, where in labels:
        seg = segs[i][n]
        h = height(seg.words)
        x0, x1 = seg.x0 - 0.5 * h, seg.x1 + 0.5 * h  # type: ignore[operator]
        for _, below in under:  # the nearest line with something under the label
            hits = [(min(x1, s.x1) - max(x0, s.x0), s) for s in below]  # type: ignore[type-var]
            hits = [hit for hit in hits if hit[0] > 0]
            if hits:
                found.append((seg, label, where, max(hits, key=lambda hit: hit[0])[1]))
                break
    complete = len(found) == len(segs[i]) >= 2
    return [KeyValue(label, value.text, "below", where, value.where, _score(seg.text, value.text, complete))
            for seg, label, where, value in found]


def _plain(line: Line, nxt: Line, segs: list[Segment], below: list[Segment],
           labels: list[tuple[int, str, Where]]) -> KeyValue | None:
    if len(segs) != 1 or not below:
        return None
    label_text = segs[0].text
    value = " ".join(s.text for s in below)
    colon = label_text.rstrip().endswith((":", "："))
    if not (colon or (len(label_text.split()) <= 4 and has_digits(value))):
        return None
    where = below[0].where if len(below) == 1 else Where(below[0].where.page, nxt.text, None, None,
                                                         below[0].where.method)
    return KeyValue(labels[0][1], value, "below", labels[0][2], where, 0.7 if colon else 0.45)


def below_pairs(lines: Sequence[Line], free: Sequence[int], segs: dict[int, list[Segment]],
                open_labels: dict[int, list[tuple[int, str, Where]]]) -> list[KeyValue]:
    """Pairs of each open label (a label with nothing to its right) with the text under it.

    `free` are the line indices still unread, in order; `segs` their segments; `open_labels`
    per line the (segment index, label, where) that `row_pairs` left without a value."""
    out: list[KeyValue] = []
    for k, i in enumerate(free[:-1]):
        if i not in open_labels:
            continue
        if lines[i].words:
            out += _boxed(lines, free, k, segs, open_labels[i])
        elif free[k + 1] == i + 1 and not lines[i + 1].words:
            below = [s for s in segs[i + 1] if s.text.strip() and not _is_pair(s)]
            kv = _plain(lines[i], lines[i + 1], segs[i], below, open_labels[i])
            if kv:
                out.append(kv)
    return out


def _is_pair(seg: Segment) -> bool:
    """A segment that is itself a label ("Label:" or "Label: value"), never someone's value."""
    t = seg.text.strip()
    return t.endswith((":", "：")) and is_label(t) or (":" in t and is_label(t.split(":", 1)[0]) and
                                                      bool(t.split(":", 1)[1].strip()))
