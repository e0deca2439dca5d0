"""Ingest throughput on the `year` sample, next to plain pdfplumber text extraction of the same PDFs.

    python bench/ingest.py [--preset year] [--workers N] [--sample DIR]

Prints documents/s and pages/s for the full ingest (detect, load incl. OCR of scanned pages,
classify, parse, validate, store in SQLite), then, in the same run and with the same number of
worker processes, a bare `pdfplumber` `extract_text()` over the same PDFs (the floor any
pdfplumber-based pipeline pays), the ratio, and peak memory (main process and workers).
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _plain(path: str) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preset", default="year")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--sample", type=Path, help="an existing sample folder")
    args = ap.parse_args()

    from auditpack.store import open_store
    from auditpack.workspace import init_workspace
    from ingest.api import expand_paths, ingest_paths

    with tempfile.TemporaryDirectory() as tmp:
        sample = args.sample
        if sample is None:
            from sample.api import generate

            sample = Path(tmp) / "sample"
            t = time.perf_counter()
            generate(sample, preset=args.preset, seed=args.seed)
            print(f"generated {args.preset} sample in {time.perf_counter() - t:.1f} s")
        files = [p for p in expand_paths([sample]) if p.name != "truth.json"]
        pdfs = [p for p in files if p.suffix.lower() == ".pdf"]

        ws = init_workspace(Path(tmp) / "ws")
        store = open_store(ws)
        t = time.perf_counter()
        summary = ingest_paths(ws, store, files, workers=args.workers)
        full = time.perf_counter() - t
        pages = sum(o.pages or 0 for o in summary.outcomes)
        pdf_pages = sum(o.pages or 0 for o in summary.outcomes if o.filename.lower().endswith(".pdf"))
        store.close()

        t = time.perf_counter()
        with ProcessPoolExecutor(args.workers) as ex:
            plain_pages = sum(ex.map(_plain, [str(p) for p in pdfs], chunksize=8))
        plain = time.perf_counter() - t

    c = summary.counts()
    print(f"workers: {args.workers}   files: {len(files)} ({len(pdfs)} PDF, {pdf_pages} PDF pages)   "
          f"outcomes: {c}")
    print(f"full ingest       : {full:7.1f} s  {len(files) / full:7.1f} documents/s  {pages / full:7.1f} pages/s")
    print(f"pdfplumber text   : {plain:7.1f} s  {len(pdfs) / plain:7.1f} PDFs/s       {plain_pages / plain:7.1f} pages/s")
    per_page_full = full / max(pages, 1)
    per_page_plain = plain / max(plain_pages, 1)
    print(f"ratio (time per page, full ingest / pdfplumber text): {per_page_full / per_page_plain:.2f}x")
    print(f"peak RSS: main {_rss_mb(resource.RUSAGE_SELF):.0f} MB, largest worker "
          f"{_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")


if __name__ == "__main__":
    from app.plugins import install

    install()
    main()
