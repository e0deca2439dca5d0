"""Heading fields printed under labels no declaration holds, read by what the label and value still say
(issue 12, session 9).

* A value that is, all of it, an answer of one closed field ("Bio", "Conventional") fills that field whatever
  its label says, as a ticked box's option would; an answer two fields share tells neither.
* "Formula name" on a formula: the kind's own name beside a word of the field names the document's own name.
* "Begun hh:mm:": a colon between two letters of a label that ends in its own colon belongs to the label.
Hand-made in words of our own (not the variation bench's), read without an embedding model.
"""
from __future__ import annotations

from pathlib import Path

from ingest.layout.shapes import is_label
from tests.ingest.made_docs import csv_file, read_as

INPUTS = [[], ["Ingredient", "Lot number", "Quantity"], ["Rye flour", "RF-5521", "120 kg"], ["Salt", "SL-3001", "2 kg"]]


def _batch(tmp_path: Path, heading: list[list[str]]):  # noqa: ANN202 - a batch record
    (record,) = read_as(csv_file(tmp_path / "mix.csv", [["Mixing sheet"], *heading, *INPUTS]),
                        kind="batch_record").records
    return record


def test_a_value_that_answers_the_run_type_fills_it_under_an_unknown_label(tmp_path: Path) -> None:
    record = _batch(tmp_path, [["Batch lot:", "MX-2207"], ["Product:", "Rye loaf"], ["Way of working:", "Bio"]])
    assert record.run_type == "organic"
    record = _batch(tmp_path, [["Batch lot:", "MX-2207"], ["Product:", "Rye loaf"], ["Way of working:", "Conventional"]])
    assert record.run_type == "conventional"


def test_an_answer_no_closed_field_gives_fills_nothing(tmp_path: Path) -> None:
    record = _batch(tmp_path, [["Batch lot:", "MX-2207"], ["Product:", "Rye loaf"], ["Way of working:", "Slow"]])
    assert record.run_type is None


def test_the_kinds_own_name_and_name_names_the_recipe(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "f.csv", [
        ["Formula name:", "Seeded rye loaf"],
        [],
        ["Ingredient", "Supplier", "Amount"],
        ["Rye flour", "Hill Mill Ltd", "120 kg"],
        ["Salt", "Sea Works Ltd", "2 kg"],
    ])
    (record,) = read_as(path, kind="product_profile").records
    assert record.product_name == "Seeded rye loaf"


def test_a_clock_pattern_inside_a_label_keeps_the_form_a_form(tmp_path: Path) -> None:
    assert is_label("Begun hh:mm:") and not is_label("Begun: 8:30")
    assert is_label("Begun hh:mm")  # a format mask parts nothing, even without the label's own colon
    record = _batch(tmp_path, [
        ["Batch lot:", "MX-2207", "Site:", "Hill bakery"],
        ["Product:", "Seeded rye loaf", "Begun hh:mm:", "4:15 PM"],
        ["Made on:", "2026-03-11", "Line:", "Mixer 2"],
    ])
    assert (record.batch_lot, record.product_name, record.equipment) == ("MX-2207", "Seeded rye loaf", "Mixer 2")
    assert (record.produced_at.hour, record.produced_at.minute) == (16, 15)
