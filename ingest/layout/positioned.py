"""Tables drawn with text alone: columns from where the header's words stand.

A header line is three or more label-like phrases; up to two lines of short
labels right under it (units, the parts of a spanning header) are merged into
it. Lines under the header belong to the table while they stay close and
within its width and split into several phrases; a lone number (a subtotal)
is kept, and a short run of one-phrase lines is kept when a row follows it:
a cell that wraps onto the lines under its row, which is joined to that row.
Columns and cells are worked out in `columns`. Every line is looked at a
bounded number of times.
"""
from __future__ import annotations

from collections.abc import Sequence

from ingest.layout.candidates import CellText, KeyValue, Method, TableBlock, Where
from ingest.layout.columns import Span, find_columns, header_names, line_cells, row_like, words_text
from ingest.layout.grids import block_of
from ingest.layout.header import Header
from ingest.layout.segments import height, phrases
from ingest.layout.shapes import has_digits, is_label, to_number
from ingest.models import Line, Word

MAX_WRAP = 4        # one-phrase lines a wrapped cell may take under its row
MAX_HEADER_ROWS = 3


def _header_like(ps: list[list[Word]]) -> bool:
    return len(ps) >= 3 and sum(is_label(words_text(p)) for p in ps) >= 0.75 * len(ps) and \
        not any(has_digits(words_text(p)) for p in ps) and not _pairs_along(ps)


def _pairs_along(ps: list[list[Word]]) -> bool:
    """"Product made:   Spelt loaf   Plant:   North mill": a phrase ending in a colon with a phrase
    beside it that does not is a label and its value, a line of a form, not a table's column names
    (values of words only look like labels, so the line would otherwise pass for a header)."""
    texts = [words_text(p).strip() for p in ps]
    return any(a.endswith((":", "：")) and not b.endswith((":", "：")) for a, b in zip(texts, texts[1:]))


def _sub_header(ps: list[list[Word]], lo: float, hi: float) -> bool:
    return bool(ps) and all(not has_digits(words_text(p)) and len(words_text(p)) <= 15 for p in ps) and \
        ps[0][0].bbox[0] >= lo and ps[-1][-1].bbox[2] <= hi


def _wrap_run(lines: Sequence[Line], free: Sequence[int], k: int) -> int:
    """How many one-phrase lines from position k are a wrapped cell (a table row follows them)."""
    n = 0
    while k + n < len(free) and n <= MAX_WRAP and (n == 0 or free[k + n] == free[k + n - 1] + 1):
        line = lines[free[k + n]]
        if row_like(line):
            return n
        if len(phrases(line.words)) != 1:
            return 0
        n += 1
    return 0


def _body(lines: Sequence[Line], free: Sequence[int], k: int, lo: float, hi: float, h: float) -> list[int]:
    """Positions in `free` of the lines under a header (ending at position k-1) in its table."""
    out: list[int] = []
    prev = lines[free[k - 1]]
    limit = None
    while k < len(free) and free[k] == free[k - 1] + 1:
        line = lines[free[k]]
        gap = line.words[0].bbox[1] - max(w.bbox[3] for w in prev.words)
        limit = limit if limit is not None else max(1.5 * h, 1.8 * gap)
        if gap > limit and not (gap <= 4 * h and row_like(line)):  # a wider gap only before a row of values
            break
        if min(w.bbox[0] for w in line.words) < lo or max(w.bbox[2] for w in line.words) > hi:
            break
        take = 1
        if len(phrases(line.words)) < 2 and to_number(line.text) is None:
            take = _wrap_run(lines, free, k)
            if not take:
                break  # prose under the table
        out.extend(range(k, k + take))
        prev = lines[free[k + take - 1]]
        k += take
    return out


def _rows(lines: Sequence[Line], body: list[int], free: Sequence[int], cols: list[Span], page: int,
          method: Method) -> list[list[CellText]]:
    """Cells of each body line; a one-phrase line under a row whose cell in that column holds
    text joins that cell (a wrapped description), on a line of its own ("\\n")."""
    out: list[list[CellText]] = []
    for b in body:
        line = lines[free[b]]
        cells = line_cells(line, cols, page, method)
        filled = [i for i, c in enumerate(cells) if c.text]
        if out and len(phrases(line.words)) == 1 and len(filled) == 1 and to_number(line.text) is None:
            c = filled[0]
            above = out[-1][c]
            if above.text and to_number(above.text) is None and any(has_digits(x.text) for x in out[-1]):
                boxes = [bx for bx in (above.where.bbox, cells[c].where.bbox) if bx]
                bbox = (min(x[0] for x in boxes), min(x[1] for x in boxes), max(x[2] for x in boxes),
                        max(x[3] for x in boxes))
                where = Where(page, f"{above.where.span}\n{line.text}", bbox, None, method)
                out[-1] = [*out[-1][:c], CellText(f"{above.text}\n{cells[c].text}", where), *out[-1][c + 1:]]
                continue
        out.append(cells)
    return out


def positioned_tables(lines: Sequence[Line], free: Sequence[int], page: int,
                      method: Method) -> tuple[list[TableBlock], list[KeyValue], set[int]]:
    """Tables among the lines at `free` (indices of lines with word boxes, in order); returns the
    blocks, the header/value pairs of one-row tables, and the line indices they consumed."""
    blocks: list[TableBlock] = []
    kvs: list[KeyValue] = []
    used: set[int] = set()
    k = 0
    while k < len(free):
        head = phrases(lines[free[k]].words)
        if not _header_like(head):
            k += 1
            continue
        h = height(lines[free[k]].words)
        lo, hi = head[0][0].bbox[0] - 3 * h, head[-1][-1].bbox[2] + 4 * h
        rows, start = [head], k + 1
        extra: list[list[list[Word]]] = []
        while start + len(extra) + 1 < len(free) and len(extra) < MAX_HEADER_ROWS - 1 and \
                free[start + len(extra)] == free[start + len(extra) - 1] + 1:
            nxt = phrases(lines[free[start + len(extra)]].words)
            if not _sub_header(nxt, lo, hi):
                break
            extra.append(nxt)
            if has_digits(lines[free[start + len(extra)]].text):  # values follow: these were header rows
                rows += extra
                start += len(extra)
                break
        body = _body(lines, free, start, lo, hi, h)
        if not body or not any(row_like(lines[free[b]]) for b in body):
            k += 1
            continue
        cols = find_columns(rows, [lines[free[b]] for b in body])
        names = header_names(rows, cols)
        grid = [line_cells(lines[free[j]], cols, page, method) for j in range(k, start)]
        grid += _rows(lines, body, free, cols, page, method)
        block = block_of(grid, Header(0, len(rows), names), "positioned")
        blocks.append(block)
        used.update(free[j] for j in range(k, body[-1] + 1))
        if len(block.data_rows) == 1:  # labels over one line of values
            for name, cell, hc in zip(names, block.data_rows[0].cells, grid[0], strict=False):
                if name and cell.text:
                    kvs.append(KeyValue(name, cell.text, "below", hc.where, cell.where, 0.7))
        k = body[-1] + 1
    return blocks, kvs, used
