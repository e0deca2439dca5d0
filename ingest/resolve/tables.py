"""Map a table's columns to declared fields, and read its rows as typed values.

A column is a field when its header names the field (the same label scores as key-values) and its
cells read as the field's type; a header that names nothing known can still be placed by its
cells (a column of dates in a cleaning log). Each column serves one field and each field one
column, best pairs first. A table is chosen for a record list when it maps the most of the fields.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from auditpack.declarations import FieldDeclaration, KindDeclaration
from ingest.layout import CellText, TableBlock, TableRow
from ingest.layout.checks import MARK
from ingest.layout.shapes import is_empty
from ingest.normalize import parse_bool
from ingest.resolve.companies import place_companies
from ingest.resolve.labels import LabelIndex
from ingest.resolve.numbered import key_by_codes, phrases
from ingest.resolve.people import (order_people, place_remarks, place_second_person, place_site,
                                   place_worker, worker_from_items)
from ingest.resolve.scalars import label_scores
from ingest.resolve.semantic import leaning
from ingest.resolve.values import DocFormat, answer_share, bare_measure, header_unit, read_value

SAMPLE_ROWS = 25
ANSWER_ONLY = 0.6  # a cell that is mostly an enum's value word is an answer, not a name with a mark in it
MIN_HEADER = 0.25  # a header this close to a field's labels places the column when its cells fit the type
SHAPED = {"date", "datetime", "unit", "bool", "enum"}  # types whose cells are recognisable without a header
SURE_HEADER = 0.9    # a column placed this surely by its header is not second-guessed by its cells' meaning
SAMPLE_MEANING = 8   # cells per column compared with the fields' meanings
SWAP_MARGIN = 0.05   # how much more the cells must lean to the other field (mean cosine difference)
PAIR_MARGIN = 0.1    # a header fitting two fields of the same answers this closely is placed by their words apart
HEADER_SLACK = 0.4   # headers as placed that fit this much better (summed label scores) than swapped are kept


@dataclass
class ColumnMap:
    table: TableBlock
    columns: dict[str, int] = field(default_factory=dict)   # field path -> column index
    scores: dict[str, float] = field(default_factory=dict)
    extra: dict[int, str] = field(default_factory=dict)     # unmapped columns: index -> header

    @property
    def total(self) -> float:
        return sum(self.scores.values())


def _validity(cells: list[CellText], f: FieldDeclaration, fmt: DocFormat) -> float:
    """The share of filled cells that read as the field's type; a placeholder dash ("-" for the supplier of
    water) says nothing is there, and is no evidence against the column."""
    filled = [c.text for c in cells[:SAMPLE_ROWS] if not is_empty(c.text)]
    if not filled:
        return 0.0
    return sum(1 for t in filled if read_value(t, f, fmt) is not None) / len(filled)


def map_columns(table: TableBlock, decl: KindDeclaration, index: LabelIndex, paths: dict[str, FieldDeclaration],
                fmt: DocFormat, embedder: str | None) -> ColumnMap:
    """Best column for each field in `paths` (path as the index knows it -> its declaration).

    Columns and fields are matched as one assignment (Hungarian, scipy) maximising the total of
    label score and cell validity, so two headers that both look like "supplier" go to the two
    fields they fit best together. A column whose cells all read as a date or a unit can be placed
    without a header it names."""
    headers = [h.strip() for h in table.header]
    labels = list(dict.fromkeys(h for h in headers if h))
    scores = label_scores(index, labels, list(paths), embedder) if labels else {}
    _contrast_pairs(index, labels, paths, scores)
    rows = table.data_rows
    names = list(paths)
    gain = np.zeros((len(headers), len(names)), dtype=np.float64)
    fixed = _keys_that_must_vary(decl, paths, rows, len(headers), fmt)
    measured = _measured_column(rows, paths, len(headers), fmt)
    for col, header in enumerate(headers):
        cells = [r.cells[col] for r in rows if col < len(r.cells)]
        for j, path in enumerate(names):
            f = paths[path]
            valid = _validity(cells, f, fmt)
            if valid < 0.6 or path in fixed and _one_value(cells) or f.type in ("name", "text") and _yes_no(cells):
                continue
            if person_row(decl, f) and phrases([c.text for c in cells[:SAMPLE_ROWS]]):
                continue  # "Trap emptied and reset" names no one, whatever the header
            if f.type == "bool" and f.from_words and _item_names(cells, f):
                continue  # a bool read from the item's words has no column of names ("Goods" over foods)
            ls = scores.get((header, path), 0.0) if header else 0.0
            if ls >= MIN_HEADER:
                gain[col, j] = 0.7 * ls + 0.3 * valid
            elif f.type in SHAPED and valid >= 0.9 and (f.type not in ("bool", "enum") or _answers(cells, f)):
                gain[col, j] = 0.25 * valid  # the cells alone say what the column holds
            elif f.type == "quantity" and header_unit(header) and valid >= 0.9:
                gain[col, j] = 0.3  # "Weighed (kg)": numbers in a unit are a quantity
            elif f.type == "quantity" and _measures(cells, fmt):
                gain[col, j] = 0.25  # "200 kg" on every row: the cells alone say it is a quantity
            elif f.type == "quantity" and col == measured and valid >= 0.9:
                gain[col, j] = 0.25  # the one column of numbers beside a column of units
    out = ColumnMap(table)
    if gain.size:
        for col, j in zip(*linear_sum_assignment(gain, maximize=True)):
            if gain[col, j] > 0:
                out.columns[names[j]] = int(col)
                out.scores[names[j]] = round(float(gain[col, j]), 3)
    _by_arithmetic(decl, out, rows, paths, scores, headers, fmt)
    _name_column(out, rows, paths, len(headers), fixed, decl)
    fit = _header_fit(scores, headers)
    key_by_codes(out.columns, out.scores, rows, len(headers), paths, decl, fit)
    place_worker(out.columns, out.scores, rows, len(headers), paths, decl, embedder)
    place_companies(out.columns, out.scores, rows, len(headers), paths, decl, embedder)
    place_site(out.columns, out.scores, rows, len(headers), paths, decl, embedder)
    place_second_person(out.columns, out.scores, rows, len(headers), paths, decl, embedder)
    if embedder:
        _by_meaning(out, rows, paths, decl, embedder, fit)
    _in_order(out, rows, paths, fmt, fit)
    _followed_first(out, paths, fit)
    order_people(out.columns, rows, paths, decl, fit)
    worker_from_items(out.columns, out.scores, rows, paths, decl, embedder, fit)
    place_remarks(out.columns, out.scores, rows, len(headers), paths, decl)
    out.extra = {i: h for i, h in enumerate(headers) if i not in out.columns.values()}
    return out


def person_row(decl: KindDeclaration, f: FieldDeclaration) -> bool:
    """A log's person of the row: a `name` field of a kind read one record per row."""
    return decl.one_per == "row" and f.type == "name" and f.position == "row"


def _contrast_pairs(index: LabelIndex, labels: list[str], paths: dict[str, FieldDeclaration], scores: dict) -> None:
    """Two fields that take the same answers (the run before a cleaning and the run after it) are told apart
    by one word of their labels. A header that fits both about alike goes to the one whose labels alone hold
    one of its words: the closer score is lowered below the other's (updates `scores`)."""
    enums = [p for p, f in paths.items() if f.type == "enum" and f.values]
    pairs = [(a, b) for i, a in enumerate(enums) for b in enums[i + 1:] if paths[a].values == paths[b].values]
    for a, b in pairs:
        for lab in labels:
            sa, sb = scores.get((lab, a), 0.0), scores.get((lab, b), 0.0)
            if max(sa, sb) < MIN_HEADER or abs(sa - sb) >= PAIR_MARGIN:
                continue
            side = index.contrast(lab, a, b)
            if side > 0 and sb >= sa:
                scores[(lab, b)] = max(0.0, sa - PAIR_MARGIN)
            elif side < 0 and sa >= sb:
                scores[(lab, a)] = max(0.0, sb - PAIR_MARGIN)


def _answers(cells: list[CellText], f: FieldDeclaration) -> bool:
    """The cells answer a closed question ("Yes", "N", "☒", "Organic"): a column of product names that
    carry an organic mark ("Oat flakes (organic)") reads as the answer too, but names the items."""
    filled = [c.text for c in cells[:SAMPLE_ROWS] if c.text.strip()]
    said = [t for t in filled if MARK.search(t) or parse_bool(t) is not None or answer_share(t, f) >= ANSWER_ONLY]
    return len(said) >= 0.8 * len(filled)


def _item_names(cells: list[CellText], f: FieldDeclaration) -> bool:
    """Most filled cells name things ("Bio-Zimt", "Hefe"): three letters or more that are neither a yes/no
    nor mostly one of the field's answers. A column of marks ("✓", "✗") or answers names nothing."""
    filled = [c.text for c in cells[:SAMPLE_ROWS] if not is_empty(c.text)]
    named = [t for t in filled if sum(ch.isalpha() for ch in t) >= 3 and parse_bool(t) is None
             and answer_share(t, f) < ANSWER_ONLY]
    return len(named) * 2 > len(filled)


def _yes_no(cells: list[CellText]) -> bool:
    """Every filled cell a yes/no answer or a check mark ("Yes", "Nein", "✓"): a column that answers a question
    names no company or item, whatever its header ("Certified input" over "Yes", "No")."""
    filled = [c.text.strip() for c in cells[:SAMPLE_ROWS] if not is_empty(c.text)]
    return bool(filled) and all(parse_bool(t) is not None or MARK.fullmatch(t) for t in filled)


def _measures(cells: list[CellText], fmt: DocFormat) -> bool:
    """Two or more filled cells, every one a number and a unit and nothing else."""
    filled = [c.text for c in cells[:SAMPLE_ROWS] if c.text.strip()]
    return len(filled) >= 2 and all(bare_measure(t, fmt) for t in filled)


def _measured_column(rows: list[TableRow], paths: dict[str, FieldDeclaration], width: int,
                     fmt: DocFormat) -> int | None:
    """The column of bare numbers that a column of units beside it measures ("Weighed" over 600, 120 next to
    "Meas." over kg, kg): when a table has a column whose every cell is a unit and exactly one column whose
    every cell is a plain number, that number column is the quantity, whatever its header says."""
    units = [f for f in paths.values() if f.type == "unit"]
    if not units or not any(f.type == "quantity" for f in paths.values()) or len(rows) < 2:
        return None
    columns = [[r.cells[c] for r in rows if c < len(r.cells)] for c in range(width)]
    if not any(_validity(cells, units[0], fmt) >= 0.9 and not _numbers_only(cells, fmt) for cells in columns):
        return None
    numeric = [c for c, cells in enumerate(columns) if _numbers_only(cells, fmt)]
    return numeric[0] if len(numeric) == 1 else None


def _numbers_only(cells: list[CellText], fmt: DocFormat) -> bool:
    """Two or more filled cells, each a plain number: no letter in it, so a column of lot codes ("24087N",
    "LOT 901484"), which also read as numbers, is not one."""
    filled = [c.text for c in cells[:SAMPLE_ROWS] if c.text.strip()]
    return len(filled) >= 2 and all(fmt.number(t) is not None and not any(ch.isalpha() for ch in t) for t in filled)


def _one_value(cells: list[CellText]) -> bool:
    """Three or more filled cells that all say the same thing (a technician on every row)."""
    filled = {" ".join(c.text.split()).casefold() for c in cells[:SAMPLE_ROWS] if c.text.strip()}
    return len(filled) == 1 and sum(1 for c in cells[:SAMPLE_ROWS] if c.text.strip()) >= 3


def _keys_that_must_vary(decl: KindDeclaration, paths: dict[str, FieldDeclaration], rows: list[TableRow],
                         width: int, fmt: DocFormat) -> set[str]:
    """The key fields of a log (each row its own record) that cannot take a column of one repeated value.

    A log's entries are told apart by their key fields (a pest check by its date and station). When no
    column of varying cells reads as the other key fields (one visit: the date is in the heading), the rows
    can only differ by this one, so a column that says the same on every row is not it, however its header
    reads. A kind read per row only by its key (a document kind: an export repeating the invoice number on
    every line) is not a log and keeps its repeated keys."""
    keys = [k for k in decl.key_fields if k in paths]
    if decl.one_per != "row" or len(keys) < 2:
        return set()
    columns = [[r.cells[c] for r in rows if c < len(r.cells)] for c in range(width)]
    varying = [cells for cells in columns if not _one_value(cells) and sum(1 for c in cells if c.text.strip()) >= 2]
    return {k for k in keys
            if not any(_validity(cells, paths[o], fmt) >= 0.9 for o in keys if o != k for cells in varying)}


def _numbers(rows: list[TableRow], col: int, fmt: DocFormat) -> list[float | None]:
    return [fmt.number(r.cells[col].text) if col < len(r.cells) else None for r in rows[:SAMPLE_ROWS]]


def _by_arithmetic(decl: KindDeclaration, out: ColumnMap, rows: list[TableRow], paths: dict[str, FieldDeclaration],
                   scores: dict, headers: list[str], fmt: DocFormat) -> None:
    """A table whose declaration says a x b = c (quantity x unit price = amount): the three numeric
    columns for which that holds on most rows are those fields, whatever their headers say."""
    product = _product_of(decl, paths)
    if not product or len(rows) < 2:
        return
    a, b, c = product
    every = {col: _numbers(rows, col, fmt) for col in range(len(headers))}
    values = {col: v for col, v in every.items() if v and sum(x is not None for x in v) >= 0.8 * len(v)}
    numeric = list(values)
    if len(numeric) < 3:
        return
    best = None
    for ci in numeric:
        for ai in numeric:
            for bi in numeric:
                if len({ai, bi, ci}) < 3 or ai > bi:
                    continue
                ok = sum(1 for x, y, z in zip(values[ai], values[bi], values[ci])
                         if None not in (x, y, z) and abs(x * y - z) <= max(0.011, 0.006 * abs(z)))
                if ok >= 0.8 * len(values[ci]) and (best is None or ok > best[0]):
                    best = (ok, ai, bi, ci)
    if best is None:
        return
    _, ai, bi, ci = best
    # which factor is which: the headers decide when they can, else the one with cents is the price
    ha = scores.get((headers[ai], a), 0.0) + scores.get((headers[bi], b), 0.0)
    hb = scores.get((headers[bi], a), 0.0) + scores.get((headers[ai], b), 0.0)
    if ha == hb:
        cents = lambda col: sum(1 for v in values[col] if v is not None and v != int(v))  # noqa: E731
        ha, hb = cents(bi), cents(ai)
    first, second = (ai, bi) if ha >= hb else (bi, ai)
    for path, col in ((a, first), (b, second), (c, ci)):
        for other, used in list(out.columns.items()):
            if used == col or other == path:
                out.columns.pop(other)
                out.scores.pop(other, None)
        out.columns[path] = col
        out.scores[path] = 0.8


def _product_of(decl: KindDeclaration, paths: dict[str, FieldDeclaration]) -> tuple[str, str, str] | None:
    """The (a, b, c) column paths of the declared product of the table field `paths` belong to."""
    prefixes = {p.split(".", 1)[0] for p in paths if "." in p}
    for name in prefixes:
        f = decl.fields.get(name)
        if f is not None and f.product:
            a, b, c = (f"{name}.{x}" for x in f.product)
            if {a, b, c} <= set(paths):
                return a, b, c
    return None


def _letters(text: str) -> float:
    return sum(ch.isalpha() for ch in text) / max(1, len(text))


def _name_column(out: ColumnMap, rows: list[TableRow], paths: dict[str, FieldDeclaration], width: int,
                 fixed: set[str] = frozenset(), decl: KindDeclaration | None = None) -> None:
    """A line table always names its items: when no header named the required text column (the
    description, the ingredient), the free column of longest wordy cells is it. A column that says one thing
    on every row (the site written out on each) names no item when another column's words vary."""
    want = [p for p, f in paths.items() if f.required and f.type in ("text", "name") and p not in out.columns]
    if not want or not out.columns:
        return
    if paths[want[0]].type == "name" and len(rows) < 2:
        # a list of companies or people names several: one row's wordy cell under a header naming no field
        # ("Product | Status" over "Cacao nibs | Submitted" on a customs entry) is no evidence of a name column
        return
    closed = [f for f in paths.values() if f.type in ("enum", "bool") and f.values]
    best, best_key = None, (False, 0.0)  # (its words vary from row to row, mean length): the larger wins
    for col in range(width):
        if col in out.columns.values():
            continue
        cells = [r.cells[col].text for r in rows[:SAMPLE_ROWS] if col < len(r.cells) and r.cells[col].text.strip()]
        if len(cells) < max(1, len(rows[:SAMPLE_ROWS]) // 2) or sum(_letters(c) >= 0.6 for c in cells) < 0.8 * len(cells):
            continue
        if any(sum(answer_share(c, f) >= ANSWER_ONLY for c in cells) >= 0.8 * len(cells) for f in closed):
            continue  # "Organic", "Conv.": the answers of a closed question (a run type), not the items' names
        if decl is not None and person_row(decl, paths[want[0]]) and phrases(cells):
            continue  # a log's person is never a column of phrases
        one = _one_value([r.cells[col] for r in rows if col < len(r.cells)])
        if want[0] in fixed and one:
            continue  # the one technician on every row cannot be what tells the rows apart
        if (key := (not one, sum(len(c) for c in cells) / len(cells))) > best_key:
            best, best_key = col, key
    if best is not None:
        out.columns[want[0]] = best
        out.scores[want[0]] = 0.3


def _header_fit(scores: dict, headers: list[str]) -> Callable[[int, str], float]:
    """How well column `col`'s header names field `path` (0 for a column without a header)."""
    return lambda col, path: scores.get((headers[col], path), 0.0) if headers[col] else 0.0


def _by_meaning(out: ColumnMap, rows: list[TableRow], paths: dict[str, FieldDeclaration], decl: KindDeclaration,
                embedder: str, fit: Callable[[int, str], float]) -> None:
    """Two word columns placed by headers that fit both fields about as well ("Purchased from" fits a
    supplier and what was bought alike) are swapped when their cells say the other: the column of company
    names leans to the field meaning a company, the column of foods to the field meaning a product. A
    header that names its own field clearly better than the other ("Checked through" over certifiers,
    beside foods named "... - certified organic") keeps its column, whatever the cells lean to."""
    placed = [p for p in out.columns if paths[p].type in ("name", "text")]
    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            if a.split(".")[0] != b.split(".")[0] or min(out.scores[a], out.scores[b]) >= SURE_HEADER:
                continue
            ca, cb = out.columns[a], out.columns[b]
            if fit(ca, b) + fit(cb, a) < fit(ca, a) + fit(cb, b) - HEADER_SLACK:
                continue  # the headers as placed fit clearly better than swapped
            cells = {p: [r.cells[col].text for r in rows[:SAMPLE_MEANING]
                         if (col := out.columns[p]) < len(r.cells) and not is_empty(r.cells[col].text)] for p in (a, b)}
            if not cells[a] or not cells[b]:
                continue
            # column of a minus column of b, each asked whether it is rather a than b
            if leaning(embedder, decl, cells[b], a, b) - leaning(embedder, decl, cells[a], a, b) > SWAP_MARGIN:
                out.columns[a], out.columns[b] = out.columns[b], out.columns[a]


def _in_order(out: ColumnMap, rows: list[TableRow], paths: dict[str, FieldDeclaration], fmt: DocFormat,
              fit: Callable[[int, str], float]) -> None:
    """Two date columns placed against their fields' declared order (`after`: a cleaning written down before
    it was done) were placed for each other: when on most rows the later field's cell is the earlier date,
    they are swapped, unless their headers as placed fit clearly better than swapped."""
    for path, f in paths.items():
        first = f.after
        if not first or path not in out.columns or first not in out.columns:
            continue
        a, b = out.columns[path], out.columns[first]
        before = later = 0
        for r in rows[:SAMPLE_ROWS]:
            if max(a, b) >= len(r.cells):
                continue
            x, y = read_value(r.cells[a].text, f, fmt), read_value(r.cells[b].text, paths[first], fmt)
            if x is None or y is None or type(x) is not type(y):
                continue
            before += x < y
            later += x > y
        swapped, placed = fit(a, first) + fit(b, path), fit(a, path) + fit(b, first)
        if before > later and before >= 2 and swapped >= placed - HEADER_SLACK:
            out.columns[path], out.columns[first] = b, a


def _followed_first(out: ColumnMap, paths: dict[str, FieldDeclaration], fit: Callable[[int, str], float]) -> None:
    """A lone date column that no header names was placed by its cells on a field declared to follow another
    (`after`: when a cleaning was written down) while the field it follows (when it was done) has no column:
    the date a log prints is first of all the one the others follow, so the column goes to that field. A
    header that names the later field keeps it there."""
    for path, f in paths.items():
        first = f.after
        if not first or first not in paths or path not in out.columns or first in out.columns:
            continue
        col = out.columns[path]
        if fit(col, path) >= MIN_HEADER:
            continue
        del out.columns[path]
        out.columns[first] = col
        out.scores[first] = out.scores.pop(path)


def best_table(tables: list[TableBlock], decl: KindDeclaration, index: LabelIndex,
               paths: dict[str, FieldDeclaration], fmt: DocFormat, embedder: str | None,
               min_columns: int = 2) -> ColumnMap | None:
    """The table whose columns map the most of `paths` (ties: more data rows)."""
    best: ColumnMap | None = None
    for t in tables:
        if not t.data_rows:
            continue
        m = map_columns(t, decl, index, paths, fmt, embedder)
        if len(m.columns) < min_columns:
            continue
        key = (m.total, len(t.data_rows))
        if best is None or key > (best.total, len(best.table.data_rows)):
            best = m
    return best


def row_values(row: TableRow, cmap: ColumnMap, paths: dict[str, FieldDeclaration],
               fmt: DocFormat) -> dict[str, tuple[Any, CellText]]:
    """Path -> (typed value, the cell it came from) for one data row."""
    out: dict[str, tuple[Any, CellText]] = {}
    for path, col in cmap.columns.items():
        if col >= len(row.cells) or path not in paths:
            continue
        cell = row.cells[col]
        value = read_value(cell.text, paths[path], fmt)
        if value is not None:
            out[path] = (value, cell)
    return out
