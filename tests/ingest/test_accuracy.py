"""Extraction accuracy floors on the generated `small` sample (field-level, against truth.json).

The floors are what the parsers achieve today (see docs/ingest.md); a drop is a regression.
`cleaning_event` recall is below 1 because one sample layout writes the facility only in the file name,
which ingest deliberately does not read.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.accuracy import evaluate

FLOORS = {  # kind: (precision, recall) on text documents
    "supplier_certificate": (0.98, 0.98),
    "invoice": (0.98, 0.98),
    "cleaning_event": (0.98, 0.97),
    "organic_system_plan": (0.98, 0.98),
    "product_profile": (0.98, 0.98),
    "batch_record": (0.98, 0.98),
    "pest_control_entry": (0.98, 0.98),
}


@pytest.fixture(scope="module")
def scores(sample_small: Path):
    return evaluate(sample_small, workers=2)


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_text_documents_meet_the_floor(scores, kind: str) -> None:
    s = scores["text"][kind]
    assert s.tp > 0, f"no {kind} fields extracted"
    p, r = FLOORS[kind]
    assert s.precision >= p and s.recall >= r, (s.precision, s.recall, s.errors[:5])


@pytest.mark.slow
def test_scanned_documents_meet_the_floor(scores) -> None:
    scanned = scores["scanned"]
    if not scanned:
        pytest.skip("this sample has no scanned documents")
    tp = sum(s.tp for s in scanned.values())
    fp = sum(s.fp for s in scanned.values())
    fn = sum(s.fn for s in scanned.values())
    assert tp / (tp + fp) >= 0.9 and tp / (tp + fn) >= 0.9
