"""Extraction accuracy: field-level precision/recall per record kind against truth.json.

    python bench/accuracy.py [--preset small|year|both] [--seed 1] [--errors N] [--sample DIR]

Generates the sample(s) into a temporary folder (or uses --sample DIR), runs
load + classify + parse on every document, and prints a table per preset
with text and scanned documents shown apart.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def report(name: str, sample: Path, errors: int) -> None:
    from ingest.accuracy import evaluate

    t = time.perf_counter()
    res = evaluate(sample)
    took = time.perf_counter() - t
    print(f"\n== {name}: {sample} ({took:.1f} s)")
    print(f"{'group':8} {'kind':22} {'fields':>7} {'precision':>9} {'recall':>7}")
    for group in ("text", "scanned", "all"):
        for kind, s in sorted(res[group].items()):
            print(f"{group:8} {kind:22} {s.tp + s.fn:7d} {s.precision:9.3f} {s.recall:7.3f}")
    if errors:
        shown = [e for s in res["all"].values() for e in s.errors][:errors]
        print("\nfirst mismatches:")
        for e in shown:
            print("  ", e)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preset", default="small", choices=["small", "year", "both"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--errors", type=int, default=0, help="print the first N mismatches")
    ap.add_argument("--sample", type=Path, help="use an existing sample folder instead of generating one")
    args = ap.parse_args()
    if args.sample:
        report(args.sample.name, args.sample, args.errors)
        return
    from sample.api import generate

    presets = ["small", "year"] if args.preset == "both" else [args.preset]
    with tempfile.TemporaryDirectory() as tmp:
        for p in presets:
            out = Path(tmp) / p
            generate(out, preset=p, seed=args.seed)
            report(p, out, args.errors)


if __name__ == "__main__":
    from app.plugins import install

    install()
    main()
