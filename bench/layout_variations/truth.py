"""truth.json in the format `ingest.accuracy` reads, plus each document's expected kind.

Why: scoring reuses `ingest.accuracy.score_document`, which takes the records of one
document as the record contract's JSON without id/source; keeping the sample's format
({"documents": [{"file", "records"}]}) lets `bench/accuracy.py --sample DIR` score a
bench folder too. `kind`, `format` and `lang` are extra keys accuracy ignores.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

FILE = "truth.json"


@dataclass
class TruthDoc:
    file: str                      # relative to the output folder
    kind: str                      # the record kind a reader should classify it as
    format: str
    lang: str
    records: list[dict[str, Any]] = field(default_factory=list)


def write(out_dir: Path, docs: list[TruthDoc], seed: int) -> Path:
    path = out_dir / FILE
    payload = {"generator": "bench.layout_variations", "seed": seed, "documents": [asdict(d) for d in docs]}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def read(out_dir: Path) -> list[TruthDoc]:
    payload = json.loads((out_dir / FILE).read_text(encoding="utf-8"))
    return [TruthDoc(**d) for d in payload["documents"]]
