"""A weighing table whose unit column says "kg" on every row is a table, not a form (issue 12, session 9).

A four-column DOCX table alternating words and codes ("kg | 240 | Rye flour | LOT 5521") looks like two
label/value pairs per row; a form names a different thing on each row, so a column that repeats one text is
a table's. Its lot codes ("LOT 5521", "24087N") read as numbers too, yet they are no column of plain numbers:
the one column of bare numbers beside the units is the quantity. Hand-made in words of our own (not the
variation bench's), read without an embedding model.
"""
from __future__ import annotations

from pathlib import Path

from tests.ingest.made_docs import docx_file, read_as


HEADING = ["Mixing sheet", "Batch lot: MX-2207", "Product: Seeded rye loaf", "Produced: 2026-03-14 08:30",
           "Production type: Organic"]


def _inputs(tmp_path: Path, rows: list[list[str]]) -> list[tuple]:
    a = read_as(docx_file(tmp_path / "mix.docx", HEADING, [rows]), kind="batch_record")
    (record,) = a.records
    return [(i.ingredient, i.lot_number, i.quantity, i.unit) for i in record.inputs]


def test_a_unit_column_first_makes_a_table_of_inputs_not_pairs(tmp_path: Path) -> None:
    got = _inputs(tmp_path, [
        ["Per", "Tipped in", "Ingredient", "Lot number"],
        ["kg", "240", "Rye flour", "LOT 5521"],
        ["kg", "18,5", "Sunflower seeds", "24087N"],
        ["kg", "2", "Salt", "SL-3001"],
    ])
    assert got == [("Rye flour", "LOT 5521", 240.0, "kg"), ("Sunflower seeds", "24087N", 18.5, "kg"),
                   ("Salt", "SL-3001", 2.0, "kg")]


def test_a_unit_column_in_the_middle_measures_the_bare_numbers_not_the_lots(tmp_path: Path) -> None:
    got = _inputs(tmp_path, [
        ["Ingredient", "Lot number", "Per", "Tipped in"],
        ["Rye flour", "LOT 901484", "kg", "200"],
        ["Sunflower seeds", "24087N", "kg", "45"],
        ["Salt", "LOT 611356", "kg", "1"],
    ])
    assert got == [("Rye flour", "LOT 901484", 200.0, "kg"), ("Sunflower seeds", "24087N", 45.0, "kg"),
                   ("Salt", "LOT 611356", 1.0, "kg")]


def test_a_form_of_two_pairs_per_row_is_still_read_as_pairs(tmp_path: Path) -> None:
    path = docx_file(tmp_path / "form.docx", ["Mixing sheet"], [
        [["Batch lot", "MX-2208", "Product", "Rye loaf"],
         ["Produced", "2026-03-15 09:00", "Production type", "Organic"],
         ["Line", "Mixer 2", "Site", "Hill bakery"]],
        [["Ingredient", "Lot number", "Quantity"],
         ["Rye flour", "RF-5521", "120 kg"],
         ["Salt", "SL-3001", "2 kg"]],
    ])
    (record,) = read_as(path, kind="batch_record").records
    assert (record.batch_lot, record.product_name) == ("MX-2208", "Rye loaf")
    assert [(i.ingredient, i.quantity) for i in record.inputs] == [("Rye flour", 120.0), ("Salt", 2.0)]
