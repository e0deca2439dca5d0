"""A log's site given in its heading rather than in a column (issue 12, round 2), on hand-made sheets."""
from __future__ import annotations

import csv
from pathlib import Path

from ingest.loaders import LoadOptions
from ingest.pipeline import load, sha256_file
from ingest.resolve import read_declared


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _read(path: Path):
    """The declared reader alone: the pest-control parser reads titles in its own words, this reads any."""
    doc, _ = load(path.read_bytes(), path.name, sha256_file(path), LoadOptions(ocr=False, embeddings="hash"))
    return read_declared(doc, "hash")


def test_a_title_under_a_letterhead_names_the_site_of_every_row(tmp_path: Path) -> None:
    path = _csv(tmp_path / "round.csv", [
        ["Kestrel Vermin Control Ltd"],
        [],
        ["Rodent round sheet - Millbrook Depot"],
        [],
        ["Date", "Location", "Material", "Level", "Technician"],
        ["2026-06-02", "Trap T-4, loading bay", "Snap trap", "B", "O. Grant"],
        ["2026-06-02", "Station S-7, flour store", "Glue board", "A", "O. Grant"],
    ])
    a = _read(path)
    assert a.kind == "pest_control_entry", a.candidates
    assert [r.facility for r in a.records] == ["Millbrook Depot", "Millbrook Depot"]
    assert [r.location for r in a.records] == ["Trap T-4, loading bay", "Station S-7, flour store"]


def test_a_letterhead_with_a_dash_and_an_address_is_no_site(tmp_path: Path) -> None:
    path = _csv(tmp_path / "round.csv", [
        ["Kestrel Vermin Control Ltd - 14 Quarry Lane"],
        [],
        ["Date", "Location", "Material", "Level", "Technician"],
        ["2026-06-02", "Trap T-4, loading bay", "Snap trap", "B", "O. Grant"],
        ["2026-06-02", "Station S-7, flour store", "Glue board", "A", "O. Grant"],
    ])
    a = _read(path)
    assert a.kind == "pest_control_entry", a.candidates
    assert [r.facility for r in a.records] == [None, None]


def test_a_title_with_a_dash_of_its_own_gives_the_site_after_the_last_dash(tmp_path: Path) -> None:
    path = _csv(tmp_path / "round.csv", [
        ["Rodent round sheet - Weekly - Millbrook Depot"],
        [],
        ["Date", "Location", "Material", "Level", "Technician"],
        ["2026-06-02", "Trap T-4, loading bay", "Snap trap", "B", "O. Grant"],
        ["2026-06-09", "Station S-7, flour store", "Glue board", "A", "O. Grant"],
    ])
    a = _read(path)
    assert a.kind == "pest_control_entry", a.candidates
    assert [r.facility for r in a.records] == ["Millbrook Depot", "Millbrook Depot"]


def test_a_title_going_on_in_lower_case_after_its_dash_names_no_site(tmp_path: Path) -> None:
    path = _csv(tmp_path / "round.csv", [
        ["Rodent round sheet - monthly summary"],
        [],
        ["Date", "Location", "Material", "Level", "Technician"],
        ["2026-06-02", "Trap T-4, loading bay", "Snap trap", "B", "O. Grant"],
        ["2026-06-09", "Station S-7, flour store", "Glue board", "A", "O. Grant"],
    ])
    a = _read(path)
    assert a.kind == "pest_control_entry", a.candidates
    assert [r.facility for r in a.records] == [None, None]
