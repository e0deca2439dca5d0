"""Hostile and broken files through `ingest`: every file gets a reason, within budgets, and the batch finishes.

    python bench/fuzz.py [--sample DIR] [--slice] [--workers 2] [--timeout 60] [--seed 1] [--keep DIR]

Generates >= 1,500 hostile files from the sample operation's documents (bench/hostile.py: byte flips
and truncations of every kind, encrypted and broken-xref PDFs, page-count and media-box extremes,
decompression-bomb images, zip and XML-entity bombs in DOCX/XLSX, million-row sheets, formula
cells, mislabeled extensions, odd names), ingests them in a temporary workspace in one batch, and
prints: outcomes by reason class, internal errors, batch crashes, documents stopped at the time
budget and the longest wait for one file, peak memory (RSS) per worker, originals kept (sha256
compared), XXE leaks, formula values stored, and SQLite `PRAGMA integrity_check`.
"""
from __future__ import annotations

import argparse
import collections
import dataclasses
import hashlib
import os
import re
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _children_hwm(root: int, peaks: dict[int, int], stop: threading.Event) -> None:
    """Sample the peak RSS (VmHWM) of every descendant process of `root` until `stop`."""
    while not stop.wait(0.5):
        parents: dict[int, int] = {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    with open(f"/proc/{d}/stat", "rb") as f:
                        parents[int(d)] = int(f.read().rsplit(b")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
        mine = {root}
        grew = True
        while grew:
            new = {p for p, pp in parents.items() if pp in mine and p not in mine}
            grew = bool(new)
            mine |= new
        for pid in mine - {root}:
            try:
                with open(f"/proc/{pid}/status") as f:
                    for line in f:
                        if line.startswith("VmHWM:"):
                            peaks[pid] = max(peaks.get(pid, 0), int(line.split()[1]) * 1024)
            except OSError:
                continue


def reason_class(reason: str | None) -> str:
    if not reason:
        return "-"
    if reason.startswith("internal error"):
        return "internal error"
    if reason.startswith("too large / too complex"):
        m = re.match(r"too large / too complex: ([^(]+)", reason)
        return f"too large / too complex ({m.group(1).strip() if m else '?'})"
    return re.split(r"[:(]", reason, 1)[0].strip()[:60]


def run(sample: Path, out: Path, full: bool, workers: int, timeout: float, seed: int) -> int:
    from app.plugins import install
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace, open_workspace
    from bench.hostile import FULL, generate, slice_, write
    from ingest.api import ingest_paths

    install()
    t0 = time.time()
    items = list(generate(sample, FULL, seed)) if full else slice_(sample, seed)
    files = write(items, out / "in")
    print(f"generated {len(files)} hostile files in {time.time() - t0:.0f} s "
          f"({sum(len(h.data) for h in items) / 1e6:.0f} MB): "
          + ", ".join(f"{k} {v}" for k, v in collections.Counter(h.cls for h in items).most_common()), flush=True)
    expected = {p: hashlib.sha256(h.data).hexdigest() for h, p in files}
    hidden = sum(1 for h, _ in files if h.cls == "hidden")

    ws = init_workspace(out / "ws", "Fuzz Foods")
    settings = ws.settings.model_copy(deep=True)
    settings.ingest.timeout_s = timeout
    ws = dataclasses.replace(open_workspace(out / "ws"), settings=settings)
    store = open_store(ws)
    peaks: dict[int, int] = {}
    stop = threading.Event()
    sampler = threading.Thread(target=_children_hwm, args=(os.getpid(), peaks, stop), daemon=True)
    sampler.start()
    last = [time.time()]
    gaps: list[float] = []

    def on_file(o) -> None:  # noqa: ANN001
        now = time.time()
        gaps.append(now - last[0])
        last[0] = now
        if len(gaps) % 100 == 0:
            print(f"  {len(gaps)} files, {now - t1:.0f} s", flush=True)

    crashes = 0
    t1 = time.time()
    summary = None
    try:
        summary = ingest_paths(ws, store, [out / "in"], actor="fuzz", workers=workers, on_file=on_file)
    except BaseException as exc:  # noqa: BLE001 - a batch crash is what this bench counts
        crashes = 1
        print(f"BATCH CRASH: {type(exc).__name__}: {exc}")
    elapsed = time.time() - t1
    stop.set()
    sampler.join()
    outcomes = summary.outcomes if summary else []
    by_class = collections.Counter(reason_class(o.reason) if o.status == "rejected" else o.status for o in outcomes)
    internal = [o for o in outcomes if (o.reason or "").startswith("internal error")]
    timed_out = sum(1 for o in outcomes if "time to read" in (o.reason or ""))
    unreadable = [o for o in outcomes if o.status == "rejected" and not (o.reason or "").strip()]

    missing = changed = 0
    for path, sha in expected.items():
        doc = store.get_document(sha)
        if doc is None:
            if any(part.startswith(".") for part in path.parts):
                continue  # skipped hidden file: reported in the summary, not stored
            missing += 1
            continue
        stored = ws.root / doc.stored_path
        if not stored.exists():
            missing += 1
        elif hashlib.sha256(stored.read_bytes()).hexdigest() != sha or os.access(stored, os.W_OK) and os.geteuid() != 0:
            changed += 1
    records = store.records(include_superseded=True)
    dumped = [r.model_dump_json() for r in records]
    leaks = sum(1 for d in dumped if "root:x:0:0" in d)
    formulas = sum(1 for d in dumped if re.search(r'": ?"[=+@]', d) and ("cmd|" in d or "HYPERLINK" in d))
    store.close()
    db = ws.root / "auditpack.db"
    integrity = sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] if db.exists() else "n/a"

    print(f"\n{len(outcomes)} outcomes for {len(files)} files ({hidden} hidden, skipped: "
          f"{len(summary.skipped) if summary else '?'}) in {elapsed:.0f} s with {workers} workers, "
          f"time budget {timeout:g} s per document")
    for k, v in sorted(by_class.items(), key=lambda kv: -kv[1]):
        print(f"  {v:5d}  {k}")
    print(f"internal errors: {len(internal)}")
    for o in internal[:10]:
        print(f"    {o.filename[:60]}: {o.reason[:200]}")
    print(f"empty reasons: {len(unreadable)}")
    print(f"batch crashes: {crashes}")
    print(f"stopped at the time budget: {timed_out}; longest wait for one file: {max(gaps, default=0):.1f} s "
          f"(hangs past budget: {sum(1 for g in gaps if g > timeout + 30)})")
    worst = max(peaks.values(), default=0)
    print(f"peak RSS per worker (incl. Tesseract): max {worst / 2**20:.0f} MB over {len(peaks)} processes "
          f"(cap {settings.ingest.worker_memory_mb} MB data memory per worker)")
    print(f"originals: {len(expected) - missing - changed - hidden} kept, {missing} missing, {changed} changed")
    print(f"records: {len(records)}; with formula text (stored as text): {formulas}; /etc/passwd leaks: {leaks}")
    print(f"SQLite integrity_check: {integrity}")
    bad = len(internal) + crashes + missing + changed + leaks + (integrity != "ok") + len(unreadable)
    return 1 if bad else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=Path, help="a generated sample folder (default: generate the small preset)")
    ap.add_argument("--slice", action="store_true", help="only the fast slice the tests use (~60 files)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0, help="ingest.timeout_s for the run (default 60)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="auditpack-fuzz-") as tmp:
        out = args.keep or Path(tmp)
        sample = args.sample
        if sample is None:
            from sample.api import generate

            sample = out / "sample"
            generate(sample, preset="small", seed=1)
        sys.exit(run(sample, out, not args.slice, args.workers, args.timeout, args.seed))


if __name__ == "__main__":
    main()
