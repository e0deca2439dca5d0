"""Find the value a field hint points at: by its label, a regular expression, a sheet cell, or the rows of
a table printed as text. Each value is read as its declared type (a text that does not read is not used)
and keeps where it was found."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from auditpack.declarations import FieldDeclaration, KindDeclaration, normalise_label
from ingest.fields import bbox_of
from ingest.layout import DocumentReading, Where
from ingest.models import Line, LoadedDocument, Page
from ingest.profiles.model import FieldHint, LayoutProfile, RowsHint
from ingest.resolve.values import DocFormat, read_value, word_value


@dataclass(frozen=True)
class Hit:
    value: Any
    where: Where


def doc_format(doc: LoadedDocument, profile: LayoutProfile) -> DocFormat:
    """The document's own habits, overridden by what the profile states."""
    fmt = DocFormat.of(doc.text)
    return DocFormat(dayfirst=fmt.dayfirst if profile.dayfirst is None else profile.dayfirst,
                     decimal_comma=fmt.decimal_comma if profile.decimal_mark is None else profile.decimal_mark == ",")


def method(page: Page) -> str:
    return {"ocr": "ocr", "cell": "cell"}.get(page.method, "text")


def _prepared(text: str, strip: str, values: dict[str, str]) -> str:
    for ch in strip:
        text = text.replace(ch, "")
    key = normalise_label(text)
    return next((v for k, v in values.items() if normalise_label(k) == key), text)


def _read(text: str | None, hint: FieldHint, f: FieldDeclaration, fmt: DocFormat) -> Any:
    if text is None:
        return None
    return read_value(_prepared(text, hint.strip, hint.values), f, fmt)


def _line_where(page: Page, line: Line, text: str) -> Where:
    return Where(page.number, line.text, bbox_of(line, text), None, method(page))


def by_label(hint: FieldHint, f: FieldDeclaration, doc: LoadedDocument, reading: DocumentReading,
             fmt: DocFormat) -> Hit | None:
    """The value beside or under the label: a key-value the layout reader paired, else the rest of a line
    that starts with the label, else the cell under a header of that text."""
    want = normalise_label(hint.label or "")
    for kv in reading.key_values:
        if normalise_label(kv.label) == want and (v := _read(kv.value, hint, f, fmt)) is not None:
            return Hit(v, kv.value_where)
    rx = re.compile(rf"(?:^|\s{{2,}}|\|)\s*{re.escape(hint.label or '')}\s*[:#.]?\s*(\S.*)$", re.I)
    for page in doc.pages:
        for line in page.lines:
            m = rx.search(line.text)
            if m and (v := _read(m.group(1), hint, f, fmt)) is not None:
                return Hit(v, _line_where(page, line, m.group(1)))
    for table in reading.tables:
        heads = [normalise_label(h) for h in table.header]
        if want in heads and table.data_rows:
            cell = table.data_rows[0].cells[heads.index(want)] if heads.index(want) < len(table.data_rows[0].cells) \
                else None
            if cell is not None and (v := _read(cell.text, hint, f, fmt)) is not None:
                return Hit(v, cell.where)
    return None


def by_pattern(hint: FieldHint, f: FieldDeclaration, doc: LoadedDocument, fmt: DocFormat) -> Hit | None:
    """The first match (in pattern order, then page and line order) whose group reads as the field's type.
    A pattern that spans lines (it holds a line break) is searched in each page's text."""
    for pattern in hint.pattern or []:
        rx = re.compile(pattern, re.I | re.M)
        multi = "\n" in pattern or "\\n" in pattern
        for page in doc.pages:
            if multi:
                for m in rx.finditer(page.text):
                    if (v := _read(m.group(1), hint, f, fmt)) is not None:
                        line = next((ln for ln in page.lines if m.group(1) in ln.text), None)
                        where = _line_where(page, line, m.group(1)) if line else Where(page.number, m.group(0))
                        return Hit(v, where)
                continue
            for line in page.lines:
                m = rx.search(line.text)
                if m and (v := _read(m.group(1), hint, f, fmt)) is not None:
                    return Hit(v, _line_where(page, line, m.group(1)))
    return None


def _address(cell: str) -> tuple[str | None, str]:
    sheet, _, addr = cell.rpartition("!")
    return (sheet.strip("'") or None), addr.replace("$", "").upper()


def by_cell(hint: FieldHint, f: FieldDeclaration, doc: LoadedDocument, fmt: DocFormat) -> Hit | None:
    """A fixed form's cell, by address (the sheet name may be left out when the workbook has one form)."""
    sheet, addr = _address(hint.cell or "")
    for page in doc.pages:
        for table in page.tables:
            for r, row in enumerate(table.cells or []):
                for c, name in enumerate(row):
                    s, a = _address(name)
                    if a == addr and (sheet is None or (s or "").casefold() == sheet.casefold()):
                        text = table.rows[r][c] if c < len(table.rows[r]) else ""
                        v = _read(text, hint, f, fmt)
                        return Hit(v, Where(page.number, text, None, name, "cell")) if v is not None else None
    return None


def scalar(hint: FieldHint, f: FieldDeclaration, doc: LoadedDocument, reading: DocumentReading,
           fmt: DocFormat) -> Hit | None:
    if hint.label:
        return by_label(hint, f, doc, reading, fmt)
    if hint.pattern:
        return by_pattern(hint, f, doc, fmt)
    if hint.cell:
        return by_cell(hint, f, doc, fmt)
    return None  # a column hint is read by the declared reader through the profile's declaration


def _unit_sibling(columns: dict[str, FieldDeclaration], name: str) -> str | None:
    units = [n for n, c in columns.items() if c.type == "unit"]
    return units[0] if len(units) == 1 else None


def rows(hint: RowsHint, decl: KindDeclaration, doc: LoadedDocument, fmt: DocFormat) -> list[dict[str, Hit]]:
    """One item per line the rows pattern matches: column -> value and where. A next line that fully matches
    the continuation pattern is appended to its column (a wrapped description)."""
    columns = decl.fields[hint.field].columns
    rx = re.compile(hint.pattern)
    cont = re.compile(hint.continuation.pattern) if hint.continuation else None
    items: list[dict[str, Hit]] = []
    for page in doc.pages:
        for k, line in enumerate(page.lines):
            m = rx.search(line.text)
            if not m:
                continue
            texts = {c: m.group(c) for c in hint.columns if m.group(c) is not None}
            if cont is not None and k + 1 < len(page.lines):
                nxt = page.lines[k + 1].text.strip()
                col = hint.continuation.column
                if nxt and cont.fullmatch(nxt) and col in texts:
                    texts[col] = f"{texts[col].strip()} {nxt}"
            item: dict[str, Hit] = {}
            for col, text in texts.items():
                text = _prepared(text.strip(), "", hint.values.get(col, {}))
                value = read_value(text, columns[col], fmt)
                if value is None:
                    continue
                where = _line_where(page, line, m.group(col).strip())
                if columns[col].type == "quantity":
                    number, unit = value
                    item[col] = Hit(number, where)
                    sibling = _unit_sibling(columns, col)
                    if unit and sibling and sibling not in texts:
                        item[sibling] = Hit(unit, where)
                else:
                    item[col] = Hit(value, where)
            for col, cf in columns.items():  # "organic" said in the row's words, without a column of its own
                if col not in item and cf.type == "bool" and cf.from_words and cf.values:
                    said = word_value(" ".join(texts.values()), cf)
                    if said is not None:
                        item[col] = Hit(said == "true", _line_where(page, line, line.text))
            if item:
                items.append(item)
    return items


__all__ = ["Hit", "by_cell", "by_label", "by_pattern", "doc_format", "rows", "scalar"]
