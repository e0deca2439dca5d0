"""Organic System Plans in arrangements the declared reader used to misread (issue 12, OSP recall), on
hand-made sheets whose wording is the declarations' own or plain English, never the bench's."""
from __future__ import annotations

import csv
from pathlib import Path

from ingest.loaders import LoadOptions
from ingest.pipeline import load, sha256_file
from ingest.resolve import read_declared


def _read(path: Path, rows: list[list[str]]):
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    doc, _ = load(path.read_bytes(), path.name, sha256_file(path), LoadOptions(ocr=False, embeddings="hash"))
    return read_declared(doc, "hash", kind="organic_system_plan")


HEAD = [["Organic System Plan"], ["Operation Name: Brookhaven Mills Inc."], ["Certifier: Lakeshore Organic Services"],
        ["Last Updated: 2025-03-01"], []]


def test_supplier_columns_whose_headers_fit_both_are_told_apart_by_their_cells(tmp_path: Path) -> None:
    """"Supplied by" and "Source product" each fit the supplier and what it supplies about as well (the
    headers alone put the companies under the ingredient); the cells say which column names companies."""
    a = _read(tmp_path / "osp.csv", HEAD + [
        ["Supplied by", "Source product"],
        ["Harbor Grain Company", "Rye"],
        ["Westfield Milling Company", "Barley"],
        ["Old Orchard Company", "Dried apples"],
    ])
    [record] = a.records
    assert [(s.name, s.ingredient) for s in record.suppliers] == [
        ("Harbor Grain Company", "Rye"), ("Westfield Milling Company", "Barley"), ("Old Orchard Company", "Dried apples")]


def test_supplier_columns_under_their_own_headers_stay_as_printed(tmp_path: Path) -> None:
    """A header that names its field surely is not second-guessed, even by cells that read the other way."""
    a = _read(tmp_path / "osp.csv", HEAD + [
        ["Supplier", "Ingredient"],
        ["Rye Company", "Harbor grain"],
        ["Barley Company", "Westfield malt"],
    ])
    [record] = a.records
    assert [s.name for s in record.suppliers] == ["Rye Company", "Barley Company"]
