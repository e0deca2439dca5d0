"""Time and peak memory of the audit package for the `small` and `year` sample operations.

    .venv/bin/python bench/package.py [--preset small|year|both] [--seed 1] [--certifier generic-nop]
                                      [--keep DIR]

Each preset goes through the real flow first (not timed as package figures, but printed):
sample generator -> ingest (all cores) -> checks -> two reviewer decisions (one accept with a corrective
action, one dismissal), exactly what a user's workspace holds. The package is then built in a fresh child
process, once without PDF (DOCX sections, manifest, zip) and once in full, so that the child's peak RSS
belongs to the package alone; LibreOffice's peak is the largest grandchild. The PDF step (one LibreOffice
call, evidence appendix, combined PDF) is the difference between the two builds.

`--keep DIR` keeps (and on the next run reuses) the ingested workspaces, to re-measure the package alone.
Target from issue 6: the `year` package in under a minute of wall time on two cores.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def prepare(base: Path, preset: str, seed: int) -> Path:
    """Sample -> ingest -> check -> decisions; returns the workspace root (reused if already prepared)."""
    from auditpack.records import Decision, DecisionAction
    from sample.api import generate
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace
    from ingest.api import expand_paths, ingest_paths
    from knowledge.api import run_check

    ws_root = base / f"{preset}-seed{seed}" / "workspace"
    marker = ws_root / "bench-prepared.json"
    if marker.is_file():
        print(f"{preset}: reusing prepared workspace {ws_root} ({marker.read_text().strip()})")
        return ws_root
    shutil.rmtree(ws_root.parent, ignore_errors=True)  # a half-prepared run from before
    sample = base / f"{preset}-seed{seed}" / "sample"
    t = time.perf_counter()
    generate(sample, preset=preset, seed=seed)
    gen_s = time.perf_counter() - t
    truth = json.loads((sample / "truth.json").read_text(encoding="utf-8"))
    ws = init_workspace(ws_root, operation_name=truth.get("operation", {}).get("name", f"{preset} sample"))
    store = open_store(ws)
    try:
        files = [p for p in expand_paths([sample]) if p.name != "truth.json"]
        t = time.perf_counter()
        summary = ingest_paths(ws, store, files, actor="bench", workers=os.cpu_count() or 1)
        ingest_s = time.perf_counter() - t
        t = time.perf_counter()
        run = run_check(ws, store, actor="bench")
        check_s = time.perf_counter() - t
        findings = sorted(run.findings, key=lambda f: f.id)
        if len(findings) >= 2:
            store.decide(Decision(finding_id=findings[0].id, action=DecisionAction.ACCEPT, actor="bench.qa",
                                  at=datetime(2026, 11, 1, 9, tzinfo=timezone.utc),
                                  corrective_action="Retrain staff; re-verify at the next changeover",
                                  due_date=date(2026, 12, 1)))
            store.decide(Decision(finding_id=findings[1].id, action=DecisionAction.DISMISS, actor="bench.qa",
                                  at=datetime(2026, 11, 1, 9, 5, tzinfo=timezone.utc),
                                  reason="Paper original shows the entry on time"))
        records = sum(store.record_counts().values())
    finally:
        store.close()
    facts = (f"{len(files)} files, {summary.counts()}, {records} records, {len(run.findings)} findings; "
             f"generate {gen_s:.1f} s, ingest {ingest_s:.1f} s ({len(files) / ingest_s:.1f} docs/s), "
             f"check {check_s:.1f} s")
    marker.write_text(facts + "\n", encoding="utf-8")
    print(f"{preset}: prepared: {facts}")
    return ws_root


def measure(ws_root: Path, certifier: str, out: Path, pdf: bool) -> None:
    """Child process: build one package and print one JSON line of figures."""
    from auditpack.store import open_store
    from auditpack.workspace import open_workspace
    from generators.api import build_package

    ws = open_workspace(ws_root)
    store = open_store(ws)
    try:
        t = time.perf_counter()
        res = build_package(ws, store, certifier, out, pdf=pdf)
        secs = time.perf_counter() - t
    finally:
        store.close()
    pdf_pages = 0
    if pdf:
        from pypdf import PdfReader

        pdf_pages = len(PdfReader(str(next(out.glob("*-combined.pdf")))).pages)
    print(json.dumps({
        "seconds": round(secs, 2), "rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "soffice_rss_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "zip_mib": round(res.zip_path.stat().st_size / 2**20, 1), "evidence": len(res.manifest["evidence"]),
        "records": sum(res.manifest["record_counts"].values()), "findings": res.manifest["findings"]["total"],
        "combined_pages": pdf_pages, "warnings": len(res.warnings)}))


def _child(ws_root: Path, certifier: str, out: Path, pdf: bool) -> dict:
    cmd = [sys.executable, __file__, "--measure", str(ws_root), "--certifier", certifier, "--out", str(out)]
    if not pdf:
        cmd.append("--no-pdf")
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"package build failed:\n{proc.stderr[-3000:]}")
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    figures["wall_incl_startup"] = round(wall, 2)
    return figures


def run(base: Path, preset: str, seed: int, certifier: str) -> None:
    ws_root = prepare(base, preset, seed)
    with tempfile.TemporaryDirectory() as tmp:
        docx = _child(ws_root, certifier, Path(tmp) / "docx-only", pdf=False)
        full = _child(ws_root, certifier, Path(tmp) / "full", pdf=True)
    print(f"{preset}: {full['records']} records, {full['findings']} findings, {full['evidence']} evidence documents, "
          f"combined PDF {full['combined_pages']} pages, zip {full['zip_mib']} MiB, {full['warnings']} warnings")
    print(f"{preset}: package without PDF   {docx['seconds']:7.2f} s   peak RSS {docx['rss_mib']:5d} MiB")
    print(f"{preset}: full package          {full['seconds']:7.2f} s   peak RSS {full['rss_mib']:5d} MiB   "
          f"(LibreOffice peak {full['soffice_rss_mib']} MiB; {full['wall_incl_startup']:.1f} s incl. interpreter start)")
    print(f"{preset}: PDF step (difference) {full['seconds'] - docx['seconds']:7.2f} s")
    verdict = "meets" if full["wall_incl_startup"] < 60 else "MISSES"
    if preset == "year":
        print(f"year: {verdict} the one-minute target on {os.cpu_count()} cores")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preset", choices=["small", "year", "both"], default="both")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--certifier", default="generic-nop")
    ap.add_argument("--keep", type=Path, help="keep and reuse prepared workspaces here")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--no-pdf", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        measure(args.measure, args.certifier, args.out, pdf=not args.no_pdf)
        return
    presets = ["small", "year"] if args.preset == "both" else [args.preset]
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for p in presets:
            run(args.keep, p, args.seed, args.certifier)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            for p in presets:
                run(Path(tmp), p, args.seed, args.certifier)


if __name__ == "__main__":
    from app.plugins import install

    install()
    main()
