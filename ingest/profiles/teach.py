"""Teach once: derive a layout profile from one document and a person's corrections (pure, no I/O).

For each corrected field the hint is what a person would tell a colleague: the label printed next to
the value they pointed at, the column header over the cell they clicked, or the cell itself on a fixed
form. A value they only typed is looked for among the document's labelled values and table cells. A
value that no label, header or cell locates is kept as a typed value only (no hint), and said so. The
fingerprint is the document's letterhead words and its set of labels.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from auditpack.declarations import FieldDeclaration, KindDeclaration, declarations, normalise_label
from ingest.layout import CellText, DocumentReading, KeyValue, TableBlock, read_document
from ingest.models import LoadedDocument
from ingest.profiles.match import document_labels
from ingest.profiles.model import Correction, FieldHint, Fingerprint, LayoutProfile, ProfileError
from ingest.resolve.values import DocFormat, read_value

MAX_LABELS = 30
ISSUER_WORDS = 5


@dataclass
class Taught:
    """The derived profile and, per corrected field, how it will be found or why it will not."""

    profile: LayoutProfile
    hinted: dict[str, str] = field(default_factory=dict)     # field -> "label 'Bill no'" | "column 'Qty'" | ...
    typed_only: dict[str, str] = field(default_factory=dict)  # field -> why no hint was written


def _path(c: Correction) -> str:
    return re.sub(r"\[\d+\]", "", c.field)


def _overlap(a: tuple[float, float, float, float] | None, b: tuple[float, float, float, float]) -> float:
    """Share of box `b` (what the person drew) that `a` covers."""
    if a is None:
        return 0.0
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    area = max(1e-6, (b[2] - b[0]) * (b[3] - b[1]))
    return max(0.0, w) * max(0.0, h) / area


def _same(text: str, want: Any, f: FieldDeclaration, fmt: DocFormat) -> bool:
    if f.type in ("date", "datetime"):  # the page's date order is what teaching learns: either may be meant
        return any(read_value(text, f, DocFormat(df, fmt.decimal_comma)) == want for df in (True, False))
    got = read_value(text, f, fmt)
    if isinstance(got, tuple):  # a quantity with its unit
        got = got[0]
    if got is None:
        return False
    if isinstance(got, float) and isinstance(want, float):
        return abs(got - want) <= max(0.005, 1e-6 * abs(want))
    return got == want or normalise_label(str(got)) == normalise_label(str(want))


def _cells(reading: DocumentReading) -> list[tuple[TableBlock, int, CellText]]:
    return [(t, i, c) for t in reading.tables for r in t.data_rows for i, c in enumerate(r.cells) if c.text]


def _pointed(c: Correction, reading: DocumentReading) -> tuple[str, str] | None:
    """(how, text) for a value the person pointed at, by cell address or by a box on a page."""
    def at(where) -> bool:  # noqa: ANN001
        if c.cell:
            return (where.cell or "").casefold() == c.cell.casefold()
        return where.page == c.page and c.bbox is not None and _overlap(where.bbox, c.bbox) >= 0.5
    if not c.cell and c.bbox is None:
        return None
    for kv in reading.key_values:
        if at(kv.value_where):
            return "label", kv.label
    for table, i, cell in _cells(reading):
        if at(cell.where) and i < len(table.header) and table.header[i].strip():
            return "column", table.header[i]
    if c.cell:
        return "cell", c.cell
    return None


def _typed(c: Correction, f: FieldDeclaration, reading: DocumentReading, fmt: DocFormat,
           table_field: bool) -> tuple[str, str] | None:
    """(how, text) for a value the person typed: the label of a key-value, or the header of a column,
    whose text reads as the same value."""
    want = read_value(c.value, f, fmt)
    if isinstance(want, tuple):
        want = want[0]
    if want is None:
        return None
    kvs: list[KeyValue] = [] if table_field else reading.key_values
    for kv in kvs:
        if _same(kv.value, want, f, fmt):
            return "label", kv.label
    for table, i, cell in _cells(reading):
        if i < len(table.header) and table.header[i].strip() and _same(cell.text, want, f, fmt):
            return "column", table.header[i]
    return None


def _printed(how: str, text: str, reading: DocumentReading) -> str | None:
    """The text the hint finds on this document (to learn the layout's habits from)."""
    if how == "label":
        return next((kv.value for kv in reading.key_values if kv.label == text), None)
    if how == "cell":
        return next((cell.text for _, _, cell in _cells(reading) if (cell.where.cell or "") == text), None) or \
            next((kv.value for kv in reading.key_values if kv.value_where.cell == text), None)
    return None


def _habits(value: str, printed: str | None, f: FieldDeclaration, fmt: DocFormat) -> list[tuple[str, object]]:
    """The date order or decimal mark that makes the printed value read as the corrected one, when only one
    does: a habit of the layout, which its other documents share even where their own dates are ambiguous."""
    if not printed:
        return []
    if f.type in ("date", "datetime"):
        want = read_value(value, f, DocFormat(False, fmt.decimal_comma))  # typed as 2025-04-03: either order
        day_month = [int(n) for n in re.findall(r"\d+", printed) if len(n) <= 2][:2]
        if want is None or len(day_month) < 2 or want.day == want.month:
            return []
        if day_month == [want.day, want.month]:
            return [("dayfirst", True)]
        return [("dayfirst", False)] if day_month == [want.month, want.day] else []
    if f.type in ("money", "number", "quantity", "percent"):
        want = read_value(value, f, DocFormat(fmt.dayfirst, False))  # typed with a decimal point
        ok = [dc for dc in (True, False) if read_value(printed, f, DocFormat(fmt.dayfirst, dc)) == want]
        return [("decimal_mark", "," if ok[0] else ".")] if want is not None and len(ok) == 1 else []
    return []


def _one(habits: list[tuple[str, object]], key: str) -> object:
    said = {v for k, v in habits if k == key}
    return said.pop() if len(said) == 1 else None


def _issuer(doc: LoadedDocument) -> list[str]:
    """The letterhead: words of the first line of page 1 that has any, without numbers (they vary)."""
    for line in (doc.pages[0].lines if doc.pages else [])[:6]:
        words = [w for w in re.findall(r"[^\W\d_][\w&'.-]*", line.text) if len(w) >= 3 and not any(ch.isdigit() for ch in w)]
        if words:
            return words[:ISSUER_WORDS]
    return []


def _kind_of(corrections: Sequence[Correction], decls: Mapping[str, KindDeclaration]) -> str:
    fits = [k for k, d in decls.items() if all(d._lookup(_path(c)) is not None for c in corrections)]
    if len(fits) != 1:
        raise ProfileError(f"say which kind the document is: the corrected fields fit {fits or 'no kind'}")
    return fits[0]


def _name(issuer: list[str], kind: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", " ".join(issuer[:3]).casefold()).strip("-")
    return f"{slug or 'layout'}-{kind.replace('_', '-')}"


def teach(doc: LoadedDocument, corrections: Sequence[Correction], kind: str | None = None,
          name: str | None = None, reading: DocumentReading | None = None) -> Taught:
    """A profile that finds the corrected fields on documents of this layout."""
    if not corrections:
        raise ProfileError("nothing to teach: no corrections")
    decls = declarations()
    kind = kind or _kind_of(corrections, decls)
    if kind not in decls:
        raise ProfileError(f"kind {kind!r} is not declared")
    decl = decls[kind]
    reading = reading or read_document(doc)
    fmt = DocFormat.of(doc.text)
    hints: dict[str, FieldHint] = {}
    habits: list[tuple[str, object]] = []
    taught = Taught(profile=None)  # type: ignore[arg-type]  # set below
    for c in corrections:
        path = _path(c)
        f = decl._lookup(path)
        if f is None:
            taught.typed_only[c.field] = f"{kind} declares no field {path!r}"
            continue
        nested = "." in path
        found = _pointed(c, reading) or _typed(c, f, reading, fmt, table_field=nested)
        if found is None or (nested and found[0] != "column") or (f.type == "table"):
            taught.typed_only[c.field] = "no label, column header or cell on the page locates this value: " \
                                         "kept as the typed value of this document only"
            continue
        how, text = found
        habits.extend(_habits(c.value, _printed(how, text, reading), f, fmt))
        if how == "column" and not nested and decl.one_per == "document":
            # a single value in a table cell: the header over it names it like a label
            how = "label"
        hints[path] = FieldHint(**{how: text})
        taught.hinted[c.field] = f"{how} {text!r}"
    if not hints:
        raise ProfileError("no corrected value could be located by a label, a column header or a cell, so "
                           "there is nothing a profile could find on the next document: " +
                           "; ".join(f"{k}: {v}" for k, v in taught.typed_only.items()))
    issuer = _issuer(doc)
    labels = sorted(document_labels(reading))[:MAX_LABELS]
    fp = Fingerprint(issuer=issuer, labels=labels) if labels or issuer else \
        Fingerprint(labels=[h.label or h.column or "" for h in hints.values()])
    taught.profile = LayoutProfile(name=name or _name(issuer, kind), kind=kind, fingerprint=fp, fields=hints,
                                   dayfirst=_one(habits, "dayfirst"), decimal_mark=_one(habits, "decimal_mark"),
                                   taught_from=doc.sha256 or None,
                                   description=f"taught from {doc.filename}" if doc.filename else "")
    return taught
