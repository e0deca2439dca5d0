"""Cleaning-log CSV parsing time by row count: it must grow linearly (a year's export of one site is thousands of rows).

    python bench/cleaning_rows.py [--rows 1000 5000 50000] [--sample DIR]

Builds cleaning-log CSVs of each size by repeating the data rows of the sample operation's
cleaning-log CSV (dates moved forward a day per copy so no two rows are the same), then times
`load` + `parse_document` in this process (no workers, no store). Prints seconds, records,
and microseconds per row: flat per-row figures mean linear; a per-row figure that grows with the
size is the quadratic behaviour issue 14 measured (1,000 / 2,000 / 5,000 rows: 12 / 43 / 262 s).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("AUDITPACK_EMBEDDINGS", "hash")


def cleaning_csv(template: Path, rows: int) -> bytes:
    """`rows` data rows under the template's header, each copy of the template's rows a day later."""
    with template.open(newline="", encoding="utf-8") as f:
        header, *data = list(csv.reader(f))
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    n = 0
    day = 0
    while n < rows:
        for r in data:
            if n >= rows:
                break
            r = list(r)
            when = dt.datetime.strptime(r[0], "%m/%d/%Y %H:%M") + dt.timedelta(days=day)
            r[0] = when.strftime("%m/%d/%Y %H:%M")
            w.writerow(r)
            n += 1
        day += 1
    return out.getvalue().encode()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, nargs="+", default=[1000, 5000, 50000])
    ap.add_argument("--sample", type=Path, help="a generated sample folder (default: generate the small preset)")
    args = ap.parse_args()
    from app.plugins import install
    from ingest.loaders import LoadOptions
    from ingest.pipeline import load, parse_document

    install()
    with tempfile.TemporaryDirectory() as tmp:
        sample = args.sample
        if sample is None:
            from sample.api import generate

            sample = Path(tmp) / "sample"
            generate(sample, preset="small", seed=1)
        template = sorted((sample / "cleaning").glob("*.csv"))[0]
        print(f"template: {template.name}")
        print(f"{'rows':>8} {'load s':>8} {'parse s':>8} {'records':>8} {'us/row':>8}")
        for n in args.rows:
            data = cleaning_csv(template, n)
            t0 = time.perf_counter()
            doc, _ = load(data, f"cleaning-{n}.csv", "0" * 64, LoadOptions(embeddings="hash"))
            t1 = time.perf_counter()
            result = parse_document(doc, embeddings="hash")
            t2 = time.perf_counter()
            print(f"{n:>8} {t1 - t0:>8.2f} {t2 - t1:>8.2f} {len(result.records):>8} {(t2 - t0) / n * 1e6:>8.0f}",
                  flush=True)


if __name__ == "__main__":
    main()
