"""Are there records the package period leaves out?

A package covers one period (`--period START:END`, or the span of the records when none is given), and
records dated outside it are silently left out of every section. Usually that is the point; but a period
typed one year off, or a log ingested for the wrong season, would ship a package missing most of its
evidence, and nothing on the cover would say so. So the readiness summary counts, per record kind, the
records dated outside the period and the dates they span, before building.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from generators.dataset import Dataset, record_day


def period_mismatches(ds: Dataset) -> list[str]:
    """One sentence per record kind with records dated outside the package period (with their count and
    first and last date); empty when every dated record is inside it. Undated records are always kept."""
    start, end = ds.period
    outside: dict[str, list[date]] = defaultdict(list)
    for rec in ds.all_records:
        day = record_day(rec)
        if day is not None and not start <= day <= end:
            outside[rec.kind.value].append(day)
    out = []
    for kind, days in sorted(outside.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        n, first, last = len(days), min(days), max(days)
        span = ds.fmt.date(first) if first == last else f"{ds.fmt.date(first)} to {ds.fmt.date(last)}"
        before, after = sum(d < start for d in days), sum(d > end for d in days)
        where = " and ".join(w for w in (f"{before} before" if before else "", f"{after} after" if after else "")
                             if w)
        out.append(f"{n} {kind.replace('_', ' ')} record{'s' if n != 1 else ''} dated {span} "
                   f"({where} the period {ds.period_text}) {'are' if n != 1 else 'is'} left out of the package.")
    return out
