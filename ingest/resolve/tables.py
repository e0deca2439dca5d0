"""Map a table's columns to declared fields, and read its rows as typed values.

A column is a field when its header names the field (the same label scores as key-values) and its
cells read as the field's type; a header that names nothing known can still be placed by its
cells (a column of dates in a cleaning log). Each column serves one field and each field one
column, best pairs first. A table is chosen for a record list when it maps the most of the fields.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditpack.declarations import FieldDeclaration, KindDeclaration
from ingest.layout import CellText, TableBlock, TableRow
from ingest.resolve.labels import LabelIndex
from ingest.resolve.scalars import MIN_LABEL, label_scores
from ingest.resolve.values import DocFormat, read_value

SAMPLE_ROWS = 25


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
    filled = [c.text for c in cells[:SAMPLE_ROWS] if c.text.strip()]
    if not filled:
        return 0.0
    return sum(1 for t in filled if read_value(t, f, fmt) is not None) / len(filled)


def map_columns(table: TableBlock, decl: KindDeclaration, index: LabelIndex, paths: dict[str, FieldDeclaration],
                fmt: DocFormat, embedder: str | None) -> ColumnMap:
    """Best column for each field in `paths` (path as the index knows it -> its declaration)."""
    headers = [h.strip() for h in table.header]
    labels = list(dict.fromkeys(h for h in headers if h))
    scores = label_scores(index, labels, list(paths), embedder) if labels else {}
    rows = table.data_rows
    pairs: list[tuple[float, int, str]] = []
    for col, header in enumerate(headers):
        cells = [r.cells[col] for r in rows if col < len(r.cells)]
        for path, f in paths.items():
            ls = scores.get((header, path), 0.0) if header else 0.0
            valid = _validity(cells, f, fmt)
            if valid < 0.5:
                continue
            if ls >= MIN_LABEL:
                pairs.append((0.7 * ls + 0.3 * valid, col, path))
            elif f.type in ("date", "datetime") and valid >= 0.9 and not header:
                pairs.append((0.45 * valid, col, path))  # a date column without a header
    out = ColumnMap(table)
    for score, col, path in sorted(pairs, key=lambda t: -t[0]):
        if path in out.columns or col in out.columns.values():
            continue
        out.columns[path] = col
        out.scores[path] = round(score, 3)
    out.extra = {i: h for i, h in enumerate(headers) if i not in out.columns.values()}
    return out


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
        if col >= len(row.cells):
            continue
        cell = row.cells[col]
        value = read_value(cell.text, paths[path], fmt)
        if value is not None:
            out[path] = (value, cell)
    return out
