"""Real-documents bench: every third-party document in ../shared/real-documents classified, and its fields
compared where the MANIFEST or a companion file gives them.

    python bench/real_documents.py [--no-ocr] [--workers 2] [--root DIR] [--only SUBSTRING]

Each document listed in bench/real_documents.yaml (its truth, written from the folder's MANIFEST.md) goes
through the real per-file chain, `ingest.pipeline.analyze`, in two worker processes. Printed: one row per
document (path, expected kind, kind read, status, records, fields matched/total and the names of the missed
fields), then classification accuracy over the documents of our kinds, the documents of no kind left unknown
(and those claimed, with the kind claimed), the field match rate per kind, and the time taken.
OCR is on as in the product; `--no-ocr` skips images and scanned PDFs (listed as skipped, not scored).

Handling (the MANIFEST's): the files are read in place and never copied; several hold personal data, so no
value read from them is printed, only file names, kinds, statuses, counts and field names.
"""
from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.real_documents_truth import DocScore, Summary, load_truth, summarize  # noqa: E402

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-documents"


def _install() -> None:
    """AuditPack's plugins in this process, as the CLI does (loaders, parsers, kind declarations)."""
    from app.plugins import ensure_installed

    ensure_installed()


def _analyze(job: tuple[str, bool]):
    """One document in a worker: its Analysis without the text (which never leaves the worker) and seconds."""
    from ingest.loaders import LoadOptions
    from ingest.pipeline import analyze, sha256_file

    path, ocr = job
    started = time.perf_counter()
    a = analyze(path, Path(path).name, sha256_file(Path(path)), LoadOptions(ocr=ocr))
    return a.model_copy(update={"text": None}), time.perf_counter() - started


def run(root: Path, ocr: bool = True, workers: int = 2, only: str | None = None) -> tuple[list[DocScore], list[str]]:
    """Score every document of the truth under `root`; returns the scores and the paths skipped (needing OCR
    under --no-ocr)."""
    from bench.real_documents_truth import expected_fields, score

    _install()
    truth = load_truth()
    docs = {p: d for p, d in truth.documents.items() if (only is None or only in p)}
    skipped = [p for p, d in docs.items() if not ocr and d.needs_ocr(p)]
    todo = [p for p in docs if p not in skipped]
    jobs = [(str(root / p), ocr) for p in todo]
    results = []
    pool = ProcessPoolExecutor(workers, initializer=_install) if workers > 1 else None
    try:
        for i, result in enumerate(pool.map(_analyze, jobs) if pool else map(_analyze, jobs), 1):
            results.append(result)
            if i % 10 == 0 or i == len(jobs):
                print(f"read {i}/{len(jobs)}", file=sys.stderr, flush=True)
    finally:
        if pool:
            pool.shutdown()
    scores = [score(p, docs[p], expected_fields(docs[p], root, truth.formats), a, secs)
              for p, (a, secs) in zip(todo, results)]
    return scores, skipped


def _embeddings() -> str | None:
    from ingest.loaders import LoadOptions

    return LoadOptions().embeddings


def _rate(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.2f})" if b else "0/0"


def table(scores: list[DocScore]) -> str:
    width = max((len(d.path) for d in scores), default=20)
    head = f"{'document':<{width}}  {'expected':<20} {'read':<20} {'status':<15} {'rec':>3} {'fields':>6}  " \
           f"{'s':>5}  ok  missed fields"
    rows = [head, "-" * len(head)]
    for d in scores:
        fields = f"{len(d.matched)}/{len(d.matched) + len(d.missed)}" if d.matched or d.missed else "-"
        mark = "ok" if d.right else "XX"
        rows.append(f"{d.path:<{width}}  {d.expected:<20} {d.read:<20} {d.status:<15} {d.records:>3} {fields:>6}  "
                    f"{d.seconds:>5.1f}  {mark}  {', '.join(d.missed)}{'  [internal error]' if d.bug else ''}")
    return "\n".join(rows)


def report(s: Summary) -> str:
    lines = [f"classification accuracy, documents of our kinds: {_rate(s.ours_right, s.ours)}"]
    lines += [f"  {kind:<22} {_rate(right, n)}" for kind, (right, n) in sorted(s.by_kind.items())]
    lines.append(f"documents of no kind left unknown: {_rate(s.others_left, s.others)}")
    lines += [f"  claimed as {kind}: {path}" for path, kind in s.claimed]
    matched = sum(m for m, _ in s.fields_by_kind.values())
    total = sum(t for _, t in s.fields_by_kind.values())
    lines.append(f"field match rate where truth exists: {_rate(matched, total)}")
    lines += [f"  {kind:<22} {_rate(m, t)}" for kind, (m, t) in sorted(s.fields_by_kind.items())]
    if s.misses_by_field:
        lines.append("  missed (documents): " + ", ".join(f"{f} {n}" for f, n in s.misses_by_field.items()))
    lines.append("statuses: " + ", ".join(f"{k} {n}" for k, n in sorted(s.statuses.items())))
    lines.append(f"internal errors: {len(s.bugs)}" + (": " + ", ".join(s.bugs) if s.bugs else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-ocr", action="store_true", help="skip images and scanned PDFs (they need OCR)")
    ap.add_argument("--workers", type=int, default=2, help="reader processes (default 2)")
    ap.add_argument("--root", type=Path, default=REAL, help=f"the real-documents folder (default {REAL})")
    ap.add_argument("--only", help="only documents whose path contains this")
    args = ap.parse_args(argv)
    if not (args.root / "MANIFEST.md").is_file():
        print(f"real-documents folder not found at {args.root} (../shared is absent); nothing to measure.\n"
              "Point --root at a copy of shared/real-documents that has its MANIFEST.md.", file=sys.stderr)
        return 2
    started = time.perf_counter()
    scores, skipped = run(args.root, ocr=not args.no_ocr, workers=args.workers, only=args.only)
    seconds = time.perf_counter() - started
    print(f"{len(scores)} documents read with {args.workers} worker(s), OCR {'off' if args.no_ocr else 'on'}, "
          f"embeddings {_embeddings()}\n")
    print(table(scores))
    if skipped:
        print(f"\nskipped (need OCR): {len(skipped)}: " + ", ".join(skipped))
    print("\n" + report(summarize(scores)))
    slowest = sorted(scores, key=lambda d: -d.seconds)[:3]
    print(f"time: {seconds:.1f} s in all, {sum(d.seconds for d in scores):.1f} s of reading; slowest: "
          + ", ".join(f"{Path(d.path).name} {d.seconds:.1f} s" for d in slowest)
          + " (a worker's first document includes loading the embedding model)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
