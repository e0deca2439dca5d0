"""Logs in arrangements nobody designed for (issue 12): laid on their side, the site given once above the
rows under a label no declaration knows, a sheet title in merged cells, a chemical and its strength in one
cell beside a column of people, a clock time with its half of the day. Hand-made sheets, read by the
declared reader alone."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.ingest.made_docs import csv_file, read_as

ROWS = [
    ["2026-06-02", "Mixer M-1", "Ann Hale", "Peracetic acid 150 ppm"],
    ["2026-06-03", "Oven O-2", "Bo Lind", "Sodium hypochlorite 100 ppm"],
    ["2026-06-04", "Mixer M-1", "Ann Hale", "Quat sanitizer 200 ppm"],
]


def test_a_log_laid_on_its_side_is_read_one_record_per_column(tmp_path: Path) -> None:
    """A spreadsheet export turned: one row per field, no colons, one column per clean."""
    fields = ["Date", "Equipment", "Operator", "Chemicals"]
    side = [[name] + [r[i] for r in ROWS] for i, name in enumerate(fields)]
    a = read_as(csv_file(tmp_path / "side.csv", [["Cleaning log"], [], *side]), "cleaning_event", "hash")
    assert [r.equipment for r in a.records] == ["Mixer M-1", "Oven O-2", "Mixer M-1"]
    assert [r.operator for r in a.records] == ["Ann Hale", "Bo Lind", "Ann Hale"]
    assert [r.performed_at.date() for r in a.records] == [dt.date(2026, 6, d) for d in (2, 3, 4)]


def test_an_ordinary_table_with_words_down_its_first_column_is_not_turned(tmp_path: Path) -> None:
    rows = [["Equipment", "Date", "Operator"], ["Mixer M-1", "2026-06-02", "Ann Hale"],
            ["Oven O-2", "2026-06-03", "Bo Lind"], ["Slicer S-3", "2026-06-04", "Ann Hale"]]
    a = read_as(csv_file(tmp_path / "log.csv", [["Cleaning log"], [], *rows]), "cleaning_event", "hash")
    assert [r.equipment for r in a.records] == ["Mixer M-1", "Oven O-2", "Slicer S-3"]


def _log(tmp_path: Path, heading: list[list[str]]) -> list:
    table = [["Date", "Equipment", "Operator", "Chemicals"], *ROWS]
    return read_as(csv_file(tmp_path / "log.csv", [["Cleaning log"], *heading, [], *table]),
                   "cleaning_event", "hash").records


def test_a_site_given_once_above_the_rows_under_an_unknown_label_is_every_row_s(tmp_path: Path) -> None:
    records = _log(tmp_path, [["Sector:", "Harbour Lane Creamery"]])
    assert [r.facility for r in records] == ["Harbour Lane Creamery"] * 3


def test_two_unknown_heading_pairs_name_no_site(tmp_path: Path) -> None:
    """The site and a person nobody labelled for the kind: which is the site is a guess, so none is."""
    records = _log(tmp_path, [["Sector:", "Harbour Lane Creamery"], ["Rota lead:", "Cora Voss"]])
    assert [r.facility for r in records] == [None] * 3


def test_a_remark_in_the_heading_names_no_site(tmp_path: Path) -> None:
    records = _log(tmp_path, [["Remember:", "report every spill to the shift lead"]])
    assert [r.facility for r in records] == [None] * 3


def test_a_sheet_title_repeated_across_its_merged_cells_names_the_site(tmp_path: Path) -> None:
    title = "Cleaning log - Harbour Lane Creamery"
    table = [["Date", "Equipment", "Operator", "Chemicals"], *ROWS]
    a = read_as(csv_file(tmp_path / "log.csv", [[title] * 4, [], *table]), "cleaning_event", "hash")
    assert [r.facility for r in a.records] == ["Harbour Lane Creamery"] * 3


def test_a_chemical_with_its_strength_in_one_cell_is_not_named_by_a_column_of_people(tmp_path: Path) -> None:
    """The cell "Peracetic acid 150 ppm" names the chemical; the column of people beside it, under a
    header no declaration knows, is not the chemicals' names."""
    table = [["Date", "Equipment", "Operator", "Dilution", "Staffer"]] + [r + [who] for r, who in
                                                                          zip(ROWS, ["Cy Moss", "Di Park", "Cy Moss"])]
    a = read_as(csv_file(tmp_path / "log.csv", [["Cleaning log"], [], *table]), "cleaning_event", "hash")
    assert [[(g.name, g.concentration, g.concentration_unit) for g in r.agents] for r in a.records] == [
        [("Peracetic acid", 150.0, "ppm")], [("Sodium hypochlorite", 100.0, "ppm")], [("Quat sanitizer", 200.0, "ppm")]]


def test_a_clock_time_after_the_date_keeps_its_half_of_the_day(tmp_path: Path) -> None:
    table = [["Date/time", "Equipment", "Operator"], ["2026-01-06 1:10 PM", "Mixer M-1", "Ann Hale"],
             ["2026-01-07 9:05 AM", "Oven O-2", "Bo Lind"]]
    a = read_as(csv_file(tmp_path / "log.csv", [["Cleaning log"], [], *table]), "cleaning_event", "hash")
    assert [r.performed_at for r in a.records] == [dt.datetime(2026, 1, 6, 13, 10), dt.datetime(2026, 1, 7, 9, 5)]


def test_a_title_whose_tail_names_the_document_names_no_site(tmp_path: Path) -> None:
    """ "Hygiene - Protokoll": what follows the dash says what the document is (a declared name ends so)."""
    table = [["Date", "Equipment", "Operator", "Chemicals"], *ROWS]
    a = read_as(csv_file(tmp_path / "log.csv", [["Hygiene - Protokoll"] * 4, [], *table]), "cleaning_event", "hash")
    assert [r.facility for r in a.records] == [None] * 3


def test_pairs_side_by_side_with_a_short_last_row_stay_pairs(tmp_path: Path) -> None:
    """ "Label: | value | Label: | value" rows are a form, even when the last row holds one pair only."""
    from ingest.layout import read_document
    from tests.ingest.made_docs import loaded

    rows = [["Certified operator:", "Vale Mills Ltd", "Seat:", "12 Quay Road"],
            ["Issued by:", "North Cert Body", "Operator code:", "9006525879"],
            ["Granted on:", "2025-10-29", "Anniversary:", "2026-09-20"],
            ["Expires on:", "2026-11-28"]]
    reading = read_document(loaded(csv_file(tmp_path / "cert.csv", [["Organic certificate"], *rows])))
    assert not [t.header for t in reading.tables if "Issued by" in t.header]
    assert ("Expires on", "2026-11-28") in [(kv.label, kv.value) for kv in reading.key_values]
