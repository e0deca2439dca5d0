"""Two tables on one sheet without a blank row, and kinds that no declared name settles (issue 12, session 10).

A production sheet may put its heading as a one-row table (names over one row of values) and its inputs' table
right under it, with no blank row between: the inputs' column names fill other columns than the row above, and
the rows under them fill only those columns. When no declared name of any kind is printed, a kind's lead in
score rests on labels that fit several kinds a little, so the reading that placed more of the page decides.
"""
from __future__ import annotations

from types import SimpleNamespace

from auditpack.declarations import declarations
from ingest.layout import read_page
from ingest.resolve.api import best_reading
from tests.ingest.test_layout_reader import _sheet, value_of


def test_a_row_of_names_under_a_one_row_table_heads_a_second_table() -> None:
    page = _sheet([
        ["Mix code", "Made", "Mixer", "Made on", "Output"],
        ["MX-4410", "Rye bread", "Spiral mixer 2", "2026-03-02", "300 kg"],
        ["Flour", "Weighed", "Supplier code"],
        ["Rye flour", "120 kg", "RF-2231"],
        ["Water", "80 kg", "mains 1"],
        ["Salt", "2,4 kg", "SL-0042"],
    ])
    reading = read_page(page)
    headers = [t.header[:3] for t in reading.tables]
    assert ["Flour", "Weighed", "Supplier code"] in headers
    second = next(t for t in reading.tables if t.header[0] == "Flour")
    assert [r.texts[0] for r in second.data_rows] == ["Rye flour", "Water", "Salt"]
    first = next(t for t in reading.tables if t.header[0] == "Mix code")
    assert [r.texts[0] for r in first.data_rows] == ["MX-4410"]


def test_a_group_row_of_words_inside_one_table_keeps_it_whole() -> None:
    page = _sheet([
        ["Item", "Weighed", "Supplier code"],
        ["Rye flour", "120 kg", "RF-2231"],
        ["Dry goods", "stored", "shelf"],
        ["Salt", "2,4 kg", "SL-0042"],
        ["Seeds", "4 kg", "SD-0042"],
    ])
    reading = read_page(page)
    assert len(reading.tables) == 1 and len(reading.tables[0].data_rows) >= 3


def _record(paths: list[str]) -> SimpleNamespace:
    return SimpleNamespace(field_sources={p: None for p in paths})


RECIPE = _record(["product_name", "ingredients[0].name", "ingredients[0].amount"])
BATCH = _record(["batch_lot", "product_name", "equipment", "produced_at", "output_quantity", "output_unit",
                 "inputs[0].ingredient", "inputs[0].lot_number", "inputs[0].quantity"])


def test_without_a_printed_kind_name_the_fuller_reading_wins_a_wider_gap() -> None:
    read = {"product_profile": [RECIPE], "batch_record": [BATCH]}
    scores = {"product_profile": 0.35, "batch_record": 0.20}
    assert best_reading(read, scores, declarations(), named=frozenset()) == "batch_record"
    # a kind whose name the page prints keeps the ordinary weight
    assert best_reading(read, scores, declarations(), named=frozenset({"product_profile"})) == "product_profile"


def test_two_names_without_colons_under_label_cells_head_a_table_of_the_same_columns() -> None:
    page = _sheet([
        ["Mix sheet"],
        ["Mix code:", "MX-4410"],
        ["Made on:", "2026-03-02"],
        ["Bread made:", "Rye loaf"],
        ["Flour", "Codes and weights"],
        ["Rye flour", "RF-2231 (120 kg)"],
        ["Water", "80 kg"],
        ["Salt", "SL-0042 (2,4 kg); SL-0043 (1 kg)"],
    ])
    reading = read_page(page)
    table = next(t for t in reading.tables if t.header[0] == "Flour")
    assert [r.texts[0] for r in table.data_rows] == ["Rye flour", "Water", "Salt"]
    assert value_of(reading.key_values, "Mix code") == "MX-4410"
