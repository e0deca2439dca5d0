"""The current view of a record: the extracted record with a person's corrections laid over it.

Pure functions over the public JSON shape, so the store applies the same overlay when it reads a record
and when it checks a new correction. A value is accepted only if the record model, built with it,
validates: a date that is not a date is refused with the field's name and the type it expects.
"""
from __future__ import annotations

import copy
import re
import types
import typing
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from auditpack.records import MODEL_BY_KIND, Correction, CorrectionOp, RecordBase, RecordKind, SourceRef, parse_record
from auditpack.records.provenance import ExtractionMethod
from auditpack.store.errors import CorrectionError

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?")


def parse_path(path: str) -> list[str | int]:
    """`lines[2].lot_number` -> ['lines', 2, 'lot_number'] (indices 0-based, as `field_sources` writes them)."""
    steps: list[str | int] = []
    for part in path.split("."):
        m = _STEP.fullmatch(part)
        if m is None:
            raise CorrectionError(f"{path!r} is not a field path (e.g. 'invoice_number' or 'lines[2].lot_number')")
        steps.append(m.group(1))
        if m.group(2) is not None:
            steps.append(int(m.group(2)))
    return steps


def _walk(data: Any, steps: list[str | int], path: str) -> Any:
    for step in steps:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            raise CorrectionError(f"{path!r}: the record has no {step!r} there") from None
    return data


def _annotation(model: type[BaseModel], steps: list[str | int]) -> Any:
    """The declared type at `steps` in `model` (None when the path names no field)."""
    ann: Any = model
    for step in steps:
        if isinstance(step, int):
            args = [a for a in typing.get_args(ann) if a is not type(None)]
            ann = args[0] if args else None
            continue
        inner = [a for a in (typing.get_args(ann) or (ann,)) if isinstance(a, type) and issubclass(a, BaseModel)]
        if not inner or step not in inner[0].model_fields:
            return None
        ann = inner[0].model_fields[step].annotation
    return ann


def type_name(ann: Any) -> str:
    """A type as a person reads it: 'a date (YYYY-MM-DD)', 'a number', 'one of: A, B'."""
    origin = typing.get_origin(ann)
    if origin is Literal:
        return "one of: " + ", ".join(str(a) for a in typing.get_args(ann))
    if origin in (typing.Union, types.UnionType):
        parts = [type_name(a) for a in typing.get_args(ann) if a is not type(None)]
        return " or ".join(parts) + (" (or empty)" if type(None) in typing.get_args(ann) else "")
    if origin is list:
        return "a list"
    names = {date: "a date (YYYY-MM-DD)", datetime: "a date and time (YYYY-MM-DD HH:MM)", float: "a number",
             int: "a whole number", bool: "true or false", str: "text"}
    if ann in names:
        return names[ann]
    return f"a {getattr(ann, '__name__', ann)} row" if isinstance(ann, type) else str(ann)


def _manual(source: SourceRef | None, data: dict[str, Any], value: Any) -> dict[str, Any]:
    """The corrected value's SourceRef: where the person pointed, always `manual`, full confidence."""
    doc = data["source"]
    if source is None:
        source = SourceRef(document_sha256=doc["document_sha256"], filename=doc["filename"],
                           span=None if value is None else str(value)[:200])
    return source.model_copy(update={"extraction_method": ExtractionMethod.MANUAL, "confidence": 1.0}).model_dump(
        mode="json")


def _shift_sources(data: dict[str, Any], list_path: str, removed: int) -> None:
    """After row `removed` of `list_path` left the view, later rows' sources move up one place."""
    pattern = re.compile(re.escape(list_path) + r"\[(\d+)\](.*)")
    moved: dict[str, Any] = {}
    for key, src in data.get("field_sources", {}).items():
        m = pattern.fullmatch(key)
        if m is None:
            moved[key] = src
        elif int(m.group(1)) > removed:
            moved[f"{list_path}[{int(m.group(1)) - 1}]{m.group(2)}"] = src
    data["field_sources"] = moved


def apply_one(data: dict[str, Any], c: Correction) -> dict[str, Any]:
    """`data` (public JSON of a record) with correction `c` applied; `data` itself is not changed."""
    out = copy.deepcopy(data)
    steps = parse_path(c.field or "")
    *parent_steps, last = steps
    parent = _walk(out, parent_steps, c.field or "")
    if c.op is CorrectionOp.SET_VALUE:
        if isinstance(last, int) and not 0 <= last < len(parent):
            raise CorrectionError(f"{c.field!r}: there is no row {last} (the list has {len(parent)})")
        parent[last] = c.value
        out.setdefault("field_sources", {})[c.field] = _manual(c.source, out, c.value)
        out["missing_fields"] = [f for f in out.get("missing_fields", []) if f != c.field]
    elif c.op is CorrectionOp.ADD_LINE:
        rows = parent.get(last) if isinstance(parent, dict) else None
        if not isinstance(rows, list):
            raise CorrectionError(f"{c.field!r} is not a list of rows")
        rows.append(c.value)
        out.setdefault("field_sources", {})[f"{c.field}[{len(rows) - 1}]"] = _manual(c.source, out, None)
    elif c.op is CorrectionOp.REMOVE_LINE:
        if not isinstance(last, int) or not isinstance(parent, list) or not 0 <= last < len(parent):
            raise CorrectionError(f"{c.field!r}: no such row")
        del parent[last]
        _shift_sources(out, (c.field or "").rsplit("[", 1)[0], last)
    return out


def validated(data: dict[str, Any], c: Correction) -> RecordBase:
    """The record built from `data`; a CorrectionError naming the field and its type if it does not fit."""
    try:
        return parse_record(data)
    except ValidationError as exc:
        model = MODEL_BY_KIND.get(RecordKind(data["kind"]))
        steps = parse_path(c.field or "")
        if c.op is CorrectionOp.ADD_LINE:
            steps = [*steps, 0]
        ann = _annotation(model, steps) if model else None
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        expected = f": {c.field} expects {type_name(ann)}" if ann is not None else ""
        raise CorrectionError(f"{c.field}: {c.value!r} was refused{expected} ({where}: {first['msg']})") from None


def current_view(data: dict[str, Any], corrections: Iterable[Correction]) -> dict[str, Any]:
    """The record as corrected now (corrections in the order they were made)."""
    for c in corrections:
        data = apply_one(data, c)
    return data
