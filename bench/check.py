"""Check bench: time for all rules next to the time to load the same records from the store.

    .venv/bin/python bench/check.py [--presets small,year] [--seed 1] [--repeat 3]

For each preset the sample operation is built in memory (its truth records,
no document rendering), stored in a fresh SQLite workspace, loaded back with
`store.records()`, and checked with every rule. Prints records, load time,
rules time, their ratio, the slowest rules, and the growth from the first
preset to the last (records x, load x, rules x): rules growing no faster than
records means nothing is quadratic.
"""
from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def build_records(preset: str, seed: int):
    from auditpack.records import SourceRef, record_id
    from auditpack.records.serialize import parse_record
    from sample.api import build_model

    op, gaps, specs = build_model(preset, seed)
    docs = []
    for spec in specs:
        sha = hashlib.sha256(f"{preset}:{spec.file}".encode()).hexdigest()
        recs = []
        for i, raw in enumerate(spec.records):
            data = {k: v for k, v in raw.items() if k != "page"}
            src = SourceRef(document_sha256=sha, filename=spec.file, page=1, extraction_method="generated")
            recs.append(parse_record({**data, "id": record_id(data["kind"], sha, i), "source": src.model_dump()}))
        docs.append((sha, spec.file, spec.kind, recs))
    return docs, op.year


def bench(preset: str, seed: int, repeat: int) -> dict:
    from auditpack.records import DocumentInfo, DocumentStatus
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace
    from knowledge.checks import rules
    from knowledge.runner import build_context, run_rules

    docs, year = build_records(preset, seed)
    with tempfile.TemporaryDirectory() as tmp:
        ws = init_workspace(Path(tmp) / "ws")
        store = open_store(ws)
        for sha, name, kind, recs in docs:
            info = DocumentInfo(sha256=sha, filename=name, size_bytes=1, pages=1, kind=kind,
                                status=DocumentStatus.INGESTED, stored_path=name)
            store.add_document(info, recs, actor="bench")
        load, rules = [], []
        per_rule: dict[str, float] = {}
        for _ in range(repeat):
            t = time.perf_counter()
            records = store.records()
            load.append(time.perf_counter() - t)
            ctx = build_context(None, None, records, date(year, 12, 31))
            t = time.perf_counter()
            findings = run_rules(records, ctx)
            rules.append(time.perf_counter() - t)
        for rid, registered in rules().items():
            t = time.perf_counter()
            registered.check(records, ctx)
            per_rule[rid] = time.perf_counter() - t
        store.close()
    return {"preset": preset, "records": len(records), "findings": len(findings),
            "load": statistics.median(load), "rules": statistics.median(rules), "per_rule": per_rule}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presets", default="small,year")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results = [bench(p, args.seed, args.repeat) for p in args.presets.split(",")]
    print(f"{'preset':8} {'records':>8} {'findings':>8} {'load s':>8} {'rules s':>8} {'rules/load':>10}")
    for r in results:
        print(f"{r['preset']:8} {r['records']:8d} {r['findings']:8d} {r['load']:8.3f} {r['rules']:8.3f} "
              f"{r['rules'] / r['load']:10.2f}")
    last = results[-1]
    slow = sorted(last["per_rule"].items(), key=lambda x: -x[1])[:5]
    print("slowest rules on " + last["preset"] + ": " + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in slow))
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(f"growth {a['preset']} -> {b['preset']}: records x{b['records'] / a['records']:.1f}, "
              f"load x{b['load'] / a['load']:.1f}, rules x{b['rules'] / a['rules']:.1f}")


if __name__ == "__main__":
    from app.plugins import install

    install()
    main()
