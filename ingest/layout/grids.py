"""Tables that arrive as grids: ruled PDF tables, DOCX tables and sheets.

A sheet is first cut into blocks (`blocks`): text in one column is read as lines
(`stacks`), every other block as a grid. Rows of "Label:" cells over their
values and tables laid on their side are taken first (`forms`), then a short
grid whose rows go labels, values, labels, values (`_over_values`); the rest of a
grid is read in one of three ways, tried in this order:
* labels down the first column and values beside them (a sheet: `transposed`;
  a DOCX or ruled table of 2 or 4 columns: `pair_table`), also kept as a table
  when it can be one (`forms.also_a_table`);
* a header with rows under it (`TableBlock`); the rows above the header
  (title, address, "Label: | value" lines) are read for pairs, and a header
  over a single data row also gives each header/value pair;
* no header at all: every row is read for pairs, and the grid is kept as a
  header-less block so a table continued from the previous page can join it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ingest.layout.blocks import filled, sheet_blocks
from ingest.layout.candidates import (Arrangement, CellText, CheckLine, KeyValue, Method, Origin, TableBlock,
                                      TableRow, Where)
from ingest.layout.checks import MARK, check_line
from ingest.layout.forms import also_a_table, labels_over_values, on_its_side, pairs_across, side_parts, turned
from ingest.layout.header import Header, align, find_header
from ingest.layout.inline import row_pairs
from ingest.layout.questions import row_question
from ingest.layout.roles import row_roles
from ingest.layout.segments import Segment
from ingest.layout.shapes import has_digits, is_empty, is_label, signature, to_number
from ingest.layout.stacks import read_stack
from ingest.models import Table


@dataclass
class GridReading:
    blocks: list[TableBlock] = field(default_factory=list)
    key_values: list[KeyValue] = field(default_factory=list)
    checks: list[CheckLine] = field(default_factory=list)


def _widened(rows: list[list[str]], width: int) -> list[list[str]]:
    """DOCX drops the repeats of a horizontally merged cell, so such a row is short: spread it over
    the columns of the next full row (see `header.align`)."""
    out = []
    for r, row in enumerate(rows):
        if 2 <= len(row) < width:
            full = next((rows[k] for k in range(r + 1, min(r + 3, len(rows))) if len(rows[k]) == width), None)
            row = align(list(row), list(full)) if full else row
        out.append(row)
    return out


def grid_cells(table: Table, page: int, method: Method) -> list[list[CellText]]:
    """The table's cells with their places; short rows widened (merged cells), all rows equally wide."""
    width = max((len(r) for r in table.rows), default=0)
    rows = table.rows if table.cells else _widened(table.rows, width)
    out = []
    for r, row in enumerate(rows):
        span = " | ".join(c for c in row if c)
        addr = table.cells[r] if table.cells and r < len(table.cells) else None
        out.append([CellText(row[c].strip() if c < len(row) else "",
                             Where(page, span, None, addr[c] if addr and c < len(addr) else None, method))
                    for c in range(width)])
    return out


def _distinct(row: list[str]) -> list[str]:
    """Filled cells, a merged cell the loader repeated across columns counted once."""
    out: list[str] = []
    for c in row:
        if not is_empty(c) and (not out or out[-1] != c):
            out.append(c)
    return out


def _label_column(rows: list[list[str]], header: Header | None) -> bool:
    """Labels down the first column, one value beside each (not a header over a column of numbers)."""
    distinct = []
    for r in rows:  # stops at the first wide row: a big table costs one row here
        d = _distinct(r)
        if len(d) > 4:
            return False
        if d:
            distinct.append(d)
    if len(distinct) < 2:
        return False
    if header is not None:
        head = _distinct(rows[header.index])
        below = [d[-1] for d in (_distinct(r) for r in rows[header.index + header.rows:]) if len(d) >= 2 and d != head]
        if len(below) >= 2 and sum(to_number(v) is not None for v in below) >= 0.8 * len(below):
            return False  # "Name | Count" over a column of numbers is a table
    pairs = sum(1 for d in distinct if is_label(d[0]) and len(d) <= 2)
    return pairs >= 0.7 * len(distinct)


def _pairs(grid: list[list[CellText]], across: Arrangement, out: GridReading) -> None:
    """Pairs in rows that are not a table's body: a question and its answer, label and value cells."""
    for cells in grid:
        q = row_question(cells)
        if q:
            out.key_values.append(q)
            continue
        segs = [Segment(c.text, c.where) for c in cells]
        out.key_values.extend(row_pairs(segs, across).key_values)


def _checks(grid: list[list[CellText]], out: GridReading) -> None:
    for cells in grid:
        for c in cells:
            if c.text and MARK.search(c.text):
                found = check_line(c.text, c.where)
                if found:
                    out.checks.append(found)


def block_of(grid: list[list[CellText]], header: Header | None, origin: Origin = "grid") -> TableBlock:
    """A `TableBlock` from a grid whose header (if any) is known; rows get their roles."""
    start = header.index + header.rows if header else 0
    body = [r for r in grid[start:] if any(not is_empty(c.text) for c in r)]
    texts = [[c.text for c in r] for r in body]
    head_rows = [[c.text for c in r] for r in grid[header.index: start]] if header else []
    roles = row_roles(head_rows, texts)
    first = grid[header.index] if header else (body[0] if body else [])
    where = TableRow(first).where if first else Where(0, "")
    pages = tuple(sorted({c.where.page for c in first}))
    return TableBlock(header.names if header else [], [TableRow(r, role) for r, role in zip(body, roles, strict=True)],
                      where, pages, origin)


MAX_FORM_ROWS = 8  # a form of labels over values is short; a longer grid is a table


def _over_values(grid: list[list[CellText]]) -> list[KeyValue]:
    """A short grid whose rows go labels, values, labels, values ("Run | Made on" over "P-12 | 2026-10-04", then
    "Start | Status" over "2:00 PM | ☒ ORG"): each row of names without digits is over a row of values in the
    same cells, each with a digit or a check box in some cell, no two rows of names alike (a repeated
    header is not a new form row), and the rows of values unlike each other (each names other things). Read as each label over its value; empty when the grid is not such a form."""
    rows = [r for r in grid if any(not is_empty(c.text) for c in r)]
    if not 4 <= len(rows) <= MAX_FORM_ROWS or len(rows) % 2:
        return []
    out: list[KeyValue] = []
    names: set[tuple[str, ...]] = set()
    for labels, values in zip(rows[::2], rows[1::2]):
        cols = [i for i, c in enumerate(labels) if not is_empty(c.text)]
        taken = [i for i, c in enumerate(values) if not is_empty(c.text)]
        texts = tuple(labels[i].text for i in cols)
        if len(cols) < 2 or taken != cols or texts in names or any(has_digits(t) or MARK.search(t) for t in texts):
            return []
        if not any(has_digits(values[i].text) or MARK.search(values[i].text) for i in cols):
            return []
        names.add(texts)
        out += [KeyValue(labels[i].text.strip(), values[i].text, "below", labels[i].where, values[i].where, 0.7)
                for i in cols]
    if len({tuple(signature(c.text) for c in r) for r in rows[1::2]}) == 1:
        return []  # rows of values alike cell by cell are a table's rows ("Rye | none" among "Oats | L-1")
    return out


def _read_table(grid: list[list[CellText]], sheet: bool, out: GridReading) -> None:
    """A grid whose rows fill two or more cells: label/value cells, or a table under its header."""
    kvs, grid = labels_over_values(grid)
    out.key_values += kvs
    stacked = _over_values(grid)
    if stacked:
        out.key_values += stacked
        return
    lead, core = side_parts(grid)
    on_side = turned(grid)
    if on_side is None and core is not grid and (on_side := turned(core)) is not None:
        _pairs(lead, "transposed" if sheet else "pair_table", out)
    if on_side is not None:
        out.blocks.append(block_of(*on_side))
    if on_side is not None or not grid:
        return
    side = on_its_side(grid)
    if side is None and not lead and core is not grid:
        side = on_its_side(core)
    if side is not None:
        out.blocks.append(block_of(*side))
    texts = [[c.text for c in r] for r in grid]
    width = max(len(r) for r in texts)
    header = find_header(texts)
    across: Arrangement = "transposed" if sheet else "pair_table"
    if pairs_across(grid):
        _pairs(grid, across, out)
        return
    if (sheet or width in (2, 4)) and _label_column(texts, header):
        _pairs(grid, across, out)
        if also_a_table(grid, header):
            out.blocks.append(block_of(grid, header))
        return
    if header is None:
        _pairs(grid, across, out)
        if sum(1 for r in texts if len(_distinct(r)) >= 2) >= 2:
            out.blocks.append(block_of(grid, None))
        return
    _pairs(grid[: header.index], across, out)
    block = block_of(grid, header)
    out.blocks.append(block)
    out.key_values.extend(q for r in block.data_rows if (q := row_question(r.cells)))  # a question/answer table
    if len(block.data_rows) == 1:  # a header over one row of values: each header names its value
        row = block.data_rows[0]
        for name, cell, head in zip(block.header, row.cells, grid[header.index], strict=False):
            if name and not is_empty(cell.text):
                out.key_values.append(KeyValue(name, cell.text, "transposed", head.where, cell.where, 0.6))


def read_grid(grid: list[list[CellText]], sheet: bool) -> GridReading:
    """Key-values, table blocks and check lines from one grid. A sheet is first cut into its blocks
    (`blocks`): tables are read as tables, text in one column as lines (`stacks`)."""
    out = GridReading()
    if not grid:
        return out
    if not sheet:
        _checks(grid, out)
        _read_table(grid, sheet, out)
        return out
    blocks = sheet_blocks(grid)
    for n, block in enumerate(blocks):
        if block.wide:
            _checks(block.rows, out)
            _read_table(block.rows, sheet, out)
            continue
        nxt = blocks[n + 1] if n + 1 < len(blocks) else None
        got = read_stack([filled(r)[0] for r in block.rows], block.rows[0][0].where.method,
                         top=block.rows[0] is grid[0], caption_last=nxt is not None and nxt.wide and not nxt.opens)
        out.key_values += got.key_values
        out.checks += got.checks
    return out
