"""The sample operation service: `generate(out, preset, seed)`.

Pipeline: build the operation model (operation.py), schedule production and
purchases (production.py), derive logs and the OSP (logs.py), plant gaps
(gaps.py), plan documents with their truth (plan.py), render each document with
its layout's writer (writers/), then write truth.json. Same seed, same bytes.
"""
from __future__ import annotations

import json
import random
import re
import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from auditpack.errors import AuditPackError
from sample.determinism import normalize_zip
from sample.gaps import plant_all
from sample.logs import build_cleanings, build_osp, build_pests
from sample.model import Operation
from sample.operation import build_operation
from sample.plan import DocSpec, plan_documents
from sample.presets import get_preset
from sample.production import buy_lots, make_invoices, schedule_batches

OWNED = ("certificates", "invoices", "cleaning", "osp", "products", "batches", "pest", "truth.json")
_PDF_PAGE = re.compile(rb"/Type\s*/Page\b")

Progress = Callable[[int, int, str], None]


class SampleResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    out: Path
    documents: int
    records: int
    gaps: int
    truth_path: Path


def _render(args: tuple[DocSpec, Path]) -> tuple[str, list[int], int]:
    """Write one document; returns (file, page of each record, page count)."""
    from sample.writers.registry import WRITERS

    spec, out = args
    path = out / spec.file
    path.parent.mkdir(parents=True, exist_ok=True)
    pages = WRITERS[spec.layout](spec, path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".docx"):
        normalize_zip(path)
    if suffix == ".pdf":
        count = len(_PDF_PAGE.findall(path.read_bytes()))
    elif suffix == ".xlsx":
        count = max(pages, default=1)
    else:
        count = 1
    return spec.file, pages, count


def check_output(out: Path) -> None:
    """Refuse to mix the sample into an unrelated folder (an earlier sample is replaced)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise AuditPackError(f"{out} is a file; --out needs a folder")
    if out.exists() and any(out.iterdir()) and not (out / "truth.json").exists():
        raise AuditPackError(f"{out} is not empty and holds no earlier sample (truth.json); choose an empty folder")


def _prepare(out: Path) -> None:
    check_output(out)
    if out.exists():
        for name in OWNED:
            p = out / name
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()
    out.mkdir(parents=True, exist_ok=True)


def build_model(preset_name: str, seed: int) -> tuple[Operation, list, list[DocSpec]]:
    """Everything but the files: the model, the planted gaps and the planned documents."""
    preset = get_preset(preset_name)
    rng = random.Random(seed)
    op = build_operation(rng, preset)
    schedule_batches(rng, op, preset)
    buy_lots(rng, op, preset)
    make_invoices(rng, op, preset)
    build_cleanings(rng, op)
    build_pests(rng, op, preset)
    build_osp(op)
    gaps = plant_all(rng, op, preset)
    specs = plan_documents(rng, op, preset, gaps)
    return op, gaps, specs


def _operation_json(op: Operation) -> dict:
    return {
        "name": op.name, "address": op.address, "nop_id": op.nop_id, "certifier": op.certifier.name,
        "audit_year": op.year,
        "facilities": [{"name": f.name, "address": f.address, "equipment": list(f.equipment)} for f in op.facilities],
        "products": [{"name": p.name, "label_category": p.category if p.organic_run else None,
                      "run_type": "organic" if p.organic_run else "conventional"} for p in op.products],
        "suppliers": [{"name": s.name, "organic": s.organic, "ingredients": list(s.ingredients),
                       "certifiers": sorted({c.certifier.name for c in s.certificates})} for s in op.suppliers],
    }


def generate(out: Path, preset: str = "small", seed: int = 1, progress: Progress | None = None) -> SampleResult:
    """Write the sample operation's documents and truth.json into `out`."""
    p = get_preset(preset)
    out = Path(out)
    check_output(out)
    op, gaps, specs = build_model(preset, seed)
    _prepare(out)
    jobs = [(s, out) for s in specs]
    results: dict[str, tuple[list[int], int]] = {}
    if p.workers > 1:
        with ProcessPoolExecutor(max_workers=p.workers) as pool:
            for i, (file, pages, count) in enumerate(pool.map(_render, jobs, chunksize=8), start=1):
                results[file] = (pages, count)
                if progress:
                    progress(i, len(jobs), file)
    else:
        for i, job in enumerate(jobs, start=1):
            file, pages, count = _render(job)
            results[file] = (pages, count)
            if progress:
                progress(i, len(jobs), file)
    documents = []
    records = 0
    for s in sorted(specs, key=lambda s: s.file):
        pages, count = results[s.file]
        recs = [dict(r, page=pg) for r, pg in zip(s.records, pages)]
        records += len(recs)
        documents.append({"file": s.file, "kind": s.kind, "layout": s.layout, "pages": count,
                          "scanned": s.scanned, "records": recs})
    gap_rows = sorted(({"rule_id": g.rule_id, "subject": g.subject, "file": g.file()} for g in gaps),
                      key=lambda g: (g["rule_id"], g["subject"]))
    truth = {"preset": preset, "seed": seed, "operation": _operation_json(op), "documents": documents,
             "gaps": gap_rows}
    truth_path = out / "truth.json"
    truth_path.write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return SampleResult(out=out, documents=len(documents), records=records, gaps=len(gap_rows), truth_path=truth_path)
