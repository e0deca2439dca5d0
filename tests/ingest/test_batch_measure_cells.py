"""A column of measures ("200 kg" on every row) is a quantity whatever its header says (issue 12, round 3).

Hand-made batch sheets in words of our own (not the variation bench's), read by the declared reader alone
without an embedding model, so a header the declarations do not know gives the column nothing.
"""
from __future__ import annotations

from pathlib import Path

from tests.ingest.made_docs import csv_file, read_as


def read_batch(path: Path):  # noqa: ANN201
    return read_as(path, kind="batch_record")






def _sheet(tmp_path: Path, taken: list[str]) -> Path:
    return csv_file(tmp_path / "mix.csv", [
        ["Batch lot:", "MX-2207"],
        ["Product:", "Seeded rye loaf"],
        [],
        ["Ingredient", "Lot number", "Tipped in"],
        ["Rye flour", "RF-5521", taken[0]],
        ["Sunflower seeds", "SS-0912", taken[1]],
        ["Salt", "SL-3001", taken[2]],
    ])


def test_a_column_of_measures_gives_each_input_its_quantity_and_unit(tmp_path: Path) -> None:
    a = read_batch(_sheet(tmp_path, ["120 kg", "18.5 kg", "2 kg"]))
    assert a.kind == "batch_record"
    (record,) = a.records
    assert [(i.ingredient, i.lot_number, i.quantity, i.unit) for i in record.inputs] == [
        ("Rye flour", "RF-5521", 120.0, "kg"), ("Sunflower seeds", "SS-0912", 18.5, "kg"), ("Salt", "SL-3001", 2.0, "kg")]


def test_a_column_of_bare_numbers_under_an_unknown_header_is_not_guessed(tmp_path: Path) -> None:
    a = read_batch(_sheet(tmp_path, ["4", "7", "2"]))
    (record,) = a.records
    assert [i.quantity for i in record.inputs] == [None, None, None]


def test_a_header_of_two_inflected_words_names_both_lots_and_quantities(tmp_path: Path) -> None:
    # Dutch plurals in -en ("gewichten" of "Gewicht") share all but their ending with the declared word: the
    # header names the lot and the quantity, so each cell's lots and weights are read apart
    path = csv_file(tmp_path / "bon.csv", [
        ["Batch lot:", "MX-2208"],
        ["Product:", "Roggebrood"],
        [],
        ["Grondstof", "Batchnummers en gewichten"],
        ["Roggemeel", "RF-5521 (120 kg); RF-5530 (40 kg)"],
        ["Zout", "SL-3001 (2 kg)"],
    ])
    (record,) = read_batch(path).records
    assert [(i.ingredient, i.lot_number, i.quantity, i.unit) for i in record.inputs] == [
        ("Roggemeel", "RF-5521", 120.0, "kg"), ("Roggemeel", "RF-5530", 40.0, "kg"), ("Zout", "SL-3001", 2.0, "kg")]


def test_each_inflected_part_of_a_two_thing_header_is_named_and_an_unknown_part_is_not() -> None:
    from auditpack.declarations import declarations
    from ingest.resolve.labels import label_indexes

    index = label_indexes(declarations())["batch_record"]
    # below the 0.25 a header needs to place a column, before plural endings were read as the declared word
    assert index.lexical("Loten en hoeveelheden", "inputs.lot_number") >= 0.5
    assert index.lexical("Loten en hoeveelheden", "inputs.quantity") >= 0.5
    assert index.lexical("Kisten en dozen", "inputs.quantity") == 0.0
