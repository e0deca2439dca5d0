"""Build records of one kind from a document's reading, as its declaration says.

`one_per: document` kinds take their single-valued fields from key-values and their table fields
(invoice lines, batch inputs, ingredients...) from the table that maps best. `one_per: row` kinds
(cleaning and pest-control logs) take one record per data row of the table that maps best, with
document-level values (the facility in the heading) for what the rows do not say. A document-kind
whose own fields are the columns of a table (a production log of many batches) is read the same
way. Every value keeps where it was read and a confidence from the resolver.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from auditpack.declarations import FieldDeclaration, KindDeclaration, normalise_label
from auditpack.records import MODEL_BY_KIND, RecordBase, RecordKind, SourceRef, record_id
from ingest.layout import DocumentReading, TableRow, Where, parts_of, split_composite
from ingest.layout.checks import MARK
from ingest.models import LoadedDocument
from ingest.resolve.cells import spread, words_only
from ingest.resolve.labels import LabelIndex
from ingest.resolve.narrative import resolve_sections
from ingest.resolve.scalars import Resolved, resolve_scalars, scalar_paths
from ingest.resolve.tables import ColumnMap, best_table, row_values
from ingest.resolve.values import DocFormat, header_unit, read_value, time_of, word_value


@dataclass
class Draft:
    """One record being assembled: values, where each came from, and how sure."""

    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, SourceRef] = field(default_factory=dict)
    first: Where | None = None

    def put(self, doc: LoadedDocument, path: str, value: Any, where: Where, confidence: float) -> None:
        self.values[path] = value
        self.sources[path] = where.source(doc, confidence)
        self.first = self.first or where


def _unit_sibling(fields: dict[str, FieldDeclaration], name: str) -> str | None:
    """The unit field that goes with quantity `name` ("output_quantity" -> "output_unit")."""
    units = [n for n, f in fields.items() if f.type == "unit"]
    prefix = name.rsplit("_", 1)[0] + "_" if "_" in name else ""
    return next((u for u in units if prefix and u.startswith(prefix)), units[0] if len(units) == 1 else None)


def _store(draft: Draft, doc: LoadedDocument, fields: dict[str, FieldDeclaration], name: str, value: Any,
           where: Where, confidence: float) -> None:
    f = fields[name]
    if f.type == "quantity":
        number, unit = value
        draft.put(doc, name, number, where, confidence)
        sibling = _unit_sibling(fields, name)
        if unit and sibling and sibling not in draft.values:
            draft.put(doc, sibling, unit, where, confidence)
        return
    draft.put(doc, name, value, where, confidence)


class KindReader:
    """Reads records of one declared kind out of a document."""

    def __init__(self, decl: KindDeclaration, index: LabelIndex, embedder: str | None,
                 titles: re.Pattern | None = None) -> None:
        self.decl, self.index, self.embedder, self.titles = decl, index, embedder, titles
        self.tables = {n: f for n, f in decl.fields.items() if f.type == "table" or (f.columns and f.type != "narrative")}

    def read(self, doc: LoadedDocument, reading: DocumentReading, fmt: DocFormat) -> list[RecordBase]:
        scalars = resolve_scalars(self.decl, self.index, doc, reading, fmt, self.embedder, titles=self.titles)
        row_fields = {p: self.decl.field(p) for p in scalar_paths(self.decl)}
        rows_map = best_table(reading.tables, self.decl, self.index, row_fields, fmt, self.embedder, min_columns=3)
        per_row = self.decl.one_per == "row" or (
            self.decl.rows_may_be_records and rows_map is not None and len(rows_map.table.data_rows) > 1
            and any(k in rows_map.columns for k in self.decl.key_fields)
            and not any(k in scalars for k in self.decl.key_fields)
            and not self._reads_better_nested(rows_map, fmt))
        if per_row:
            # a log's rows: its fields and its nested lists' columns (a cleaning's agent and strength)
            # are placed in one assignment, so a column goes where it fits best among all of them
            joint = dict(row_fields) | self._row_lists()
            rows_map = best_table(reading.tables, self.decl, self.index, joint, fmt, self.embedder)
            named = self._named_by_measures(rows_map)
            if named:  # the measure's cells name the items too: the column given to the name is someone else's
                again = best_table(reading.tables, self.decl, self.index,
                                   {p: f for p, f in joint.items() if p not in named}, fmt, self.embedder)
                if again is not None and _own_total(again, row_fields) > _own_total(rows_map, row_fields):
                    rows_map = again
            if rows_map is not None and not any(p in rows_map.columns for p in row_fields):
                rows_map = None
            if rows_map is not None:
                # the heading's key-values fill only what the rows have no column for
                free = [p for p in scalar_paths(self.decl) if p not in rows_map.columns]
                heading = resolve_scalars(self.decl, self.index, doc, reading, fmt, self.embedder, paths=free,
                                          exclude=_header_pairs(reading, rows_map), titles=self.titles)
                return self._rows(doc, reading, fmt, rows_map, heading)
            if self.decl.one_per == "row" and not scalars:
                return []
        draft = Draft()
        for path, r in scalars.items():
            _store(draft, doc, self.decl.fields, path, r.value, r.where, r.confidence)
        self._table_fields(doc, reading, fmt, draft)
        self._sums(doc, reading, fmt, draft)
        self._narrative(doc, reading, draft)
        record = self._build(doc, draft, "doc")
        return [record] if record is not None else []

    def _row_lists(self) -> dict[str, FieldDeclaration]:
        """The columns of the nested lists a log's row may hold (a cleaning's agents), by path. A list the
        kind does not require is one a log may leave out: its item's name does not make a column its own
        (the free column of longest words is then a person's name as often as a chemical's)."""
        out = {}
        for n, f in self.tables.items():
            for c, cf in f.columns.items():
                out[f"{n}.{c}"] = cf if f.required or not cf.required else cf.model_copy(update={"required": False})
        return out

    def _named_by_measures(self, cmap: ColumnMap | None) -> set[str]:
        """The text column of a nested list that a column of its measures makes redundant: cells that say
        a name and a number together ("Peracetic acid 130 ppm") under a header placed on the strength name
        the item as well, so another column placed on the item's name ("Sanitor" over people) may be one of
        the log's own fields (the operator): the caller reads the table again without it, and keeps the
        reading that places the log's own fields better."""
        if cmap is None:
            return set()
        out: set[str] = set()
        rows = cmap.table.data_rows[:25]
        for name, f in self.tables.items():
            texts = [f"{name}.{c}" for c, cf in f.columns.items() if cf.type in ("text", "name") and cf.required]
            for c, cf in f.columns.items():
                col = cmap.columns.get(f"{name}.{c}")
                if cf.type not in ("number", "quantity", "percent") or col is None:
                    continue
                cells = [r.cells[col].text for r in rows if col < len(r.cells) and r.cells[col].text.strip()]
                said = sum(1 for t in cells if {"text", "number"} <= {p.kind for p in parts_of(t)})
                if len(cells) >= 0.8 * len(rows) and said >= 0.6 * len(cells):  # each row names its chemical
                    out |= {t for t in texts if t in cmap.columns and cmap.columns[t] != col}
        return out

    def _reads_better_nested(self, rows_map: ColumnMap, fmt: DocFormat) -> bool:
        """Is this table rather the record's own list (a batch's inputs) than a list of records?"""
        for name, f in self.tables.items():
            sub = {f"{name}.{c}": cf for c, cf in f.columns.items()}
            m = best_table([rows_map.table], self.decl, self.index, sub, fmt, self.embedder, min_columns=2)
            if m is not None and m.total >= rows_map.total:
                return True
        return False

    # --- lists of records --------------------------------------------------------------------
    def _rows(self, doc: LoadedDocument, reading: DocumentReading, fmt: DocFormat, cmap: ColumnMap,
              scalars: dict[str, Resolved]) -> list[RecordBase]:
        fields = {p: self.decl.field(p) for p in scalar_paths(self.decl)}
        nested = self._nested_maps(cmap, fmt)
        times = _time_columns(cmap)
        drafts: dict[tuple, Draft] = {}  # a document kind read from rows: rows with the same key are one record
        for i, row in enumerate(cmap.table.data_rows):
            got = row_values(row, cmap, fields, fmt)
            if not all(k in got or k in scalars for k in self.decl.key_fields):
                continue  # a note, or a row of a blank template (equipment listed, never a date)
            key = (i,) if self.decl.one_per == "row" else tuple(str(got[k][0]) if k in got else None
                                                                for k in self.decl.key_fields)
            draft = drafts.setdefault(key, Draft())
            for path, (value, cell) in got.items():
                if path in draft.values:
                    continue
                if isinstance(value, dt.datetime) and (value.hour, value.minute) == (0, 0):
                    value = _with_time(value, row, times)
                _store(draft, doc, fields, path, value, cell.where, cmap.scores[path])
            for path, r in scalars.items():  # the heading's site, visit date... for what the rows have no column for
                if path not in draft.values:
                    _store(draft, doc, fields, path, r.value, r.where, r.confidence)
            for name, (sub_map, sub_fields) in nested.items():
                items = self._items(name, row, sub_map, sub_fields, fmt, doc, draft)
                if items:
                    draft.values.setdefault(name, []).extend(items)
        out = []
        for key, draft in drafts.items():
            record = self._build(doc, draft, "row" + "-".join(map(str, key)))
            if record is not None:
                out.append(record)
        return out

    def _items(self, name: str, row: TableRow, cmap: ColumnMap, sub: dict[str, FieldDeclaration], fmt: DocFormat,
               doc: LoadedDocument, draft: Draft) -> list[Any]:
        """The items of a nested list (invoice lines, batch inputs, cleaning agents) a row holds: one, or
        one per part when a cell lists several ("Citric acid 3 %; Sodium hypochlorite 110 ppm")."""
        f = self.decl.fields[name]
        cells = {path: row.cells[col] for path, col in cmap.columns.items() if col < len(row.cells)}
        split = {path: parts for path, c in cells.items()  # a list column's parts are its own value
                 if sub[path].type != "list" and len(parts := split_composite(c.text)) >= 2}
        count = max((len(v) for v in split.values()), default=1)
        items = []
        for n in range(count):
            item: dict[str, Any] = {}
            where: dict[str, Where] = {}
            for path, cell in cells.items():
                text = split[path][n] if path in split and n < len(split[path]) else (None if path in split else cell.text)
                value = read_value(text, sub[path], fmt) if text else None
                if value is None:
                    words_only(text, f.columns, name, cells, item, where, cell)
                    continue
                col = path.split(".", 1)[1]
                if f.columns[col].type == "quantity":
                    number, unit = value
                    item[col] = number
                    sibling = _unit_sibling(f.columns, col)
                    unit = unit or header_unit(cmap.table.header[cmap.columns[path]])  # "Weighed (kg)"
                    if unit and sibling and f"{name}.{sibling}" not in cells:
                        item[sibling] = unit
                else:
                    item[col] = value
                where[col] = cell.where
                spread(text, f.columns, item)
            part = self._part(name, item, _own_words(row, cmap, sub)) if item else None
            if part is not None:
                k = len(draft.values.get(name, [])) + len(items)
                for col, w in where.items():
                    draft.sources[f"{name}[{k}].{col}"] = w.source(doc, cmap.scores.get(f"{name}.{col}", 0.5))
                items.append(part)
        return items

    def _nested_maps(self, cmap: ColumnMap, fmt: DocFormat) -> dict[str, tuple[ColumnMap, dict]]:
        """The row table's columns that belong to a nested list (a cleaning row's agent and its strength)."""
        out = {}
        for name, f in self.tables.items():
            sub = {f"{name}.{c}": cf for c, cf in f.columns.items()}
            part = ColumnMap(cmap.table)
            part.columns = {p: c for p, c in cmap.columns.items() if p in sub}
            part.scores = {p: cmap.scores[p] for p in part.columns}
            if part.columns:
                out[name] = (part, sub)
        return out

    # --- a table inside one record -------------------------------------------------------------
    def _table_fields(self, doc: LoadedDocument, reading: DocumentReading, fmt: DocFormat, draft: Draft) -> None:
        """Each table field takes the table that maps it best; one table serves one field (the one it
        maps best of all: a recipe's ingredient table is not also its processing-aid table)."""
        options = []
        for name, f in self.tables.items():
            sub = {f"{name}.{c}": cf for c, cf in f.columns.items()}
            for t in reading.tables:
                m = best_table([t], self.decl, self.index, sub, fmt, self.embedder, min_columns=2 if len(sub) > 2 else 1)
                if m is not None:
                    options.append((m.total + 0.1 * f.required, name, sub, m))
        taken_tables: set[int] = set()
        done: set[str] = set()
        for _, name, sub, cmap in sorted(options, key=lambda o: -o[0]):
            if name in done or id(cmap.table) in taken_tables:
                continue
            done.add(name)
            taken_tables.add(id(cmap.table))
            f = self.decl.fields[name]
            items: list[Any] = []
            draft.values[name] = items  # _item numbers each item's sources by its place in this list
            for row in cmap.table.data_rows:
                items.extend(self._items(name, row, cmap, sub, fmt, doc, draft))
            if items:
                draft.first = draft.first or cmap.table.where
            else:
                draft.values.pop(name)

    def _sums(self, doc: LoadedDocument, reading: DocumentReading, fmt: DocFormat, draft: Draft) -> None:
        """A field declared as the sum of a column (an invoice total) that no label gave: the amount on the
        page that equals the column's sum (with or without tax lines after it is for a person to check)."""
        for target, column in self.decl.sums.items():
            table, col = column.split(".", 1)
            items = draft.values.get(table) or []
            amounts = [getattr(i, col, None) for i in items]
            if target in draft.values or not amounts or None in amounts:
                continue
            want = round(sum(amounts), 2)
            close = lambda v: v is not None and abs(v - want) <= max(0.011, 0.001 * want)  # noqa: E731
            found = next(((fmt.money(kv.value), kv.value_where) for kv in reading.key_values
                          if close(fmt.money(kv.value))), None)
            if found is None:  # "Total due: 1 234,50" in a line or a cell under the table
                found = next(((fmt.money(ln.text), Where(page.number, ln.text, ln.bbox, None, _line_method(page)))
                              for page in doc.pages for ln in page.lines if close(fmt.money(ln.text))), None)
            if found is not None:
                _store(draft, doc, self.decl.fields, target, found[0], found[1], 0.7)

    def _part(self, name: str, item: dict[str, Any], words: str = "") -> Any:
        """A nested item as the record model wants it; bool columns a document leaves out read from `words`
        (the row's own words, `_own_words`)."""
        f = self.decl.fields[name]
        for col, cf in f.columns.items():
            if cf.type == "bool" and cf.from_words and col not in item and cf.values:
                said = word_value(words, cf)
                if said is not None:
                    item[col] = said == "true"
        model = MODEL_BY_KIND[RecordKind(self.decl.kind)].model_fields[name].annotation
        inner = getattr(model, "__args__", (None,))[0]
        if inner is None or not hasattr(inner, "model_validate"):
            return item
        try:
            return inner.model_validate(item)
        except ValidationError:
            return None

    def _narrative(self, doc: LoadedDocument, reading: DocumentReading, draft: Draft) -> None:
        for name, f in self.decl.fields.items():
            if f.type == "narrative" and f.columns:
                found = resolve_sections(self.decl, self.index, name, reading, self.embedder)
                if found:
                    draft.values[name] = {k: r.value for k, r in found.items()}
                    for k, r in found.items():
                        draft.sources[f"{name}.{k}"] = r.where.source(doc, r.confidence)

    # --- the record --------------------------------------------------------------------------
    def _build(self, doc: LoadedDocument, draft: Draft, tail: str) -> RecordBase | None:
        if not draft.values:
            return None
        model = MODEL_BY_KIND[RecordKind(self.decl.kind)]
        values = {k: v for k, v in draft.values.items() if k in model.model_fields}
        key = [str(values.get(k)) for k in self.decl.key_fields if values.get(k) is not None]
        rid = record_id(self.decl.kind, doc.sha256, *(key or [tail]))
        missing = sorted(n for n, f in self.decl.fields.items() if f.required and values.get(n) in (None, [], {}))
        first = draft.first or Where(doc.pages[0].number if doc.pages else 1, "")
        source = first.source(doc).model_copy(update={"span": None, "bbox": None, "cell": None})
        while True:
            try:
                return model(id=rid, source=source, field_sources={k: v for k, v in draft.sources.items()
                                                                   if k.split("[")[0].split(".")[0] in values},
                             missing_fields=missing, **values)
            except ValidationError as exc:  # a value the model refuses is dropped, never forced
                bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
                if not bad or not bad & set(values):
                    return None
                for name in bad & set(values):
                    values.pop(name)
                    if self.decl.fields.get(name) is not None and self.decl.fields[name].required:
                        missing = sorted(set(missing) | {name})


def _own_words(row: TableRow, cmap: ColumnMap, sub: dict[str, FieldDeclaration]) -> str:
    """The words a row says of its item beyond its placed answers: the item's name and the cells no column
    was placed on, without check marks. A "✓" placed on another question ("Farm-derived") or a supplier's
    name ("Organic Valley Co-op") says nothing of whether the item is organic."""
    placed = {col for path, col in cmap.columns.items()
              if path not in sub or not (sub[path].required and sub[path].type == "text")}
    return " ".join(c.text for i, c in enumerate(row.cells)
                    if i not in placed and not MARK.fullmatch(c.text.strip()) and c.text.strip())


def _header_pairs(reading: DocumentReading, cmap: ColumnMap) -> set[int]:
    """The key-values whose label is one of the log's own column names: the table read again as a form (its
    header repeated over the last row on a new page, read as labels over values), never the heading's."""
    names = {normalise_label(h) for h in cmap.table.header if h.strip()}
    return {i for i, kv in enumerate(reading.key_values) if normalise_label(kv.label) in names}


def _own_total(cmap: ColumnMap, fields: dict[str, FieldDeclaration]) -> float:
    """How well a log's own fields (not its nested lists') are placed: a reading that frees a column for
    them is kept only when it places them better."""
    return sum(score for path, score in cmap.scores.items() if path in fields)


def _line_method(page: Any) -> str:
    return {"ocr": "ocr", "cell": "cell"}.get(page.method, "text")


def _time_columns(cmap: ColumnMap) -> list[int]:
    """Unmapped columns whose cells are clock times (a log's "time" beside its date)."""
    rows = cmap.table.data_rows[:25]
    out = []
    for col in cmap.extra:
        cells = [r.cells[col].text for r in rows if col < len(r.cells) and r.cells[col].text.strip()]
        if cells and sum(1 for c in cells if time_of(c) and len(c.strip()) <= 8) >= 0.8 * len(cells):
            out.append(col)
    return out


def _with_time(value: dt.datetime, row: TableRow, times: list[int]) -> dt.datetime:
    for col in times:
        if col < len(row.cells) and (t := time_of(row.cells[col].text)):
            return value.replace(hour=t[0], minute=t[1])
    return value
