"""Records from a sample's truth.json, in the record contract (what a perfect ingest would store)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from auditpack.records import RecordBase, SourceRef, record_id
from auditpack.records.serialize import parse_record


def truth_records(sample_dir: Path) -> tuple[list[RecordBase], list[dict]]:
    """(records, planted gaps). Each record's source is its file and page, method 'generated'."""
    truth = json.loads((sample_dir / "truth.json").read_text(encoding="utf-8"))
    records: list[RecordBase] = []
    for doc in truth["documents"]:
        sha = hashlib.sha256(doc["file"].encode()).hexdigest()
        for i, raw in enumerate(doc["records"]):
            data = dict(raw)
            page = data.pop("page", None)
            src = SourceRef(document_sha256=sha, filename=doc["file"], page=page, extraction_method="generated")
            records.append(parse_record({**data, "id": record_id(data["kind"], sha, i), "source": src.model_dump()}))
    return records, truth["gaps"]
