"""Truth records that start blank: every field at the record model's own default.

Why: the truth must hold exactly what a document prints. A kind starts from `blank`
(status "unknown", `organic` False, empty lists... as `auditpack.records` defines them)
and sets only the fields it printed, so an unprinted field can never carry a value,
and a default changed in the model changes the truth with it.
"""
from __future__ import annotations

import datetime as dt
import typing
from typing import Any

from pydantic import BaseModel

from auditpack.records import MODEL_BY_KIND, RecordBase, RecordKind

_META = set(RecordBase.model_fields) - {"kind"}


def _default(info) -> Any:  # noqa: ANN001 - a pydantic FieldInfo
    if info.is_required():
        return None
    value = info.get_default(call_default_factory=True)
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


def blank(kind: str) -> dict[str, Any]:
    """A record of `kind` as the contract's JSON, every field at its default."""
    model = MODEL_BY_KIND[RecordKind(kind)]
    out: dict[str, Any] = {"kind": kind}
    out.update({name: _default(info) for name, info in model.model_fields.items() if name not in _META | {"kind"}})
    return out


def part_model(kind: str, list_field: str) -> type[BaseModel]:
    """The model of one item of a list field (InvoiceLine for invoice.lines)."""
    annotation = MODEL_BY_KIND[RecordKind(kind)].model_fields[list_field].annotation
    return typing.get_args(annotation)[0]


def blank_part(kind: str, list_field: str, **values: Any) -> dict[str, Any]:
    """One item of a list field at its defaults, with `values` set (required fields must be)."""
    model = part_model(kind, list_field)
    out = {name: _default(info) for name, info in model.model_fields.items()}
    unknown = set(values) - set(out)
    if unknown:
        raise KeyError(f"{model.__name__} has no field {sorted(unknown)}")
    out.update(values)
    return out


def iso(value: dt.date | dt.datetime | None) -> str | None:
    """Dates as the truth writes them: "2026-06-19", datetimes to the minute."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()
