"""Values written under their labels.

With word boxes, a label's value is the segment of the next line that
overlaps it horizontally (a form's "label above field" block, or two labels
over two values). Without boxes (DOCX paragraphs, plain text), a line that is
only "Label:" takes the next line; a short label line without colon takes
the next line only when that one holds digits. Each line is compared with
at most the `LOOK` lines under it. A line is a label or a value, never both:
of the candidate pairs, those kept explain the most lines, then sit closest.
"""
from __future__ import annotations

from collections.abc import Sequence

from ingest.layout.candidates import KeyValue, Where
from ingest.layout.segments import Segment, height
from ingest.layout.shapes import has_digits, is_label
from ingest.models import Line

LOOK = 3  # lines under a label searched for its value
PACE = 4  # label/value pairs looked down a stack for one whose value has digits (`_paced`)


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


Node = tuple[int, int]  # (line, segment)
Candidate = tuple[KeyValue, Node, Node, float]  # the pair, its label and value segments, how well they fit
Best = tuple[int, float]  # segments paired, and the sum of their fits


def _closeness(label: Where, value: Where, h: float) -> float:
    """1 for a value right under its label, down to 0 a line and a half lower (0.5 without boxes)."""
    if label.bbox is None or value.bbox is None:
        return 0.5
    return 1.0 - min(1.0, max(0.0, value.bbox[1] - label.bbox[3]) / (1.5 * h))


def _boxed(lines: Sequence[Line], free: Sequence[int], k: int, segs: dict[int, list[Segment]],
           labels: list[tuple[int, str, Where]]) -> list[Candidate]:
    i = free[k]
    found = []
    under = [(j, [(m, s) for m, s in enumerate(segs[j]) if s.text.strip() and not _is_pair(s)])
             for j in _under(lines, free, k)]
    for n, label, where in labels:
        seg = segs[i][n]
        h = height(seg.words)
        x0, x1 = seg.x0 - 0.5 * h, seg.x1 + 0.5 * h  # type: ignore[operator]
        for j, below in under:  # the nearest line with something under the label
            hits = [(min(x1, s.x1) - max(x0, s.x0), m, s) for m, s in below]  # type: ignore[type-var]
            hits = [hit for hit in hits if hit[0] > 0]
            if hits:
                _, m, value = max(hits, key=lambda hit: hit[0])
                found.append((n, seg, label, where, (j, m), value, h))
                break
    complete = len(found) == len(segs[i]) >= 2
    out = []
    for n, seg, label, where, node, value, h in found:
        kv = KeyValue(label, value.text, "below", where, value.where, _score(seg.text, value.text, complete))
        out.append((kv, (i, n), node, kv.score + _closeness(seg.where, value.where, h)))
    return out


def _plain(i: int, nxt: Line, segs: list[Segment], below: list[tuple[int, Segment]],
           labels: list[tuple[int, str, Where]], paced: bool = False) -> Candidate | None:
    """`paced`: the stack under this pair goes on short label over value down to a value with digits
    (`_paced`), so it goes label, value, label, value ("Client site" / "Prairie Avenue Warehouse" /
    "Visit day" / "2026-09-25"):
    a short label line then takes a value of words too, at a lower score."""
    if len(segs) != 1 or not below:
        return None
    label_text = segs[0].text
    value = " ".join(s.text for _, s in below)
    colon = label_text.rstrip().endswith((":", "："))
    short = len(label_text.split()) <= 4
    if not (colon or (short and (has_digits(value) or paced and len(below) == 1 and not has_digits(label_text)))):
        return None
    first = below[0][1]
    where = first.where if len(below) == 1 else Where(first.where.page, nxt.text, None, None, first.where.method)
    score = 0.7 if colon else 0.45 if has_digits(value) else 0.4
    kv = KeyValue(labels[0][1], value, "below", labels[0][2], where, score)
    return kv, (i, 0), (i + 1, below[0][0]), kv.score + 0.5


def _paced(lines: Sequence[Line], free: Sequence[int], k: int, segs: dict[int, list[Segment]],
           open_labels: dict[int, list[tuple[int, str, Where]]]) -> bool:
    """Does the stack under free[k]'s pair go on label, value, label, value (short open labels every
    other line, all lines plain and in a row) down to a label over a line with digits? The pair just
    under may hold words only ("Legal holder" / "Ashgrove Dairy" / "Stamp" / "2025-04-01"): the
    rhythm, not the next pair alone, shows that the lines alternate."""
    for step in range(1, PACE + 1):
        top = k + 2 * step
        if top + 1 >= len(free) or free[top + 1] != free[k] + 2 * step + 1 or \
                any(lines[free[k] + d].words for d in range(2 * step + 2)):
            return False
        j = free[k] + 2 * step
        if j not in open_labels or len(segs[j]) != 1 or len(segs[j][0].text.split()) > 4:
            return False
        if any(has_digits(s.text) for s in segs[j + 1] if s.text.strip()):
            return True
    return False


def _matching(cands: list[Candidate]) -> list[KeyValue]:
    """The pairs to keep: no segment is both a label and a value, or the value of two labels.

    Each label has one candidate value under it, so the candidates form trees (a value's children
    are the labels over it). The kept pairs explain the most segments, then fit best: in a stack of
    label, value, label, value lines, every other line is a label, and a title over a label that
    has its value pairs with nothing."""
    children: dict[Node, list[Candidate]] = {}
    for c in cands:
        children.setdefault(c[2], []).append(c)
    nodes = sorted({n for c in cands for n in (c[1], c[2])})  # labels sit above their values: children first
    open_: dict[Node, Best] = {}  # best of a node's subtree while the node is not a value there
    best: dict[Node, tuple[Best, Candidate | None]] = {}  # best of its subtree, and the pair under it chosen
    for v in nodes:
        kids = children.get(v, [])
        base = (sum(best[c[1]][0][0] for c in kids), sum(best[c[1]][0][1] for c in kids))
        open_[v] = base
        best[v] = (base, None)
        for c in kids:
            (n, fit), (n_open, fit_open) = best[c[1]][0], open_[c[1]]
            got = (base[0] - n + n_open + 1, base[1] - fit + fit_open + c[3])
            if got > best[v][0]:
                best[v] = (got, c)
    labels = {c[1] for c in cands}
    kept: list[KeyValue] = []
    stack = [(n, False) for n in nodes if n not in labels]  # (node, already the label of its parent's pair)
    while stack:
        v, taken = stack.pop()
        chosen = None if taken else best[v][1]
        if chosen is not None:
            kept.append(chosen[0])
        stack += [(c[1], c is chosen) for c in children.get(v, [])]
    return kept


def below_pairs(lines: Sequence[Line], free: Sequence[int], segs: dict[int, list[Segment]],
                open_labels: dict[int, list[tuple[int, str, Where]]]) -> list[KeyValue]:
    """Pairs of each open label (a label with nothing to its right) with the text under it.

    `free` are the line indices still unread, in order; `segs` their segments; `open_labels`
    per line the (segment index, label, where) that `row_pairs` left without a value. A line read
    as a value is not also the label of the line under it (`_matching`)."""
    cands: list[Candidate] = []
    for k, i in enumerate(free[:-1]):
        if i not in open_labels:
            continue
        if lines[i].words:
            cands += _boxed(lines, free, k, segs, open_labels[i])
        elif free[k + 1] == i + 1 and not lines[i + 1].words:
            below = [(m, s) for m, s in enumerate(segs[i + 1]) if s.text.strip() and not _is_pair(s)]
            cand = _plain(i, lines[i + 1], segs[i], below, open_labels[i], _paced(lines, free, k, segs, open_labels))
            if cand:
                cands.append(cand)
    kept = {id(kv) for kv in _matching(cands)}
    return [c[0] for c in cands if id(c[0]) in kept]


def _is_pair(seg: Segment) -> bool:
    """A segment that is itself a label ("Label:" or "Label: value"), never someone's value."""
    t = seg.text.strip()
    return t.endswith((":", "：")) and is_label(t) or (":" in t and is_label(t.split(":", 1)[0]) and
                                                      bool(t.split(":", 1)[1].strip()))
