"""Tables drawn with text alone: columns from where the header's words stand.

A header line is three or more label-like phrases; up to three lines of short
labels right under it (units, the parts of a spanning header) are merged into
it. Lines under the header belong to the table while they stay close and
within its width (a long text in the last column may run past the header's
end) and split into several phrases; a lone number (a subtotal)
is kept, and a short run of one-phrase lines is kept when a row follows it:
a cell that wraps onto the lines under its row, which is joined to that row.
Cells of several columns may wrap at once ("Skimmed milk" over "powder" beside
"Hill Farm" over "Dairy Ltd"): a line set closer under its row than that row
sits under the line above it, filling only columns where the row has words, is
the rest of those cells, whatever its number of phrases. A wrapped cell is read
as one text (its lines joined by a space); only lines that each hold a value of
one shape ("L-1 (20 kg)" over "L-2 (5 kg)") stay apart, one value per line.
Columns and cells are worked out in `columns`. Every line is looked at a
bounded number of times.
"""
from __future__ import annotations

from collections.abc import Sequence

from ingest.layout.candidates import CellText, KeyValue, Method, TableBlock, Where
from ingest.layout.checks import MARK
from ingest.layout.columns import Span, find_columns, header_names, line_cells, row_like, words_text
from ingest.layout.grids import block_of
from ingest.layout.header import Header
from ingest.layout.segments import height, phrases
from ingest.layout.shapes import has_digits, is_label, signature, to_number
from ingest.models import Line, Word

MAX_WRAP = 4        # one-phrase lines a wrapped cell may take under its row
MAX_HEADER_ROWS = 4  # a header may wrap onto three more lines of short names ("Chlorine" / "free at" / "rinse" / "(ppm)")
TIGHT = 0.6         # a line this much closer under its row than the row under the line above is its wrap


def _gap(upper: Line, lower: Line) -> float:
    return min(w.bbox[1] for w in lower.words) - max(w.bbox[3] for w in upper.words)


def _tight(lines: Sequence[Line], i: int, row: int) -> bool:
    """Line i sits closer under line i-1 than the row's first line `row` sits under the line above it:
    the lines of one wrapped cell are set closer together than the rows of a table."""
    return row >= 1 and i >= 1 and _gap(lines[i - 1], lines[i]) < TIGHT * max(_gap(lines[row - 1], lines[row]), 0.0)


def joined(above: str, below: str) -> str:
    """The text of a cell whose words go on on the next line: one text, unless each line is a value of
    its own shape with digits and of more than one part (lots listed one per line with their weights stay
    apart for `composite`; a day over its clock time is one value); a line that ends in a comma or
    semicolon already says where its list goes on."""
    shape = _shape(below)
    if has_digits(above) and has_digits(below) and not above.rstrip().endswith((",", ";")) and \
            len(shape) >= 2 and _shape(above.splitlines()[-1]) == shape:
        return f"{above}\n{below}"
    return f"{above} {below}"


def _shape(text: str) -> tuple[str, ...]:
    return tuple("digits" if k in ("number", "code") else k for k in signature(text))


def _header_like(ps: list[list[Word]]) -> bool:
    return len(ps) >= 3 and sum(is_label(words_text(p)) for p in ps) >= 0.75 * len(ps) and \
        not any(has_digits(words_text(p)) for p in ps) and not _pairs_along(ps)


def _pairs_along(ps: list[list[Word]]) -> bool:
    """"Product made:   Spelt loaf   Plant:   North mill": a phrase ending in a colon with a phrase
    beside it that does not is a label and its value, a line of a form, not a table's column names
    (values of words only look like labels, so the line would otherwise pass for a header)."""
    texts = [words_text(p).strip() for p in ps]
    return any(a.endswith((":", "：")) and not b.endswith((":", "：")) for a, b in zip(texts, texts[1:]))


def _form_labels(line: Line) -> bool:
    """A line of several phrases, most of them ending in a colon: labels waiting for the values under them."""
    texts = [words_text(p).rstrip() for p in phrases(line.words)]
    return len(texts) >= 2 and sum(t.endswith((":", "：")) for t in texts) > len(texts) / 2


def _sub_header(ps: list[list[Word]], lo: float, hi: float, tight: bool = False) -> bool:
    """A header's next line: short phrases without digits inside the header's width. Set tight under the
    header (closer than the line under it sits below), it is the rest of wrapped column names, whatever
    their length ("Stage of" over "intervention (A-D)")."""
    return bool(ps) and all(not has_digits(words_text(p)) and (tight or len(words_text(p)) <= 15) for p in ps) \
        and ps[0][0].bbox[0] >= lo and ps[-1][-1].bbox[2] <= hi


def _tight_under(lines: Sequence[Line], i: int) -> bool:
    """Line i sits closer under line i-1 than line i+1 sits under it."""
    return 0 < i < len(lines) - 1 and _gap(lines[i - 1], lines[i]) < TIGHT * _gap(lines[i], lines[i + 1])


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
        if _form_labels(line):
            break  # "Started:   Made:   Site:": the next row of a form's labels, not a row of this table
        if min(w.bbox[0] for w in line.words) < lo or phrases(line.words)[-1][0].bbox[0] > hi:
            # a long text in the last column may run past the header's end; text that starts past it is not the table's
            break
        take = 1
        if len(phrases(line.words)) < 2 and to_number(line.text) is None:
            take = _wrap_run(lines, free, k) or (1 if out and _tight(lines, free[k], free[out[-1]]) else 0)
            if not take:
                break  # prose under the table
        out.extend(range(k, k + take))
        prev = lines[free[k + take - 1]]
        k += take
    return out


def _rows(lines: Sequence[Line], body: list[int], free: Sequence[int], cols: list[Span], page: int,
          method: Method, starts: set[int] | None = None) -> list[list[CellText]]:
    """Cells of each body line; a line that is the rest of the row above's cells (`_wraps`) joins them.
    A line is tight when the gap above it is well under the widest gap from the header down (the rows'
    spacing). When the lines that start rows are known (`starts`), every other line goes on its row."""
    idx = [free[b] for b in body]
    gaps = [_gap(lines[a], lines[b]) for a, b in zip(idx, idx[1:])]
    # the rows' spacing: the widest gap between body lines, or with one gap only, the gap under the header
    spaced = len(gaps) >= 2
    ref = max(gaps) if spaced else _gap(lines[idx[0] - 1], lines[idx[0]]) if idx and idx[0] else 0.0
    out: list[list[CellText]] = []
    for n, i in enumerate(idx):
        line = lines[i]
        cells = line_cells(line, cols, page, method)
        tight = n > 0 and gaps[n - 1] < TIGHT * ref
        if out and (i not in starts and _under_words(out[-1], cells) if starts is not None
                    else _wraps(out[-1], cells, line, tight, spaced)):
            out[-1] = [_join_cell(a, c, page, method) if c.text else a for a, c in zip(out[-1], cells, strict=True)]
            continue
        out.append(cells)
    return out


def _under_words(above: list[CellText], cells: list[CellText]) -> bool:
    """Each filled cell of the line sits under a cell of words; or under a number, when the cell itself is
    words without a digit: a day wrapped over its month ("10" over "septembre" over "2026"), never the next
    row's number under a row's number."""
    filled = [i for i, c in enumerate(cells) if c.text]
    return bool(filled) and all(above[i].text and (to_number(above[i].text) is None or not has_digits(cells[i].text))
                                for i in filled)


def _wraps(above: list[CellText], cells: list[CellText], line: Line, tight: bool, spaced: bool) -> bool:
    """The line holds the rest of cells of the row above: each of its cells sits under a cell of words,
    and either it is set tight under the row (measured against the spacing of the body's rows, or when
    the body shows too few gaps for that, against the header's, when it also leaves some of the row's
    cells without a line of their own), or it is one phrase of words under a row of values."""
    filled = [i for i, c in enumerate(cells) if c.text]
    if not _under_words(above, cells):
        return False
    if tight and (spaced or len(filled) < sum(1 for c in above if c.text)):
        return True
    return len(phrases(line.words)) == 1 and len(filled) == 1 and to_number(line.text) is None and \
        any(has_digits(x.text) for x in above)


def _join_cell(above: CellText, below: CellText, page: int, method: Method) -> CellText:
    boxes = [bx for bx in (above.where.bbox, below.where.bbox) if bx]
    bbox = (min(x[0] for x in boxes), min(x[1] for x in boxes), max(x[2] for x in boxes),
            max(x[3] for x in boxes)) if boxes else None
    where = Where(page, f"{above.where.span}\n{below.where.span}", bbox, None, method)
    return CellText(joined(above.text, below.text), where)


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
            if not _sub_header(nxt, lo, hi, _tight_under(lines, free[start + len(extra)])):
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


MARK_ROWS = 2  # rows of check boxes that make a table of them rather than a form's lines


def _column_names(ps: list[list[Word]], least: int = 2) -> bool:
    texts = [words_text(p) for p in ps]
    return len(ps) >= least and all(is_label(t) and not has_digits(t) and not MARK.search(t) for t in texts) and \
        not any(t.rstrip().endswith((":", "：")) for t in texts)


def _marked_row(line: Line, x0: float, h: float) -> bool:
    """A row of a check-box table: a first phrase without boxes where the first column starts, boxes after it."""
    ps = phrases(line.words)
    return len(ps) >= 2 and not MARK.search(words_text(ps[0])) and abs(ps[0][0].bbox[0] - x0) <= 1.5 * h and \
        any(MARK.search(words_text(p)) for p in ps[1:])


def marked_tables(lines: Sequence[Line], free: Sequence[int], page: int,
                  method: Method) -> tuple[list[TableBlock], set[int]]:
    """Tables whose rows end in a cell of check boxes, under a line of column names ("Product (brand)
    Used as" over "Sodium hypochlorite   ☐ Cleaner ☒ Sanitizer ☐ Other"). The box cell often wraps onto a
    second line set tight under its row; that line belongs to the row. Returns the tables and the lines
    they hold, which are still read as check-box lines (`checks`) but by no other table reader."""
    blocks: list[TableBlock] = []
    used: set[int] = set()
    k = 0
    while k + 1 < len(free):
        head = phrases(lines[free[k]].words)
        h = height(lines[free[k]].words)
        x0 = head[0][0].bbox[0]
        more = _more_header_rows(lines, free, k, x0, h)
        first = k + 1 + len(more)
        if not (first < len(free) and free[first] == free[k] + first - k and _column_names(head)
                and _marked_row(lines[free[first]], x0, h)):
            k += 1
            continue
        body, row_gap, j = [], 0.0, first
        while j < len(free) and free[j] == free[j - 1] + 1:
            line = lines[free[j]]
            gap = _gap(lines[free[j - 1]], line)
            if _marked_row(line, x0, h) and gap <= 2.5 * h:
                row_gap = gap
            elif not (body and gap < TIGHT * row_gap and min(w.bbox[0] for w in line.words) >= x0 - h):
                break
            body.append(j)
            j += 1
        if sum(_marked_row(lines[free[b]], x0, h) for b in body) >= MARK_ROWS:
            heads = [head, *more]
            cols = find_columns(heads, [lines[free[b]] for b in body])
            grid = [line_cells(lines[free[i]], cols, page, method) for i in range(k, first)]
            starts = _row_starts(lines, [free[b] for b in body], x0, h)
            grid += _rows(lines, body, free, cols, page, method, starts)
            blocks.append(block_of(grid, Header(0, len(heads), header_names(heads, cols)), "positioned"))
            used.update(free[i] for i in range(k, j))
        k = j
    return blocks, used


def _more_header_rows(lines: Sequence[Line], free: Sequence[int], k: int, x0: float,
                      h: float) -> list[list[list[Word]]]:
    """The further lines of a header of two or more rows ("Weight   Checked   Rinsed" over "per mix   twice",
    up to `MAX_HEADER_ROWS` lines): each fewer column names than the first line, directly under it and over
    the first row of boxes. Their words finish the names above them; taken alone the last would be the
    header, and the lines above it stray lines of labels."""
    width = len(phrases(lines[free[k]].words))
    for n in range(1, MAX_HEADER_ROWS):
        if k + n + 1 >= len(free) or free[k + n + 1] != free[k] + n + 1:
            return []
        nxt = phrases(lines[free[k + n]].words)
        if not _column_names(nxt, 1) or len(nxt) >= width:
            return []
        if _marked_row(lines[free[k + n + 1]], x0, h):
            return [phrases(lines[free[k + j]].words) for j in range(1, n + 1)]
    return []


def _row_starts(lines: Sequence[Line], idx: list[int], x0: float, h: float) -> set[int]:
    """The lines of a check-box table that begin rows: rows of boxes, unless set tight under the line above
    (the rest of a row's cell may begin with a box of its own)."""
    gaps = [_gap(lines[a], lines[b]) for a, b in zip(idx, idx[1:])]
    ref = max(gaps, default=0.0)
    return {i for n, i in enumerate(idx) if _marked_row(lines[i], x0, h) and (n == 0 or gaps[n - 1] >= TIGHT * ref)}
