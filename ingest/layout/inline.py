"""Pairs a reader finds along one line or one table row.

"Label: value", several "A: 1   B: 2" on one line, "Label:" followed by the
next segment or cell, "Label    value" (a label-like segment then a value
with digits), and "Label 4.11" (words ending in a measure or sum of money).
A label with nothing to its right is returned as open, so the reader can
look for its value on the lines under it (`below`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.layout.candidates import Arrangement, KeyValue, Where
from ingest.layout.segments import Segment
from ingest.layout.shapes import has_digits, is_label, to_number

# a colon that ends a label: followed by a space or the end, never "12:30" or "http://"
_COLON = re.compile(r"[:：](?=\s|$)")
_LEAD = " \t:：-–—=#|"
_TRAILING = re.compile(r"^(.*?\S)\s+(\S+)$")
_DECIMAL_OR_SIGN = re.compile(r"[.,]\d|[$€£¥₹%]")


def _measure(token: str) -> bool:
    """A number written as a measure or money ("4.11", "$4", "12,5"), not a bare count ("Page 2")."""
    return to_number(token) is not None and _DECIMAL_OR_SIGN.search(token) is not None


@dataclass
class RowPairs:
    key_values: list[KeyValue] = field(default_factory=list)
    used: set[int] = field(default_factory=set)              # segments that gave a same-line pair
    open_labels: list[tuple[int, str, Where]] = field(default_factory=list)  # (segment, label, where)


def _colon_pairs(seg: Segment) -> tuple[list[KeyValue], tuple[str, Where] | None]:
    """Every "Label: value" inside one segment, and a trailing "Label:" with no value."""
    text = seg.text
    colons = [m.start() for m in _COLON.finditer(text)]
    if not colons or not is_label(text[: colons[0]]):
        return [], None
    # label spans: the first runs from the start; later ones are the word(s) just before their colon
    spans: list[list[tuple[int, int]]] = [[(0, colons[0])]]
    for prev, c in zip(colons, colons[1:]):
        starts = [m.start() for m in re.finditer(r"\S+", text[:c])][-3:]
        # one to three words before the colon, always leaving a value for the previous label
        alts = [(s, c) for s in reversed(starts) if text[prev + 1:s].strip(_LEAD) and is_label(text[s:c])]
        spans.append(alts)
    out: list[KeyValue] = []
    dangling = None
    for k, alts in enumerate(spans):
        if not alts:
            continue
        value_end = spans[k + 1][0][0] if k + 1 < len(spans) and spans[k + 1] else len(text)
        for rank, (ls, le) in enumerate(alts):
            vs = le + 1
            while vs < value_end and text[vs] in _LEAD:
                vs += 1
            value = text[vs:value_end].strip()
            label = text[ls:le].strip()
            if not value:
                if k == len(spans) - 1 and rank == 0:
                    dangling = (label, seg.where_of(ls, le))
                continue
            out.append(KeyValue(label, value, "same_line", seg.where_of(ls, le), seg.where_of(vs, value_end),
                                round(0.85 - 0.15 * rank, 2)))
    return out, dangling


def row_pairs(segs: list[Segment], across: Arrangement = "same_line") -> RowPairs:
    """Pairs on one line (`across` = "same_line") or one table row ("pair_table",
    "transposed"): the arrangement given to a label and a value in neighbouring segments."""
    res = RowPairs()
    i = 0
    while i < len(segs):
        seg = segs[i]
        kvs, dangling = _colon_pairs(seg)
        nxt = segs[i + 1] if i + 1 < len(segs) and segs[i + 1].text.strip() else None  # empty cells pair nothing
        if kvs or dangling:
            res.key_values.extend(kvs)
            if kvs:
                res.used.add(i)
            if dangling:
                if nxt is not None and not _colon_pairs(nxt)[0] and not nxt.text.rstrip().endswith(":"):
                    res.key_values.append(KeyValue(dangling[0], nxt.text.strip(), across, dangling[1], nxt.where,
                                                   0.8))
                    res.used.update((i, i + 1))
                    i += 2
                    continue
                res.open_labels.append((i, dangling[0], dangling[1]))
            i += 1
            continue
        tail = _TRAILING.match(seg.text)
        if tail and is_label(tail.group(1)) and _measure(tail.group(2)):  # "Label 4.11" in one run of words
            res.key_values.append(KeyValue(tail.group(1), tail.group(2), "same_line", seg.where_of(0, tail.end(1)),
                                           seg.where_of(tail.start(2), len(seg.text)), 0.5))
            res.used.add(i)
            i += 1
            continue
        if is_label(seg.text) and "?" not in seg.text:
            digits = nxt is not None and has_digits(nxt.text)
            # two label-like segments pair up only when they are all the line holds ("Name    Acme Mills");
            # a longer run of them is a row of labels over their values
            if nxt is not None and (digits or len(segs) == 2 or across != "same_line") and \
                    not _colon_pairs(nxt)[0] and not nxt.text.rstrip().endswith(":"):
                # in a grid the cell border says "these two belong together"; on a line only a value's shape does
                score = (0.75 if digits else 0.7) if across != "same_line" else (0.65 if digits else 0.35)
                res.key_values.append(KeyValue(seg.text.strip(), nxt.text.strip(), across, seg.where, nxt.where,
                                               score))
                if digits or across != "same_line":
                    res.used.update((i, i + 1))
                    i += 2
                    continue
            res.open_labels.append((i, seg.text.strip(), seg.where))
        i += 1
    return res
