"""Ingest throughput on the `year` sample, next to bare text extraction of the same PDFs.

    python bench/ingest.py [--preset year] [--scale 2.8] [--workers N] [--sample DIR]
    python bench/ingest.py --startup


Prints documents/s and pages/s for the full ingest (detect, load incl. OCR of scanned pages,
classify, parse, validate, store in SQLite), then, in the same run and with the same number of
worker processes, a bare `pdfplumber` `extract_text()` and a bare pypdfium2 `get_text_range()`
over the same PDFs, and the ratios (time per page of the full ingest over the bare extraction:
below 1.0 the ingest is faster), in wall time and in CPU seconds (the main process, its readers and
their Tesseract runs, against the bare readers' processes: on a shared machine CPU compares better).
Then the OCR pages (those whose text layer is unusable): the loader's OCR of each page (render, deskew,
Tesseract, re-reads) against one bare Tesseract `image_to_data` run on the same rendered image (wall and CPU seconds, Tesseract's included, both with
the thread limit a reader gives Tesseract: ingest/workers.py), and peak memory (the main process, and the
largest reader process, measured before the bare extractions fork).

`--scale S` ingests S times the preset's documents (whole samples of seeds seed, seed+1, ... and a share
of the last one; a synthetic year of about 4,000 documents is `--preset year --scale 2.8`). `--startup`
prints only the start-up time of the commands that touch no model (`auditpack --help`, `documents`,
`records` on an empty workspace): wall and CPU seconds, best of 3, each a fresh process, as the environment
loads modules and from compiled bytecode (as an installed package).
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
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


def _plain_pdfium(path: str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            text = page.get_textpage()
            text.get_text_range()
            text.close()
            page.close()
        return len(pdf)
    finally:
        pdf.close()


def _cpu_split() -> tuple[float, float]:
    """CPU seconds so far of this process, and of its finished children (readers, Tesseract runs)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def _cpu() -> float:
    """CPU seconds of this process and its finished children (Tesseract runs) so far."""
    return sum(_cpu_split())


def _ocr_figures(pdfs: list[Path], workers: int) -> tuple[int, float, float, float, float]:
    """OCR pages found, wall and CPU seconds the loader's OCR took on them, wall and CPU seconds bare Tesseract
    took on the same images; both with the Tesseract thread limit a reader of a `workers` batch has."""
    import pypdfium2 as pdfium
    import pytesseract

    from ingest.workers import ocr_threads

    os.environ.setdefault("OMP_THREAD_LIMIT", str(ocr_threads(workers)))

    from ingest.loaders import LoadOptions
    from ingest.loaders.pdf import _ocr_page, render_scale, text_unusable
    from ingest.loaders.pdfium_text import page_chars, words

    opts = LoadOptions()
    n, ours, bare, ours_cpu, bare_cpu = 0, 0.0, 0.0, 0.0, 0.0
    for path in pdfs:
        pdf = pdfium.PdfDocument(str(path))
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                if text_unusable(" ".join(w.text for w in words(page_chars(page)))):
                    n += 1
                    t, c = time.perf_counter(), _cpu()
                    _ocr_page(page, i, opts, [])
                    ours, ours_cpu = ours + time.perf_counter() - t, ours_cpu + _cpu() - c
                    width, height = page.get_size()
                    image = page.render(scale=render_scale(width, height, opts.ocr_dpi,
                                                           opts.limits.max_page_pixels)).to_pil().convert("L")
                    image.format = "PPM"  # the cheapest bare call: no PNG compression of the temporary file
                    t, c = time.perf_counter(), _cpu()
                    pytesseract.image_to_data(image, config="--psm 3")
                    bare, bare_cpu = bare + time.perf_counter() - t, bare_cpu + _cpu() - c
                page.close()
        finally:
            pdf.close()
    return n, ours, bare, ours_cpu, bare_cpu


STARTUP_COMMANDS = (["--help"], ["documents"], ["records"])


def _startup(workspace: Path, runs: int = 3, pycache: Path | None = None) -> list[tuple[str, float, float]]:
    """(command, best wall s, its CPU s) of each start-up command, run as a user runs it.

    With `pycache`, AuditPack's own modules load from compiled bytecode kept there (as from an installed
    package, whose modules pip compiles), after one run that writes it; without, they load as the
    environment says: from the bytecode `make setup` compiled next to the sources, or, for a module
    changed since, compiled at each start (PYTHONDONTWRITEBYTECODE=1 keeps Python from writing it)."""
    exe = Path(sys.executable).with_name("auditpack")
    base = [str(exe)] if exe.exists() else [sys.executable, "-c", "from app.cli.main import run; run()"]
    env = None
    if pycache is not None:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
        for args in STARTUP_COMMANDS:
            subprocess.run(base + ["-w", str(workspace)] + args, check=True, capture_output=True, env=env)
    out = []
    for args in STARTUP_COMMANDS:
        best = (float("inf"), 0.0)
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(base + ["-w", str(workspace)] + args, check=True, capture_output=True, env=env)
            wall = time.perf_counter() - t
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            best = min(best, (wall, cpu))
        out.append(("auditpack " + " ".join(args), *best))
    return out


def _print_startup() -> None:
    from auditpack.workspace import init_workspace

    with tempfile.TemporaryDirectory() as tmp:
        root = init_workspace(Path(tmp) / "ws").root
        compiled = dict((name, (wall, cpu)) for name, wall, cpu in _startup(root, pycache=Path(tmp) / "pyc"))
        for name, wall, cpu in _startup(root):
            print(f"start-up {name:<20}: {wall:5.2f} s wall, {cpu:5.2f} s CPU (best of 3); from compiled bytecode "
                  f"{compiled[name][0]:5.2f} s wall, {compiled[name][1]:5.2f} s CPU")


def _samples(tmp: Path, preset: str, seed: int, scale: float) -> list[Path]:
    """Files of `scale` times the preset: whole samples of consecutive seeds, then a share of one more."""
    from sample.api import generate
    from ingest.api import expand_paths

    files: list[Path] = []
    k = 0
    while True:
        sample = tmp / f"sample-{seed + k}"
        t = time.perf_counter()
        generate(sample, preset=preset, seed=seed + k)
        print(f"generated {preset} sample (seed {seed + k}) in {time.perf_counter() - t:.1f} s")
        found = sorted(p for p in expand_paths([sample]) if p.name != "truth.json")
        if not files:
            per_sample = len(found)
        files += found
        k += 1
        if len(files) >= scale * per_sample - 0.5:
            return files[:max(1, round(scale * per_sample))]


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preset", default="year")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--sample", type=Path, help="an existing sample folder")
    ap.add_argument("--scale", type=float, default=1.0, help="times the preset's documents (seeds seed, seed+1...)")
    ap.add_argument("--startup", action="store_true", help="only the start-up time of commands without a model")
    args = ap.parse_args()
    if args.startup:
        _print_startup()
        return

    from auditpack.store import open_store
    from auditpack.workspace import init_workspace
    from ingest.api import expand_paths, ingest_paths

    with tempfile.TemporaryDirectory() as tmp:
        if args.sample is None:
            files = _samples(Path(tmp), args.preset, args.seed, args.scale)
        else:
            files = [p for p in expand_paths([args.sample]) if p.name != "truth.json"]
        pdfs = [p for p in files if p.suffix.lower() == ".pdf"]

        ws = init_workspace(Path(tmp) / "ws")
        store = open_store(ws)
        t, (me, kids) = time.perf_counter(), _cpu_split()
        summary = ingest_paths(ws, store, files, workers=args.workers)  # its readers are finished when it returns
        full = time.perf_counter() - t
        full_main, full_readers = (b - a for a, b in zip((me, kids), _cpu_split()))
        # the readers (and their Tesseract runs) are the only finished children so far: the bare extractions'
        # processes below are forks of this process, as large as it is
        readers_rss, main_rss = _rss_mb(resource.RUSAGE_CHILDREN), _rss_mb(resource.RUSAGE_SELF)
        pages = sum(o.pages or 0 for o in summary.outcomes)
        pdf_pages = sum(o.pages or 0 for o in summary.outcomes if o.filename.lower().endswith(".pdf"))
        store.close()

        t, c = time.perf_counter(), _cpu()
        with ProcessPoolExecutor(args.workers) as ex:
            plain_pages = sum(ex.map(_plain, [str(p) for p in pdfs], chunksize=8))
        plain, plain_cpu = time.perf_counter() - t, _cpu() - c
        t, c = time.perf_counter(), _cpu()
        with ProcessPoolExecutor(args.workers) as ex:
            fast_pages = sum(ex.map(_plain_pdfium, [str(p) for p in pdfs], chunksize=8))
        fast, fast_cpu = time.perf_counter() - t, _cpu() - c
        ocr_pages, ocr_ours, ocr_bare, ocr_ours_cpu, ocr_bare_cpu = _ocr_figures(pdfs, args.workers)

    c = summary.counts()
    print(f"workers: {args.workers}   files: {len(files)} ({len(pdfs)} PDF, {pdf_pages} PDF pages)   "
          f"outcomes: {c}")
    print(f"full ingest       : {full:7.1f} s  {len(files) / full:7.1f} documents/s  {pages / full:7.1f} pages/s")
    print(f"pdfplumber text   : {plain:7.1f} s  {len(pdfs) / plain:7.1f} PDFs/s       {plain_pages / plain:7.1f} pages/s")
    print(f"pypdfium2 text    : {fast:7.1f} s  {len(pdfs) / fast:7.1f} PDFs/s       {fast_pages / fast:7.1f} pages/s")
    print(f"CPU               : full ingest {full_main + full_readers:.1f} s (main process {full_main:.1f} s, "
          f"readers and Tesseract {full_readers:.1f} s), pdfplumber text {plain_cpu:.1f} s, "
          f"pypdfium2 text {fast_cpu:.1f} s")
    per_page_full = full / max(pages, 1)
    print(f"ratio (time per page, full ingest / pdfplumber text): {per_page_full / (plain / max(plain_pages, 1)):.2f}x")
    print(f"ratio (time per page, full ingest / pypdfium2 text) : {per_page_full / (fast / max(fast_pages, 1)):.2f}x")
    cpu_page = (full_main + full_readers) / max(pages, 1)  # a loaded machine inflates wall time, much less CPU
    print(f"ratio (CPU per page, full ingest / pdfplumber text) : {cpu_page / (plain_cpu / max(plain_pages, 1)):.2f}x")
    print(f"ratio (CPU per page, full ingest / pypdfium2 text)  : {cpu_page / (fast_cpu / max(fast_pages, 1)):.2f}x")
    if ocr_pages:
        print(f"OCR pages: {ocr_pages}   loader OCR {ocr_ours:.1f} s, bare Tesseract {ocr_bare:.1f} s   "
              f"ratio {ocr_ours / max(ocr_bare, 1e-9):.2f}x   (CPU {ocr_ours_cpu:.1f} s vs {ocr_bare_cpu:.1f} s: "
              f"{ocr_ours_cpu / max(ocr_bare_cpu, 1e-9):.2f}x; OMP_THREAD_LIMIT={os.environ.get('OMP_THREAD_LIMIT')})")
    else:
        print("OCR pages: none in this sample")
    print(f"peak RSS: main process {main_rss:.0f} MB during the ingest ({_rss_mb(resource.RUSAGE_SELF):.0f} MB by "
          f"the end of the bench), largest reader process {readers_rss:.0f} MB (Tesseract runs included; a reader "
          f"is forked from the main process and counts the pages it shares with it)")
    _print_startup()


if __name__ == "__main__":
    from app.plugins import install

    install()
    main()
