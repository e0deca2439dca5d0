"""Records tab at scale: seconds to show one page of cleaning events (issue 15: 3,645 took 9-10 s).

    python bench/ui_records.py [--rows 3645] [--sample DIR]

Builds a throwaway workspace, ingests one cleaning-log CSV of `--rows` rows (the sample operation's log
repeated a day later per copy, as bench/cleaning_rows.py does), then times, in this process:

- `all records`: what the tab did before (every current record of the kind parsed, then one frame of all);
- `page 1`, `page 37`: what it does now (`review_ui.records_view.load_page`: one page of 50 read from the
  store, its frame built);
- `date filter`: page 1 of the rows on one day typed as printed on the log ("06/19/2026").

Prints seconds only; nothing here asserts on wall time.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("AUDITPACK_EMBEDDINGS", "hash")


def _timed(label: str, fn, repeat: int = 3):
    best = float("inf")
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    print(f"{label:<34} {best:8.3f} s", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=3645)
    ap.add_argument("--sample", type=Path, help="a generated sample folder (default: generate the small preset)")
    args = ap.parse_args()
    from app.plugins import install
    from auditpack.store import open_store
    from auditpack.workspace import init_workspace
    from bench.cleaning_rows import cleaning_csv
    from ingest.api import ingest_paths
    from review_ui import records_view
    from review_ui.presenters import records_frame

    install()
    with tempfile.TemporaryDirectory() as tmp:
        sample = args.sample
        if sample is None:
            from sample.api import generate

            sample = Path(tmp) / "sample"
            generate(sample, preset="small", seed=1)
        template = sorted((sample / "cleaning").glob("*.csv"))[0]
        log = Path(tmp) / f"cleaning-{args.rows}.csv"
        log.write_bytes(cleaning_csv(template, args.rows))
        ws = init_workspace(Path(tmp) / "ws", operation_name="Bench Organics")
        store = open_store(ws)
        t0 = time.perf_counter()
        ingest_paths(ws, store, [log], actor="bench", workers=1)
        kind = "cleaning_event"
        total = store.record_counts().get(kind, 0)
        print(f"ingested {total} cleaning events in {time.perf_counter() - t0:.1f} s (setup, not measured)")
        _timed("all records (before)", lambda: records_frame(store.records(kind=kind), kind))
        first = _timed("page 1 (now)", lambda: records_view.load_page(store, kind, "", "", 0))
        last = max(0, (total - 1) // records_view.PAGE_SIZE) * records_view.PAGE_SIZE
        _timed(f"page {last // records_view.PAGE_SIZE + 1} (now)",
               lambda: records_view.load_page(store, kind, "", "", last))
        day = _timed("date filter 06/19/2026 (now)", lambda: records_view.load_page(store, kind, "", "06/19/2026", 0))
        print(f"page 1 shows: {first.count}; date filter: {day.count}")
        store.close()


if __name__ == "__main__":
    main()
