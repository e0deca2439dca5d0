"""Two tables stacked on a sheet with only a caption between them, and a list field written as names
separated by commas (issue 12, OSP recall), on hand-made sheets in plain English, never the bench's words."""
from __future__ import annotations

from pathlib import Path

from tests.ingest.made_docs import csv_file, read_as

HEAD = [["Organic System Plan"], ["Operation Name: Brookhaven Mills Inc."], ["Certifier: Lakeshore Organic Services"],
        ["Last Updated: 2025-03-01"], []]
QUESTIONS = [
    ["Question", "Answer"],
    ["1. How are organic goods kept apart?", "Separate labelled racks and a clean-down before each organic run."],
    ["2. How are pests kept out?", "Sealed doors, traps checked weekly, no sprays near product."],
]


def test_a_caption_between_two_tables_starts_the_second_table(tmp_path: Path) -> None:
    """Without a blank row, a caption over "Substance | Use" rows of check boxes looked like a group row of
    the questions above it, and the substances were lost."""
    a = read_as(csv_file(tmp_path / "osp.csv", HEAD + QUESTIONS + [
        ["Chemicals kept on site"],
        ["Substance", "Use"],
        ["Peracetic acid", "☐ Cleaner   ☒ Sanitizer   ☐ Processing aid"],
        ["Citric acid descaler", "☒ Cleaner   ☐ Sanitizer   ☐ Processing aid"],
        ["Nitrogen (food grade)", "☐ Cleaner   ☐ Sanitizer   ☒ Processing aid"],
    ]), kind="organic_system_plan", embedder="hash")
    [record] = a.records
    assert [(s.name, s.use) for s in record.substances] == [
        ("Peracetic acid", "sanitizer"), ("Citric acid descaler", "cleaner"), ("Nitrogen (food grade)", "processing_aid")]


def test_a_group_row_inside_one_table_keeps_the_table_whole(tmp_path: Path) -> None:
    """A lone row followed by rows shaped like the ones above it is a group inside the table."""
    a = read_as(csv_file(tmp_path / "osp.csv", HEAD + [
        ["Supplier", "Ingredient"],
        ["Harbor Grain Company", "Rye"],
        ["Westfield Milling Company", "Barley"],
        ["Imported"],
        ["Old Orchard Company", "Dried apples"],
        ["Lakeside Oils Ltd", "Sunflower oil"],
    ]), kind="organic_system_plan", embedder="hash")
    [record] = a.records
    assert [s.name for s in record.suppliers] == [
        "Harbor Grain Company", "Westfield Milling Company", "Old Orchard Company", "Lakeside Oils Ltd"]


def test_names_separated_by_commas_fill_a_list_field_one_by_one(tmp_path: Path) -> None:
    a = read_as(csv_file(tmp_path / "osp.csv", HEAD + [
        ["Products: Rye Bread, Barley Flakes, Apple Crisps"],
        [],
        ["Supplier", "Ingredient"],
        ["Harbor Grain Company", "Rye"],
        ["Westfield Milling Company", "Barley"],
    ]), kind="organic_system_plan", embedder="hash")
    [record] = a.records
    assert record.products == ["Rye Bread", "Barley Flakes", "Apple Crisps"]
