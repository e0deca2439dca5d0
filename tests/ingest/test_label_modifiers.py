"""A label's words that only a field rejecting its value would use ("manufactured" beside "product", under a
value of plain words that is no date) do not pull it away from the field the value can be (issue 12)."""
from __future__ import annotations

from pathlib import Path

import pytest

from auditpack.declarations import declarations
from ingest.resolve.labels import label_indexes
from ingest.resolve.modifiers import modified_score, without_modifiers
from tests.ingest.made_docs import docx_file, read_as

REJECTING = ["batch_lot", "produced_at", "run_type", "output_quantity", "output_unit"]  # for "Oat bar"
ACCEPTING = ["product_name", "facility", "equipment"]


def test_a_word_of_a_rejecting_field_only_is_left_out() -> None:
    index = label_indexes(declarations())["batch_record"]
    assert without_modifiers(index, "Product manufactured", REJECTING, ACCEPTING) == "product"
    assert modified_score(index, "Product manufactured", "product_name", REJECTING, ACCEPTING) >= 0.8
    # nothing else left, or nothing left out: no second score
    assert modified_score(index, "Manufactured", "product_name", REJECTING, ACCEPTING) == 0.0
    assert modified_score(index, "Product", "product_name", REJECTING, ACCEPTING) == 0.0
    # the rest holds no word of the field: it says nothing of it
    assert modified_score(index, "Product manufactured", "facility", REJECTING, ACCEPTING) == 0.0


@pytest.mark.parametrize(("label", "date_label"), [
    ("Hergestelltes Produkt", "Hergestellt am"),  # "hergestellt" is a word of the date's labels only
    ("Product manufactured", "Manufactured"),
])
def test_a_product_labelled_with_a_word_of_the_date_is_the_product(tmp_path: Path, label: str,
                                                                   date_label: str) -> None:
    path = docx_file(tmp_path / "run.docx", [
        "Batch record",
        "Lot: QX-4471",
        f"{label}: Toasted oat bar",
        f"{date_label}: 2026-03-04",
        "Line: Oven 3",
    ], [[["Ingredient", "Lot", "Quantity"], ["Oats", "OT-118", "40 kg"], ["Honey", "HN-22", "6 kg"]]])
    result = read_as(path, "batch_record", "hash")
    assert result.records, result.candidates
    rec = result.records[0]
    assert rec.product_name == "Toasted oat bar"
    assert rec.produced_at is not None and rec.produced_at.date().isoformat() == "2026-03-04"
    assert rec.batch_lot == "QX-4471"
