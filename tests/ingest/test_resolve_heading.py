"""A log's site given in its heading rather than in a column (issue 12, round 2), on hand-made sheets."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

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


ROWS = [
    ["Date", "Location", "Material", "Level", "Technician"],
    ["2026-06-02", "Trap T-4, loading bay", "Snap trap", "B", "O. Grant"],
    ["2026-06-09", "Station S-7, flour store", "Glue board", "A", "O. Grant"],
]


@pytest.mark.parametrize(("heading", "site"), [
    # a title under a letterhead names the site of every row
    ([["Kestrel Vermin Control Ltd"], [], ["Rodent round sheet - Millbrook Depot"]], "Millbrook Depot"),
    # a letterhead with a dash and an address is no site
    ([["Kestrel Vermin Control Ltd - 14 Quarry Lane"]], None),
    # a title with a dash of its own gives the site after the last dash
    ([["Rodent round sheet - Weekly - Millbrook Depot"]], "Millbrook Depot"),
    # a title going on in lower case after its dash names no site
    ([["Rodent round sheet - monthly summary"]], None),
], ids=["letterhead-then-title", "letterhead-address", "last-dash", "lower-case-tail"])
def test_a_log_heading_names_the_site_of_every_row_or_none(tmp_path: Path, heading: list[list[str]],
                                                            site: str | None) -> None:
    a = _read(_csv(tmp_path / "round.csv", [*heading, [], *ROWS]))
    assert a.kind == "pest_control_entry", a.candidates
    assert [r.facility for r in a.records] == [site, site]
    assert [r.location for r in a.records] == ["Trap T-4, loading bay", "Station S-7, flour store"]
