"""How table columns nobody named are placed, and a ruled grid that is a form of labels over values.

In words of our own (not the variation bench's), each arrangement read through the declared reader:
a column of bare numbers beside a column of units is the quantity those units measure; a column of
product names that carry an organic mark is the description, not the organic answer; a header's "(%)"
is the amount's unit; a short grid of label rows over value rows is a form, not a table of two records.
"""
from __future__ import annotations

from pathlib import Path

from ingest.layout import read_page
from ingest.models import Page, Table
from tests.ingest.made_docs import csv_file, read_as


def _lines(result, field: str) -> list:  # noqa: ANN001 - a ReadResult
    (record,) = result.records
    return getattr(record, field)


def test_bare_numbers_beside_a_column_of_units_are_the_quantity(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "run.csv", [
        ["Batch record"],
        ["Batch lot", "RB-2207"],
        [],
        ["Ingredient", "Put in", "Lot", "Unit"],
        ["Rye flour", "120", "L-4411", "kg"],
        ["Sea salt", "2.5", "L-9020", "kg"],
        ["Water", "80", "mains", "kg"],
    ])
    inputs = _lines(read_as(path, kind="batch_record"), "inputs")
    assert [(i.ingredient, i.quantity, i.unit) for i in inputs] == [
        ("Rye flour", 120, "kg"), ("Sea salt", 2.5, "kg"), ("Water", 80, "kg")]


def test_names_with_an_organic_mark_are_the_description_not_the_answer(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "bill.csv", [
        ["Invoice"],
        ["Invoice No.", "F-1029"],
        [],
        ["Qty", "Amount", "Sent out"],
        ["10 kg", "25.00", "Oat flakes (organic)"],
        ["4 kg", "18.40", "Rye grain (organic)"],
    ])
    lines = _lines(read_as(path, kind="invoice"), "lines")
    assert [ln.description for ln in lines] == ["Oat flakes (organic)", "Rye grain (organic)"]


def test_a_percent_header_gives_each_amount_its_unit(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "recipe.csv", [
        ["Product profile"],
        ["Product name", "Seed bread"],
        [],
        ["Ingredient", "Share of mix (%)"],
        ["Spelt flour", "70"],
        ["Sunflower seeds", "30"],
    ])
    items = _lines(read_as(path, kind="product_profile"), "ingredients")
    assert [(i.name, i.amount, i.unit) for i in items] == [("Spelt flour", 70, "%"), ("Sunflower seeds", 30, "%")]


def test_a_ruled_grid_of_label_rows_over_value_rows_is_a_form() -> None:
    rows = [["Run code", "Made on", "Made at"], ["R-77", "2026-05-02", "North mill"],
            ["Start", "Kind of run", ""], ["6:30", "☒ Plain ☐ Special", ""]]
    page = Page(number=1, text="", lines=[], tables=[Table(rows=rows)])
    reading = read_page(page)
    assert not [t for t in reading.tables if t.data_rows]
    pairs = {kv.label: kv.value for kv in reading.key_values}
    assert pairs["Run code"] == "R-77" and pairs["Made at"] == "North mill" and pairs["Start"] == "6:30"


def test_a_short_table_with_a_row_of_words_stays_a_table() -> None:
    rows = [["Grain", "Lot", "Weight"], ["Oats", "L-1", "20 kg"], ["Rye", "none", "none"], ["Spelt", "L-3", "7 kg"]]
    page = Page(number=1, text="", lines=[], tables=[Table(rows=rows)])
    tables = [t for t in read_page(page).tables if t.data_rows]
    assert [r.texts[0] for r in tables[0].data_rows] == ["Oats", "Rye", "Spelt"]
