"""Columns of a table drawn with text: where they stand, what they are called, what falls in them.

The header's phrases give the columns, unless most rows of values show more
columns than the header names (two names crowded into one phrase): then the
values' own positions are the columns and the header's words are shared out
over them. A line is cut into columns phrase by phrase, so a long text that
runs under the next header stays whole in its own cell.
"""
from __future__ import annotations

from collections.abc import Sequence

from ingest.layout.candidates import CellText, Method, Where
from ingest.layout.header import merge_rows
from ingest.layout.segments import phrases, union
from ingest.layout.shapes import has_digits
from ingest.models import Line, Word

Span = tuple[float, float]


def words_text(ws: Sequence[Word]) -> str:
    return " ".join(w.text for w in ws)


def phrase_span(p: Sequence[Word]) -> Span:
    return p[0].bbox[0], p[-1].bbox[2]


def row_like(line: Line) -> bool:
    return len(phrases(line.words)) >= 2 and has_digits(line.text)


def column_of(x0: float, x1: float, cols: list[Span]) -> int:
    """The column a box overlaps most, else the nearest one."""
    best, best_key = 0, None
    for k, (c0, c1) in enumerate(cols):
        overlap = min(x1, c1) - max(x0, c0)
        key = (overlap, 0.0) if overlap > 0 else (0.0, -min(abs(x0 - c1), abs(c0 - x1)))
        if best_key is None or key > best_key:
            best, best_key = k, key
    return best


def overlapping(box: Span, cols: list[Span]) -> list[int]:
    return [k for k, (c0, c1) in enumerate(cols) if min(box[1], c1) > max(box[0], c0)]


def _template(lines: Sequence[Line]) -> list[Span]:
    """Columns as the rows of values show them: the most common number of phrases in a row, each
    position's span over all rows with that number (a header may crowd two names together)."""
    rows = [phrases(ln.words) for ln in lines if row_like(ln)]
    if not rows:
        return []
    counts: dict[int, int] = {}
    for r in rows:
        counts[len(r)] = counts.get(len(r), 0) + 1
    mode = max(counts, key=lambda c: (counts[c], c))
    same = [r for r in rows if len(r) == mode]
    return [(min(r[k][0].bbox[0] for r in same), max(r[k][-1].bbox[2] for r in same)) for k in range(mode)]


def find_columns(rows: list[list[list[Word]]], body: Sequence[Line]) -> list[Span]:
    """The lowest header row (units, the parts of a spanning cell) sets the columns, and a phrase
    of a row above with nothing under it adds its own; when most rows of values have more
    columns than that, their columns are used instead."""
    cols = [phrase_span(p) for p in rows[-1]]
    for row in reversed(rows[:-1]):
        cols += [phrase_span(p) for p in row if not overlapping(phrase_span(p), cols)]
    template = _template(body)
    if len(template) > len(cols):
        cols = template + [phrase_span(p) for row in rows for p in row if not overlapping(phrase_span(p), template)]
    return sorted(cols)


def header_names(rows: list[list[list[Word]]], cols: list[Span]) -> list[str]:
    """Header rows named per column and merged; a header phrase standing over two columns is
    shared out word by word."""
    merged: list[str] = []
    for row in rows:
        aligned = [""] * len(cols)
        for p in row:
            if len(overlapping(phrase_span(p), cols)) >= 2:
                parts = [([w], column_of(w.bbox[0], w.bbox[2], cols)) for w in p]
            else:
                parts = [(p, column_of(*phrase_span(p), cols))]
            for ws, k in parts:
                aligned[k] = f"{aligned[k]} {words_text(ws)}".strip()
        merged = merge_rows(merged, aligned) if merged else aligned
    return merged


def line_cells(line: Line, cols: list[Span], page: int, method: Method) -> list[CellText]:
    """A line cut into the columns, phrase by phrase: a long text running under the next
    column's header stays in its own cell."""
    parts: list[list[Word]] = [[] for _ in cols]
    for p in phrases(line.words):
        parts[column_of(*phrase_span(p), cols)].extend(p)
    return [CellText(words_text(ws), Where(page, line.text, union(ws), None, method)) for ws in parts]
