"""JSON in and out of the record contract."""
from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from auditpack.records.kinds import Record, RecordBase

_RECORD_ADAPTER: TypeAdapter[Record] = TypeAdapter(Record)


def parse_record(data: dict[str, Any]) -> RecordBase:
    """Validate a dict (e.g. from the store or truth.json) into its kind's model."""
    return _RECORD_ADAPTER.validate_python(data)


def record_to_json(record: RecordBase) -> dict[str, Any]:
    """The public JSON shape: id, kind, source and the kind's fields at top level."""
    return record.model_dump(mode="json")
