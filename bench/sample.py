"""Time the sample generator: `small` (demo/tests) and `year` (benchmark scale).

Prints figures only; nothing here asserts on wall time. Run: python bench/sample.py [small|year ...]
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from sample.api import generate


def run(preset: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        result = generate(Path(tmp) / preset, preset=preset, seed=1)
        seconds = time.perf_counter() - started
        truth = json.loads(result.truth_path.read_text(encoding="utf-8"))
        kinds = Counter(r["kind"] for d in truth["documents"] for r in d["records"])
        lots = sum(1 for d in truth["documents"] for r in d["records"] if r["kind"] == "invoice"
                   for line in r["lines"] if line["lot_number"])
        size = sum(p.stat().st_size for p in (Path(tmp) / preset).rglob("*") if p.is_file())
        print(f"sample {preset}: {seconds:.1f} s on {os.cpu_count()} cores; {result.documents} documents, "
              f"{result.records} records, {result.gaps} planted gaps, {size / 1e6:.1f} MB")
        print(f"  records by kind: {dict(sorted(kinds.items()))}; ingredient lots on invoices: {lots}")
        print(f"  documents per second: {result.documents / seconds:.1f}")


if __name__ == "__main__":
    from app.plugins import install

    install()
    for name in sys.argv[1:] or ["small", "year"]:
        run(name)
