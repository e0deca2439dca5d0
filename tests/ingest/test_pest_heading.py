"""A pest log's heading read from arrangements nobody designed (issue 12): the visit's day given once above
rows that have no date column, under a label no declaration knows; the site under a label that shares its
word with the rows' own places; bare labels over their values (no colons) just above the table.

Hand-made sheets in words of our own (not the variation bench's), read by the declared reader alone without
an embedding model, so a label scores by the declarations' words and nothing else.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.ingest.made_docs import csv_file, docx_file, read_as

TABLE = [
    ["Station", "Material", "Level", "Technician"],
    ["Trap T-4, loading bay", "Snap trap", "B", "Olga Grant"],
    ["Station S-7, flour store", "Glue board", "A", "Olga Grant"],
    ["Lamp L-2, dispatch", "Glue board", "B", "Olga Grant"],
]


def _records(tmp_path: Path, heading: list[list[str]], table: list[list[str]] = TABLE, gap: bool = True) -> list:
    path = csv_file(tmp_path / "round.csv", [["Rodent round"], *heading, *([[]] if gap else []), *table])
    a = read_as(path, "pest_control_entry")
    return a.records


def test_the_one_day_above_undated_rows_dates_every_row(tmp_path: Path) -> None:
    records = _records(tmp_path, [["Walked through on", "18-07-2026"]])
    assert [r.date for r in records] == [dt.date(2026, 7, 18)] * 3
    assert [r.location for r in records] == ["Trap T-4, loading bay", "Station S-7, flour store",
                                             "Lamp L-2, dispatch"]


def test_two_days_above_undated_rows_date_none_of_them(tmp_path: Path) -> None:
    """The visit and the report's issue: which is the visit is a guess, so neither is taken."""
    records = _records(tmp_path, [["Walked through on", "18-07-2026"], ["Sent out on", "25-07-2026"]])
    assert not any(r.date in (dt.date(2026, 7, 18), dt.date(2026, 7, 25)) for r in records)


def test_a_site_labelled_with_a_word_of_the_rows_places_is_every_row_s(tmp_path: Path) -> None:
    """"Area served" shares "area" with the stations, but no row says its value: it is where they all are."""
    records = _records(tmp_path, [["Area served:", "Harbour Lane Creamery"], ["Walked through on", "18-07-2026"]])
    assert [r.facility for r in records] == ["Harbour Lane Creamery"] * 3


def test_a_heading_name_the_rows_repeat_in_a_column_is_not_the_site(tmp_path: Path) -> None:
    """"Area lead: Olga Grant" over a technician column of Olga Grant is the technician, not a place."""
    records = _records(tmp_path, [["Area lead:", "Olga Grant"], ["Walked through on", "18-07-2026"]])
    assert records and [r.facility for r in records] == [None] * 3


def test_bare_labels_over_their_values_just_above_the_table_are_pairs(tmp_path: Path) -> None:
    records = _records(tmp_path, [["Account premises", "Walked through on"], ["Wharf Road Bakery", "02/18/2026"]],
                       gap=False)
    assert [r.date for r in records] == [dt.date(2026, 2, 18)] * 3
    assert [r.facility for r in records] == ["Wharf Road Bakery"] * 3


def test_a_table_of_one_row_over_a_wider_table_stays_a_table(tmp_path: Path) -> None:
    """Two rows the same width as the table under them are its header and first row, not a form."""
    table = [["Station", "Date", "Level", "Technician"], ["Trap T-4, loading bay", "2026-06-02", "B", "Olga Grant"],
             ["Station S-7, flour store", "2026-06-09", "A", "Olga Grant"]]
    records = _records(tmp_path, [], table, gap=False)
    assert [r.date for r in records] == [dt.date(2026, 6, 2), dt.date(2026, 6, 9)]


def test_paragraphs_going_label_value_label_value_pair_a_site_of_words_too(tmp_path: Path) -> None:
    """No colons: the day under its label shows the pace, so the name over it is a value, not a title."""
    path = docx_file(tmp_path / "round.docx", ["Rodent round", "Premises served", "Harbour Lane Creamery",
                                               "Walked through on", "2026-07-18"], [TABLE])
    records = read_as(path, "pest_control_entry").records
    assert [r.facility for r in records] == ["Harbour Lane Creamery"] * 3
    assert [r.date for r in records] == [dt.date(2026, 7, 18)] * 3


def test_a_title_over_a_paced_stack_is_no_label(tmp_path: Path) -> None:
    path = docx_file(tmp_path / "round.docx", ["Rodent round", "Walked through on", "2026-07-18"], [TABLE])
    records = read_as(path, "pest_control_entry").records
    assert [r.facility for r in records] == [None] * 3
