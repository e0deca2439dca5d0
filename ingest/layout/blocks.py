"""A sheet cut into the blocks a reader sees: tables, and text stacked in one column.

Sheets and CSV files often stack several things on one grid: a title, label and
value cells, a table under its caption, questions with their answers, a list.
Blank rows separate them (the loader drops blank rows, so a jump in the row
numbers of the cell addresses is a blank row too), and so does a change of
shape: rows that fill two or more cells (a table, "label | value" cells)
against rows that fill one. Two exceptions keep a table whole: one lone row
between two runs over the same columns (a group row inside the table), and one
lone row closing a table of three or more rows (a note under it, unless it is
a "Label: value" of its own). A lone row over a row of column names whose rows are
shaped unlike the rows above it (check boxes where there were words) is the caption
of the next table, not a group row: two tables stacked without a blank row. A row of
column names filling fewer columns than the rows above it, over rows that fill only its
columns and hold digits, starts a new table even inside a run of wide rows (a batch's
heading table of one row with its inputs' table right under it, `_second_header`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.layout.candidates import CellText
from ingest.layout.checks import MARK
from ingest.layout.shapes import has_digits, is_empty, is_label

_ROW = re.compile(r"(\d+)$")
_PAIR = re.compile(r"[:：]\s+\S")


@dataclass(frozen=True, slots=True)
class Block:
    rows: list[list[CellText]]
    wide: bool  # its rows fill two or more cells: a grid; else lines of text in one column
    opens: bool = False  # a blank row (or the top of the sheet) is right above it


def filled(row: list[CellText]) -> list[CellText]:
    """Filled cells, a merged cell the loader repeated across columns counted once."""
    out: list[CellText] = []
    for c in row:
        if not is_empty(c.text) and (not out or out[-1].text != c.text):
            out.append(c)
    return out


def _row_number(row: list[CellText]) -> int | None:
    m = _ROW.search(row[0].where.cell or "") if row else None
    return int(m.group(1)) if m else None


def _sections(grid: list[list[CellText]]) -> list[list[list[CellText]]]:
    """Runs of rows between blank rows (a blank row is an empty row or a gap in the row numbers)."""
    out: list[list[list[CellText]]] = [[]]
    last = None
    for row in grid:
        number = _row_number(row)
        if not filled(row) or (number is not None and last is not None and number > last + 1):
            if out[-1]:
                out.append([])
        if filled(row):
            out[-1].append(row)
        last = number if number is not None else last
    return [s for s in out if s]


def _columns(rows: list[list[CellText]]) -> set[int]:
    return {i for r in rows for i, c in enumerate(r) if not is_empty(c.text)}


def _runs(section: list[list[CellText]]) -> list[Block]:
    runs: list[Block] = []
    for row in section:
        wide = len(filled(row)) >= 2
        if runs and runs[-1].wide == wide:
            runs[-1].rows.append(row)
        else:
            runs.append(Block([row], wide))
    runs = [part for run in runs for part in _cut_at_headers(run)]
    cut = {id(r.rows[0]) for n, r in enumerate(runs) if n and r.wide and runs[n - 1].wide}
    merged: list[Block] = []
    for n, run in enumerate(runs):
        prev = merged[-1] if merged else None
        nxt = runs[n + 1] if n + 1 < len(runs) else None
        lone = not run.wide and len(run.rows) == 1 and prev is not None and prev.wide
        if lone and nxt is not None and _columns(nxt.rows) == _columns(prev.rows) and not _opens_table(prev, nxt):
            prev.rows.append(run.rows[0])  # a group row inside one table
        elif lone and nxt is None and len(prev.rows) >= 3 and not _PAIR.search(filled(run.rows[0])[0].text):
            prev.rows.append(run.rows[0])  # a note closing the table (not a "Label: value" of its own)
        elif prev is not None and prev.wide and run.wide and id(run.rows[0]) not in cut:
            prev.rows.extend(run.rows)  # the table goes on after its group row
        else:
            merged.append(Block(list(run.rows), run.wide))
    return merged


def _second_header(rows: list[list[CellText]], i: int) -> bool:
    """Is row `i` of a wide run the header of a second table: names only (labels without digits, two or
    more), filling fewer columns than the rows above (or the same ones, when the rows above are a form's
    "Label:" cells and these names have no colon), not the first row repeated, over two or more rows that
    fill no column it leaves empty, start with no "Label:" cell and each hold a digit?"""
    head = rows[i]
    names = filled(head)
    if i < 2 or len(names) < 2 or not all(is_label(c.text) and not has_digits(c.text) for c in names):
        return False
    cols = _columns([head])
    if [c.text for c in filled(rows[0])] == [c.text for c in names]:
        return False
    # the same columns as the row above: a form's "Label:" cells ending where the colons end
    form_ends = _colon_label(rows[i - 1]) and not any(c.text.rstrip().endswith((":", "：")) for c in names)
    # other columns: fewer than the rows above fill (names over a wider table are pairs over it, `forms.py`)
    if not form_ends and not cols < _columns(rows[:i]):
        return False
    body = []
    for row in rows[i + 1:]:
        if not _columns([row]) <= cols or not any(has_digits(c.text) for c in filled(row)) or _colon_label(row):
            break
        body.append(row)
    return len(body) >= 2


def _colon_label(row: list[CellText]) -> bool:
    """Does the row start with a "Label:" cell?"""
    cells = filled(row)
    return bool(cells) and cells[0].text.rstrip().endswith((":", "："))


def _cut_at_headers(run: Block) -> list[Block]:
    """A wide run cut before each row that heads a second table (`_second_header`)."""
    if not run.wide:
        return [run]
    parts: list[Block] = [Block([run.rows[0]], True)]
    for i in range(1, len(run.rows)):
        if _second_header(run.rows, i):
            parts.append(Block([], True))
        parts[-1].rows.append(run.rows[i])
    return parts


def _shape(text: str) -> str:
    return "" if is_empty(text) else "check" if MARK.search(text) else "digits" if has_digits(text) else "words"


def _shapes(rows: list[list[CellText]]) -> tuple[str, ...]:
    """Per column, the shape most of `rows` have there (empty, check boxes, digits or words)."""
    width = max(len(r) for r in rows)
    out = []
    for c in range(width):
        seen = [_shape(r[c].text) for r in rows if c < len(r)]
        out.append(max(sorted(set(seen)), key=seen.count))
    return tuple(out)


def _opens_table(prev: Block, nxt: Block) -> bool:
    """Does `nxt` start a table of its own: a row of column names (labels, no digits, not the header
    above repeated) over rows shaped unlike the rows of `prev` ("Substance | Use" over "Peracetic acid |
    ☒ Sanitizer ☐ Cleaner" under a list of questions and answers)? A group row ("Dry goods") is
    followed by rows like the ones before it."""
    head, body = nxt.rows[0], nxt.rows[1:]
    names = [c.text for c in filled(head)]
    if not body or len(prev.rows) < 2 or not all(is_label(t) and not has_digits(t) for t in names):
        return False
    if [c.text for c in filled(prev.rows[0])] == names:
        return False  # the header repeated under a group row
    return _shapes(body) != _shapes(prev.rows[1:])


def sheet_blocks(grid: list[list[CellText]]) -> list[Block]:
    """The blocks of a sheet's grid, in order."""
    out = []
    for section in _sections(grid):
        runs = _runs(section)
        out += [Block(runs[0].rows, runs[0].wide, True), *runs[1:]]
    return out
