"""A log's site repeated on every row under a header no declaration knows (issue 12)."""
from __future__ import annotations

from pathlib import Path

from tests.ingest.made_docs import csv_file, read_as

HEADER = ["Date", "Location", "Material", "Level", "Technician", "Where we were"]


def test_one_proper_name_down_every_row_is_the_site(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "round.csv", [HEADER,
        ["2026-06-02", "Trap T-4, loading bay", "Snap trap", "B", "O. Grant", "Millbrook Depot"],
        ["2026-06-09", "Station S-7, flour store", "Glue board", "A", "O. Grant", "Millbrook Depot"],
        ["2026-06-16", "Station S-7, flour store", "Glue board", "A", "O. Grant", "Millbrook Depot"]])
    result = read_as(path, "pest_control_entry", "hash")
    assert [r.facility for r in result.records] == ["Millbrook Depot"] * 3
    assert [r.applicator for r in result.records] == ["O. Grant"] * 3


def test_a_column_that_changes_from_row_to_row_is_no_site(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "round.csv", [HEADER,
        ["2026-06-02", "Trap T-4, loading bay", "Snap trap", "B", "O. Grant", "Millbrook Depot"],
        ["2026-06-09", "Station S-7, flour store", "Glue board", "A", "O. Grant", "Harbour Yard"]])
    result = read_as(path, "pest_control_entry", "hash")
    assert [r.facility for r in result.records] == [None, None]
