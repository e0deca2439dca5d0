"""What each row under a header is: data, a subtotal, the header again, or a note.

All by structure, never by the words in the row:
* a repeated header is a row equal to a header row (tables printed over pages);
* a subtotal leaves the label columns (the ones data rows fill with text) empty
  while it has numbers, or is a sparse row whose number equals the sum of the
  column above it (since the last subtotal, or of all data so far);
* a note is a row of one text that is not a number, in one cell (or one
  merged cell the loader repeated), in a table whose data rows fill several cells.
One pass over the rows with running sums: linear in the table's size.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ingest.layout.candidates import RowRole
from ingest.layout.shapes import is_empty, to_number

_TEXT_COLUMN = 0.5    # a column is a label column when fewer than this share of its cells are numbers
_NUMBER_COLUMN = 0.8  # ... and a number column when at least this share are


def _key(row: Sequence[str]) -> tuple[str, ...]:
    return tuple(" ".join(c.split()).lower() for c in row if not is_empty(c))


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.005, 1e-6 * abs(b))


@dataclass(frozen=True, slots=True)
class _Row:
    filled: list[int]              # indices of filled cells
    numbers: dict[int, float]      # numbers by column


def _scan(rows: Sequence[Sequence[str]]) -> list[_Row]:
    out = []
    for row in rows:
        filled = [i for i, c in enumerate(row) if not is_empty(c)]
        out.append(_Row(filled, {i: v for i in filled if (v := to_number(row[i])) is not None}))
    return out


def _columns(scan: list[_Row], width: int) -> tuple[list[int], list[int], int]:
    """Label columns, number columns and the typical number of filled cells of a data row."""
    filled = [0] * width
    numeric = [0] * width
    counts: dict[int, int] = {}
    for r in scan:
        for i in r.filled:
            filled[i] += 1
        for i in r.numbers:
            numeric[i] += 1
        counts[len(r.filled)] = counts.get(len(r.filled), 0) + 1
    typical = max(counts, key=lambda k: (counts[k], k)) if counts else 0
    text_cols = [i for i in range(width) if filled[i] >= 0.3 * len(scan) and numeric[i] < _TEXT_COLUMN * filled[i]]
    num_cols = [i for i in range(width) if filled[i] and numeric[i] >= _NUMBER_COLUMN * filled[i]]
    return text_cols, num_cols, typical


def row_roles(header_rows: Sequence[Sequence[str]], rows: Sequence[Sequence[str]]) -> list[RowRole]:
    """The role of each row in `rows` (the rows under the header, in order)."""
    width = max([len(r) for r in rows] + [len(h) for h in header_rows] + [0])
    heads = {_key(h) for h in header_rows if _key(h)}
    firsts = {k[0] for k in heads}  # cheap first test before building a row's key
    scan = _scan(rows)
    text_cols, num_cols, typical = _columns(scan, width)
    since: dict[int, tuple[float, int]] = {i: (0.0, 0) for i in num_cols}  # since the last subtotal
    whole: dict[int, tuple[float, int]] = dict(since)                       # all data rows
    roles: list[RowRole] = []
    for row, r in zip(rows, scan, strict=True):
        if r.filled and row[r.filled[0]].strip().lower() in firsts and _key(row) in heads:
            roles.append("repeat_header")
            continue
        figures = {i: r.numbers[i] for i in num_cols if i in r.numbers}
        no_labels = bool(text_cols) and all(i not in r.filled for i in text_cols)
        sums = any(n >= 2 and _close(v, s) for i, v in figures.items() for s, n in (since[i], whole[i]))
        if figures and (no_labels or (sums and len(r.filled) < typical)):
            roles.append("subtotal")
            since = {i: (0.0, 0) for i in num_cols}
            continue
        if typical >= 2 and r.filled and not r.numbers and len({row[i].strip() for i in r.filled}) == 1 and (
                len(r.filled) == 1 or len(r.filled) == len(row)):
            roles.append("note")
            continue
        roles.append("data")
        for i, v in figures.items():
            s, n = since[i]
            since[i] = (s + v, n + 1)
            s, n = whole[i]
            whole[i] = (s + v, n + 1)
    return roles
