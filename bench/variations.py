"""Generalization bench: documents in layouts and wordings the parsers were never shown.

    python bench/variations.py [--n 500] [--seed 1] [--out DIR] [--keep] [--workers 2] [--misses 10] [--confusion]

Generates --n documents of all seven record kinds in PDF, DOCX, XLSX and CSV, in seven
languages and randomized layouts, with labels disjoint from the extraction vocabulary
(tests/ingest/test_variation_slice.py checks it), reads each one through
ingest.pipeline.analyze and prints per kind: documents, the share classified as their
kind, records expected/found, field recall and precision, then the most common misses;
--confusion adds a table of each true kind against what ingest called its documents.
Without --out the documents go to a temporary folder, deleted unless --keep.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=500, help="documents to generate (default 500)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="folder for the documents and truth.json (kept)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    ap.add_argument("--workers", type=int, default=2, help="reader processes (default 2)")
    ap.add_argument("--misses", type=int, default=10, help="most common misses to list per kind")
    ap.add_argument("--confusion", action="store_true",
                    help="print true kind against the kind read (or unknown) per document")
    args = ap.parse_args(argv)

    from bench.layout_variations import evaluate, generate

    out = args.out or Path(tempfile.mkdtemp(prefix="auditpack-variations-"))
    try:
        started = time.perf_counter()
        generate(out, n=args.n, seed=args.seed)
        generated = time.perf_counter() - started
        print(f"generated {args.n} documents (seed {args.seed}) in {generated:.1f} s: {out}", flush=True)
        report = evaluate(out, workers=args.workers)
        print(f"evaluated in {report.seconds:.1f} s with {args.workers} worker(s)\n")
        print(report.table())
        print(f"\nclassification accuracy: {report.classification_accuracy:.3f} "
              f"({sum(k.classified for k in report.kinds.values())}/{report.documents} documents)")
        print("\nby format:\n" + report.breakdown("format"))
        print("\nby language:\n" + report.breakdown("lang"))
        if args.confusion:
            print("\nconfusion (documents):\n" + report.confusion())
        if args.misses:
            print(f"\nmost common misses (top {args.misses} per kind):")
            print(report.misses(args.misses))
    finally:
        if args.out is None and not args.keep:
            shutil.rmtree(out, ignore_errors=True)
        elif args.keep:
            print(f"\nkept: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
