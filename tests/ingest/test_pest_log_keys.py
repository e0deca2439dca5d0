"""A pest-control log's site and stations read from where they really are (issue 12, round 3).

Hand-made sheets in words of our own (not the variation bench's), read by the declared reader alone
without an embedding model, so the label scores are the declarations' words and nothing else (the
test embedder's hashed words would lift every shared word to one score and hide the weak labels).
"""
from __future__ import annotations

from pathlib import Path

from tests.ingest.made_docs import csv_file, read_as






def test_a_label_that_names_nothing_near_the_site_stays_unread(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "round.csv", [
        ["Weather:", "Light rain"],
        [],
        ["Date", "Station", "Material", "Level", "Technician"],
        ["2026-06-02", "Trap T-4, loading bay", "Snap trap", "B", "O. Grant"],
        ["2026-06-09", "Station S-7, flour store", "Glue board", "A", "O. Grant"],
    ])
    a = read_as(path)
    assert a.kind == "pest_control_entry", a.candidates
    assert [r.facility for r in a.records] == [None, None]


def test_one_visit_the_same_technician_on_every_row_is_not_the_station(tmp_path: Path) -> None:
    # the visit's date is in the heading, so only the station tells the rows apart; the stations' header
    # says nothing the declarations know, the technician's header leans towards a place ("zone")
    path = csv_file(tmp_path / "visit.csv", [
        ["Date:", "2026-06-02"],
        [],
        ["Spot", "Level", "Zone agent"],
        ["Trap T-4, loading bay", "B", "Olga Grant"],
        ["Station S-7, flour store", "A", "Olga Grant"],
        ["Lamp L-2, dispatch", "B", "Olga Grant"],
    ])
    a = read_as(path)
    assert a.kind == "pest_control_entry", a.candidates
    assert sorted(r.location for r in a.records) == ["Lamp L-2, dispatch", "Station S-7, flour store",
                                                     "Trap T-4, loading bay"]


def test_a_log_of_one_trap_over_many_dates_keeps_its_one_place(tmp_path: Path) -> None:
    # the dates tell the rows apart here: the same place on every row is the place
    path = csv_file(tmp_path / "trap.csv", [
        ["Date", "Location", "Level", "Technician"],
        ["2026-06-02", "Trap T-4, loading bay", "B", "O. Grant"],
        ["2026-06-09", "Trap T-4, loading bay", "A", "P. Lund"],
        ["2026-06-16", "Trap T-4, loading bay", "B", "O. Grant"],
    ])
    a = read_as(path)
    assert a.kind == "pest_control_entry", a.candidates
    assert [r.location for r in a.records] == ["Trap T-4, loading bay"] * 3
