"""The variation bench's confusion table: where each true kind's documents went (another kind, or unknown).

Why: one classification figure per kind says how many were missed, not whether the evidence was missing
(read as unknown) or misleading (read as another kind); the table is what a person tuning the weighing reads.
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
try:
    import bench  # noqa: F401 - the repository root is on sys.path under pytest's rootdir insertion
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(REPO))

from bench.layout_variations.report import DocResult, KindReport, Report, record_kind  # noqa: E402
from ingest.accuracy import Score  # noqa: E402


def _doc(kind: str, got: str | None) -> DocResult:
    return DocResult(file=f"{kind}-{got}.pdf", kind=kind, format="pdf", lang="en", got=got,
                     classified=record_kind(got) == kind, score=Score())


def _cells(table: str) -> dict[str, list[str]]:
    rows = [line.split() for line in table.splitlines()]
    return {r[0]: r[1:] for r in rows[1:]} | {"head": rows[0]}


def test_confusion_counts_each_true_kind_against_what_it_was_read_as() -> None:
    docs = [_doc("invoice", "invoice"), _doc("invoice", "invoice"), _doc("invoice", None),
            _doc("cleaning_event", "cleaning_log"), _doc("cleaning_event", "invoice")]
    report = Report(kinds={k: KindReport(k) for k in ("cleaning_event", "invoice")}, docs=docs)
    cells = _cells(report.confusion())
    head = cells["head"][5:]  # after "true kind / read as"
    assert head[-1] == "unknown"
    col = {name: i for i, name in enumerate(head)}
    # a parser's document kind ("cleaning_log") counts in its record kind's column
    assert cells["cleaning_event"][col["cleaning_event"]] == "1"
    assert cells["cleaning_event"][col["invoice"]] == "1"
    assert cells["invoice"][col["invoice"]] == "2"
    assert cells["invoice"][col["unknown"]] == "1"
    assert cells["cleaning_event"][col["unknown"]] == "."

