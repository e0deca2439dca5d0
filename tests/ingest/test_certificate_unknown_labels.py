"""Certificates whose address stands under a label no declaration knows (issue 12, certificate recall):
the value's shape, a street and then a postcode among place names, names the kind's only address field.
The wordings are plain English made up here, never the variation bench's."""
from __future__ import annotations

from pathlib import Path

from ingest.resolve.values import street_address
from tests.ingest.made_docs import csv_file, read_as

HEAD = [["Organic certificate"],
        ["Operation Name: Brookhaven Mills Inc."],
        ["Certifying Agent: Lakeshore Organic Services"],
        ["Effective Date: 2025-03-01"],
        ["Expiration Date: 2026-03-01"]]


def _read(path: Path):  # noqa: ANN202
    return read_as(path, "supplier_certificate", embedder="hash")


def test_an_address_under_a_label_nobody_declared_is_the_address(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "cert.csv", HEAD + [["Home base: 14 Mill Lane, 40210 Eastbrook"]])
    [record] = _read(path).records
    assert record.address == "14 Mill Lane, 40210 Eastbrook"
    assert record.operation_name == "Brookhaven Mills Inc."


def test_a_street_address_is_told_from_amounts_dates_and_measures() -> None:
    assert street_address("Route de Lille, 59300 Valenciennes")
    assert street_address("455 Harbor Blvd, Oxnard, CA 93035")
    assert street_address("Fazenda Boa Vista, Ribeirão - SP, 14160-000")
    assert not street_address("Rolled oats, 2000 kg")
    assert not street_address("Total, 1234.50 EUR")
    assert not street_address("Issued 3 March, 2024 in Lyon")
    assert not street_address("Harbor Mills, Inc.")
