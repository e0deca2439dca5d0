"""Grids that are forms rather than tables, or both.

* A row of "Label:" cells over a row of their values: a form laid out in cells,
  each label read with the value under it (`below`).
* Two label/value pairs side by side in each row ("A | a | B | b"), which a
  header search would take for a header over a row of values.
* "Label:" cells down the first column, each row holding several values across
  ("Weighed: | oats | rye" over "Lots: | L-1 | L-2"): a table laid on its side,
  turned so each column becomes a row under a header of the labels. Without colons, the same
  turn is offered (besides the ordinary reading) when each row's values share one shape
  (`on_its_side`).
* Label-like cells down the first column under a header row of names: label/value
  cells by their shape, but also a two-column table ("Maker | Part") when each
  later column below the header is all words (names), or all measures and counts
  ("L-1 (20 kg)"). Label/value cells hold values of many shapes (a name, a day,
  a code), so both readings are kept only then; a column of codes alone stays
  label/value cells.
"""
from __future__ import annotations

from ingest.layout.blocks import filled
from ingest.layout.candidates import CellText, KeyValue
from ingest.layout.header import Header
from ingest.layout.shapes import has_digits, is_empty, is_label, parts_of, signature

_COLONS = (":", "：")


def _colon_label(text: str) -> bool:
    return text.rstrip().endswith(_COLONS) and is_label(text)


def _filled(row: list[CellText]) -> list[int]:
    return [i for i, c in enumerate(row) if not is_empty(c.text)]


def _bare_labels_over_values(grid: list[list[CellText]], k: int) -> bool:
    """A row of labels without colons over a row of their values, just above a wider table ("Account
    location | Day of visit" over "Wharf Road Bakery | 02/18/2026", then the table's header): two rows
    narrower than the table under them are not its rows but the heading of the page, a small form. The
    labels have no digit, the values fill the very same cells and one of them holds a digit (a day, a
    number), so the two rows cannot be one row of column names over another."""
    if k + 2 >= len(grid):
        return False
    cols, under, wider = _filled(grid[k]), grid[k + 1], _filled(grid[k + 2])
    return (len(cols) >= 2 and _filled(under) == cols and len(wider) > len(cols)
            and all(is_label(grid[k][i].text) and not has_digits(grid[k][i].text) for i in cols)
            and any(has_digits(under[i].text) for i in cols)
            and not any(under[i].text.rstrip().endswith(_COLONS) for i in cols))


def labels_over_values(grid: list[list[CellText]]) -> tuple[list[KeyValue], list[list[CellText]]]:
    """Pairs of each row of "Label:" cells with the row under it (or of bare labels, just above a wider
    table: `_bare_labels_over_values`), and the grid's other rows."""
    out: list[KeyValue] = []
    rest: list[list[CellText]] = []
    k = 0
    while k < len(grid):
        cols = [i for i, c in enumerate(grid[k]) if not is_empty(c.text)]
        under = grid[k + 1] if k + 1 < len(grid) else []
        if _bare_labels_over_values(grid, k) or len(cols) >= 2 and all(
                _colon_label(grid[k][i].text) for i in cols) and all(
                i < len(under) and not is_empty(under[i].text) and not under[i].text.rstrip().endswith(_COLONS)
                for i in cols):
            for i in cols:
                label = grid[k][i]
                out.append(KeyValue(label.text.strip().rstrip(":：").strip(), under[i].text, "below", label.where,
                                    under[i].where, 0.75))
            k += 2
            continue
        rest.append(grid[k])
        k += 1
    return out, rest


def turned(grid: list[list[CellText]]) -> tuple[list[list[CellText]], Header] | None:
    """A table laid on its side, turned upright (a header row of its labels, then a row per column).
    A row may be left blank or nearly (a column no item filled in, "Consent: | | |"), when most rows
    hold values for several items."""
    # every cell counts here: one item's value may repeat the next one's ("Ann | Ann")
    if len(grid) < 2 or not all(_colon_label(r[0].text) for r in grid):
        return None
    if any(_colon_label(c.text) for r in grid for c in r[1:]):
        return None  # "Label: | value | Label: | value": pairs side by side, a form
    across = sum(1 for r in grid if sum(not is_empty(c.text) for c in r) >= 3)
    if across < 2 or 2 * across < len(grid):
        return None
    cols = [i for i in range(1, len(grid[0])) if any(i < len(r) and not is_empty(r[i].text) for r in grid)]
    upright = [[r[0] for r in grid]]
    upright += [[r[i] if i < len(r) else CellText("", r[0].where) for r in grid] for i in cols]
    return upright, Header(0, 1, [r[0].text.strip().rstrip(":：").strip() for r in grid])


def side_parts(grid: list[list[CellText]]) -> tuple[list[list[CellText]], list[list[CellText]]]:
    """A table laid on its side inside a sheet's block, without what frames it: "Label: value" rows of one
    value each above it (the visit's heading: its day, its technician) and lone cells under it (a note,
    "Keep this sheet on file."). Returns (heading rows, the rows across); the grid itself when nothing frames
    it or fewer than three rows would be left."""
    def count(r: list[CellText]) -> int:
        return sum(not is_empty(c.text) for c in r)
    start, end = 0, len(grid)
    while end > start and count(grid[end - 1]) == 1 and not _colon_label(grid[end - 1][0].text):
        end -= 1
    while start < end and count(grid[start]) == 2 and _colon_label(grid[start][0].text) and \
            not is_empty(grid[start][1].text):
        start += 1
    if (start, end) == (0, len(grid)) or end - start < 3:
        return [], grid
    return grid[:start], grid[start:end]


MAX_SIDE_ROWS = 6  # a table laid on its side has a few fields, each a row


def on_its_side(grid: list[list[CellText]]) -> tuple[list[list[CellText]], Header] | None:
    """A table laid on its side without colons: labels down the first column, each row's values of one
    shape (the first row names the items in words, a later row measures every one of them, a number in each:
    "Material | oats | rye | spelt" over "Weighed | 20 kg | 5 kg | 2 kg"), or a whole log laid so
    (`_log_on_its_side`). A header over one row of values holds values of mixed shapes (a name, a day, a
    count), so it is not taken for one. Offered besides the grid's ordinary reading (the resolver picks),
    turned upright as `turned` does."""
    if len(grid) < 2 or any(_colon_label(r[0].text) for r in grid):
        return None
    if len(grid) > MAX_SIDE_ROWS or not _measured_across(grid):
        return _log_on_its_side(grid)
    upright = [[r[0] for r in grid]]
    upright += [[r[i] if i < len(r) else CellText("", r[0].where) for r in grid] for i in range(1, len(grid[0]))
                if any(i < len(r) and not is_empty(r[i].text) for r in grid)]
    return upright, Header(0, 1, [r[0].text.strip() for r in grid])


def _measured_across(grid: list[list[CellText]]) -> bool:
    """The small case: a first row naming the items in words, a later row measuring each of them."""
    rows = [filled(r) for r in grid]
    if any(len(r) < 4 or r[0] is not row[0] for r, row in zip(rows, grid, strict=True)):
        return False
    if not all(is_label(r[0].text) and not has_digits(r[0].text) for r in rows):
        return False
    return not any(has_digits(c.text) for c in rows[0][1:]) and \
        any(all(any(p.kind == "number" for p in parts_of(c.text)) for c in r[1:]) for r in rows[1:])


SIDE_ALIKE = 0.8     # a row of a log laid on its side: this share of its values have one shape
SIDE_MARGIN = 0.2    # ... and its rows are that much more alike than its columns


def _shape(text: str) -> tuple[str, ...]:
    """A value's shape, coarse enough that one field's values share it ("Laminoir L3", "Four F1")."""
    return tuple(dict.fromkeys("digits" if p.kind in ("number", "code") else p.kind for p in parts_of(text)))


def _alike(groups: list[list[str]]) -> float:
    """Over groups of two or more values, the mean share of each group's commonest shape."""
    shares = []
    for values in groups:
        if len(values) >= 2:
            seen = [_shape(v) for v in values]
            shares.append(max(seen.count(s) for s in seen) / len(seen))
    return sum(shares) / len(shares) if shares else 0.0


def _log_on_its_side(grid: list[list[CellText]]) -> tuple[list[list[CellText]], Header] | None:
    """A log laid on its side (a spreadsheet export turned: one row per field, one column per entry):
    distinct labels without digits down the first column, and each row's values alike in shape (a row
    of days, a row of names, a row of readings) while each column mixes shapes. An ordinary table is
    the other way round: its columns are alike and its rows mix."""
    width = max(len(r) for r in grid)
    heads = [r[0].text.strip() for r in grid]
    if len(grid) < 3 or width < 4 or len({h.casefold() for h in heads}) < len(heads):
        return None
    if not all(is_label(h) and not has_digits(h) for h in heads):
        return None
    rows = [[c.text for c in r[1:] if not is_empty(c.text)] for r in grid]
    if sum(1 for r in rows if len(r) >= 3) < max(3, len(rows) * 2 // 3):
        return None
    cols = [[r[i].text for r in grid if i < len(r) and not is_empty(r[i].text)] for i in range(1, width)]
    by_row, by_col = _alike(rows), _alike(cols)
    if by_row < SIDE_ALIKE or by_row - by_col < SIDE_MARGIN:
        return None
    upright = [[r[0] for r in grid]]
    upright += [[r[i] if i < len(r) else CellText("", r[0].where) for r in grid] for i in range(1, width)
                if any(i < len(r) and not is_empty(r[i].text) for r in grid)]
    return upright, Header(0, 1, heads)


def pairs_across(grid: list[list[CellText]]) -> bool:
    """Two label/value pairs side by side in each row ("A | a | B | b" over "C | c | D | d"): every row
    alternates a label without digits and its value, and some value holds digits (a header row of
    names over values never alternates like that)."""
    rows = [[c.text for c in filled(r)] for r in grid]
    if not rows or not any(len(r) == 4 for r in rows) or any(len(r) not in (2, 4) for r in rows):
        return False
    labels = all(is_label(r[i]) and not has_digits(r[i]) for r in rows for i in range(0, len(r), 2))
    return (labels and any(has_digits(r[i]) for r in rows for i in range(1, len(r), 2)) and not _named_rows(rows)
            and not _repeats(rows))


def _named_rows(rows: list[list[str]]) -> bool:
    """A first row of names over rows alike cell by cell ("Rinsed | Item | Checked | Weight" over
    "Never | Rye | Twice | 20 kg", "Never | Barley | Once | 5 kg"): a table of four columns, not two pairs per
    row. Each row of a form names other things, so its values differ in shape from row to row; two rows alike
    by chance are told from a table's rows by a cell repeated down a column (the one unit, the same answer)."""
    head, body = rows[0], rows[1:]
    if len(body) < 2 or any(has_digits(c) or c.rstrip().endswith(_COLONS) for c in head):
        return False
    if len({tuple(signature(c) for c in r) for r in body}) != 1 or len({len(r) for r in rows}) != 1:
        return False
    repeated = any(len({r[i].casefold() for r in body}) < len(body) for i in range(len(head)))
    return len(body) >= 3 or repeated


def _repeats(rows: list[list[str]]) -> bool:
    """Does a column that would hold labels say one thing on most rows ("kg" down "kg | 240 | Quinoa |
    Q-8602")? A form names something else on each row; a column repeating its value is a table's (a unit,
    a status), and the grid is a table under its first row."""
    for col in (0, 2):
        cells = [r[col].strip() for r in rows if col < len(r)]
        most = max((cells.count(c) for c in set(cells)), default=0)
        if most >= 3 and most > len(cells) / 2:
            return True
    return False


def also_a_table(grid: list[list[CellText]], header: Header | None) -> bool:
    """Label/value cells that are also a table under the header at their top (see the module)."""
    if header is None or header.index != 0 or len(grid) - header.rows < 2:
        return False
    if any(has_digits(c.text) or c.text.rstrip().endswith(_COLONS) for c in grid[0]):
        return False
    body = [r for r in grid[header.rows:] if len(filled(r)) >= 2]
    cols = sorted({i for r in body for i, c in enumerate(r) if not is_empty(c.text)})[1:]

    def tabular(i: int) -> bool:
        cells = [r[i].text for r in body if i < len(r) and not is_empty(r[i].text)]
        return not any(map(has_digits, cells)) or all(any(p.kind == "number" for p in parts_of(c)) for c in cells)
    return len(body) >= 2 and bool(cols) and all(tabular(i) for i in cols)
