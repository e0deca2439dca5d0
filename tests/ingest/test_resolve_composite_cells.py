"""Cells that pack a lot code and its weight together, read as a person would (issue 12, round 2).

Hand-made arrangements in words of our own: a code written as a word and digits ("CHG 55120 (40 kg)"),
a code of digits only before the weight ("220419-3 (12 kg)"), and two lots of one ingredient in one cell
whose first code also reads as a number with a letter glued on ("77812H (6,5 kg), HN-4410 (3,5 kg)").
"""
from __future__ import annotations

from pathlib import Path

from auditpack.declarations import declarations
from ingest.layout import split_composite
from ingest.loaders import LoadOptions
from ingest.pipeline import analyze, sha256_file
from ingest.resolve.values import DocFormat, header_unit, read_value


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def _quantity_field():
    return declarations()["batch_record"].fields["inputs"].columns["quantity"]


def test_two_lots_in_one_cell_split_even_when_one_code_looks_like_a_number_with_a_unit() -> None:
    assert split_composite("77812H (6,5 kg), HN-4410 (3,5 kg)") == ["77812H (6,5 kg)", "HN-4410 (3,5 kg)"]
    assert split_composite("Unit 4, 12 Harbour Road") == ["Unit 4, 12 Harbour Road"]  # an address stays whole


def test_the_weight_after_a_code_of_digits_is_the_quantity_not_the_code() -> None:
    fmt = DocFormat.of("")
    assert read_value("220419-3 (12 kg)", _quantity_field(), fmt) == (12.0, "kg")
    assert read_value("1,800 kg", _quantity_field(), fmt) == (1800.0, "kg")  # a grouped number stays one


def test_a_bracketed_word_that_is_no_unit_gives_no_unit() -> None:
    assert header_unit("Charge (qty) taken") is None
    assert header_unit("Taken (kg)") == "kg"


def test_a_batch_sheet_with_lots_and_weights_in_one_column(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "run.xlsx", [
        ["Production record"],
        ["Batch", "GR-5521"],
        ["Product", "Spiced granola"],
        ["Date", "2026-05-04"],
        [],
        ["Ingredient", "Lot and weight"],
        ["Rolled oats", "CHG 55120 (40 kg)"],
        ["Honey", "77812H (6,5 kg), HN-4410 (3,5 kg)"],
        ["Raisins", "220419-3 (12 kg)"],
    ])
    a = analyze(str(path), path.name, sha256_file(path), LoadOptions(ocr=False, embeddings="hash"))
    assert a.kind == "batch_record", a.kind_candidates
    got = [(i["ingredient"], i["lot_number"], i["quantity"], i["unit"]) for i in a.records[0]["inputs"]]
    assert got == [("Rolled oats", "CHG 55120", 40.0, "kg"), ("Honey", "77812H", 6.5, "kg"),
                   ("Honey", "HN-4410", 3.5, "kg"), ("Raisins", "220419-3", 12.0, "kg")]
