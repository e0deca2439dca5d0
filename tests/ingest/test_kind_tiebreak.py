"""Two kinds a document resembles alike: the reading that used more of the document wins (issue 12, session 9).

A batch sheet shares a recipe's words (product, ingredients, kg), and its title may name neither kind. Read as
a recipe it keeps the product and the ingredient columns; read as a batch record it also keeps the lot, the
line, the date, the output and each input's lot. A kind scoring a little higher on words alone should not
win over the reading that resolved twice as much of the page.
"""
from __future__ import annotations

from types import SimpleNamespace

from auditpack.declarations import declarations
from ingest.resolve.api import best_reading, read_paths


def _record(paths: list[str], **values: object) -> SimpleNamespace:
    return SimpleNamespace(field_sources={p: None for p in paths}, **values)


ROWS = 6
RECIPE = _record(["product_name"] + [f"ingredients[{i}].{c}" for i in range(ROWS) for c in ("name", "amount", "unit")],
                 product_name="Rye loaf", ingredients=[object()] * ROWS)
BATCH = _record(["batch_lot", "product_name", "equipment", "produced_at", "output_quantity", "output_unit"]
                + [f"inputs[{i}].{c}" for i in range(ROWS) for c in ("ingredient", "lot_number", "quantity", "unit")],
                batch_lot="MX-1", product_name="Rye loaf", equipment="Mixer 2", produced_at=object(),
                output_quantity=300.0, output_unit="kg", inputs=[object()] * ROWS)


def test_what_was_read_counts_each_field_once_whatever_the_rows() -> None:
    assert read_paths([RECIPE]) == 4 and read_paths([BATCH]) == 10


def test_the_reading_that_used_more_of_the_page_wins_a_near_tie() -> None:
    read = {"product_profile": [RECIPE], "batch_record": [BATCH]}
    assert best_reading(read, {"product_profile": 0.34, "batch_record": 0.30}, declarations()) == "batch_record"


def test_a_clear_lead_in_score_still_decides() -> None:
    read = {"product_profile": [RECIPE], "batch_record": [BATCH]}
    assert best_reading(read, {"product_profile": 0.55, "batch_record": 0.30}, declarations()) == "product_profile"
