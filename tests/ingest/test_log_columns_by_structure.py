"""A log's columns placed by structure when their headers say too little (issue 12): an answer cut short
with a full stop, the table's own header read again as a form on a new page, two date columns in their
declared order, the person who checked the work in a column no header names, and two columns of the same
answers told apart by the one word of their labels that differs. Hand-made, read by the declared reader."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from auditpack.declarations import declarations
from ingest.layout import CellText, DocumentReading, KeyValue, PageReading, TableBlock, TableRow, Where
from ingest.resolve.assemble import _header_pairs
from ingest.resolve.labels import label_indexes
from ingest.resolve.tables import ColumnMap, _contrast_pairs, _in_order
from ingest.resolve.values import DocFormat, read_value
from tests.ingest.made_docs import csv_file, read_as

KIND = "cleaning_event"


def _table(header: list[str], rows: list[list[str]]) -> TableBlock:
    w = Where(1, "")
    return TableBlock(header=header, rows=[TableRow([CellText(t, w) for t in r]) for r in rows], where=w)


def test_an_answer_cut_short_with_a_full_stop_reads_as_the_answer_it_begins() -> None:
    f = declarations()[KIND].field("next_run")
    fmt = DocFormat.of("")
    assert read_value("Biol.", f, fmt) == "organic"
    assert read_value("Gangb.", f, fmt) == "conventional"
    assert read_value("Bi.", f, fmt) is None  # two letters begin too much to say which


def test_the_logs_own_header_read_again_as_a_form_is_no_heading_value() -> None:
    """On a new page the header is printed again over the last row, and the layout also reads it as
    labels over values: those pairs are the table's, not the log's heading."""
    table = _table(["Washed on", "Unit", "Checked by"], [["2026-03-01", "Vat V-1", "Lee Oakes"]])
    w = Where(2, "")
    kvs = [KeyValue("Plant", "Mill Lane", "same_line", w, w),
           KeyValue("Washed on", "2026-03-09", "below", w, w), KeyValue("checked by:", "Lee Oakes", "below", w, w)]
    reading = DocumentReading(pages=[PageReading(2, key_values=kvs)], tables=[table])
    assert _header_pairs(reading, ColumnMap(table)) == {1, 2}


def test_two_date_columns_read_against_their_declared_order_are_swapped() -> None:
    """A cleaning is written down at or after it was done: a column placed on the logging time that
    holds the earlier date on every row was placed for the other."""
    decl = declarations()[KIND]
    paths = {p: decl.field(p) for p in ("performed_at", "logged_at")}
    table = _table(["Noted", "Day"], [["2026-03-01 15:40", "2026-03-01"], ["2026-03-02 09:10", "2026-03-02"],
                                      ["2026-03-04 08:00", "2026-03-03"]])
    cmap = ColumnMap(table, columns={"performed_at": 0, "logged_at": 1})
    _in_order(cmap, table.data_rows, paths, DocFormat.of(""), lambda col, path: 0.0)
    assert cmap.columns == {"performed_at": 1, "logged_at": 0}


def test_dates_in_their_order_or_headers_that_settle_it_stay() -> None:
    decl = declarations()[KIND]
    paths = {p: decl.field(p) for p in ("performed_at", "logged_at")}
    table = _table(["Done", "Entered"], [["2026-03-01", "2026-03-01 15:40"], ["2026-03-02", "2026-03-02 09:10"]])
    cmap = ColumnMap(table, columns={"performed_at": 0, "logged_at": 1})
    _in_order(cmap, table.data_rows, paths, DocFormat.of(""), lambda col, path: 0.0)
    assert cmap.columns == {"performed_at": 0, "logged_at": 1}
    flipped = ColumnMap(table, columns={"performed_at": 1, "logged_at": 0})
    sure = {(1, "performed_at"): 1.0, (0, "logged_at"): 1.0}
    _in_order(flipped, table.data_rows, paths, DocFormat.of(""), lambda col, path: sure.get((col, path), 0.0))
    assert flipped.columns == {"performed_at": 1, "logged_at": 0}  # the headers as placed fit far better


def test_a_header_fitting_both_runs_goes_to_the_one_its_differing_word_names() -> None:
    decl = declarations()[KIND]
    index = label_indexes(declarations())[KIND]
    paths = {p: decl.field(p) for p in ("preceding_run", "next_run")}
    label = "Batch before the wash"
    scores = {(label, "preceding_run"): 0.45, (label, "next_run"): 0.5}
    _contrast_pairs(index, [label], paths, scores)
    assert scores[(label, "preceding_run")] > scores[(label, "next_run")]
    plain = "Batch on the line"  # no word of either side: left as scored
    scores = {(plain, "preceding_run"): 0.45, (plain, "next_run"): 0.5}
    _contrast_pairs(index, [plain], paths, scores)
    assert scores == {(plain, "preceding_run"): 0.45, (plain, "next_run"): 0.5}


ROWS = [["2026-06-02", "Mixer M-1", "Ann Hale", "J. Marsh"], ["2026-06-03", "Oven O-2", "Bo Lind", ""],
        ["2026-06-04", "Mixer M-1", "Ann Hale", "J. Marsh"]]


def test_a_column_of_names_beside_the_worker_is_who_checked_the_work(tmp_path: Path) -> None:
    table = [["Date", "Equipment", "Operator", "Stamp"], *ROWS]
    a = read_as(csv_file(tmp_path / "log.csv", [["Cleaning log"], [], *table]), KIND, "hash")
    assert [r.verified_by for r in a.records] == ["J. Marsh", None, "J. Marsh"]
    assert [r.operator for r in a.records] == ["Ann Hale", "Bo Lind", "Ann Hale"]


def test_two_columns_of_names_beside_the_worker_name_nobody(tmp_path: Path) -> None:
    table = [["Date", "Equipment", "Operator", "Stamp", "Relief"]] + [
        r + [w] for r, w in zip(ROWS, ["Cy Moss", "Di Park", "Cy Moss"])]
    a = read_as(csv_file(tmp_path / "log.csv", [["Cleaning log"], [], *table]), KIND, "hash")
    assert [r.verified_by for r in a.records] == [None] * 3
    assert [r.performed_at for r in a.records][0] == dt.datetime(2026, 6, 2)


def test_one_place_named_on_every_row_under_an_unknown_header_is_the_site(tmp_path: Path) -> None:
    table = [["Date", "Equipment", "Operator", "Verified by", "Sector"]] + [
        r[:3] + ["Lou Ng", "Harbour Lane Creamery"] for r in ROWS]
    a = read_as(csv_file(tmp_path / "log.csv", [["Cleaning log"], [], *table]), KIND, "hash")
    assert [r.facility for r in a.records] == ["Harbour Lane Creamery"] * 3
    assert [r.verified_by for r in a.records] == ["Lou Ng"] * 3


def test_a_column_of_two_places_or_with_a_gap_is_no_site(tmp_path: Path) -> None:
    for places in (["Harbour Lane Creamery", "Mill Road Dairy", "Harbour Lane Creamery"],
                   ["Harbour Lane Creamery", "", "Harbour Lane Creamery"]):
        table = [["Date", "Equipment", "Operator", "Verified by", "Sector"]] + [
            r[:3] + ["Lou Ng", p] for r, p in zip(ROWS, places)]
        a = read_as(csv_file(tmp_path / "log.csv", [["Cleaning log"], [], *table]), KIND, "hash")
        assert [r.facility for r in a.records] == [None] * 3


def test_of_two_people_columns_headed_alike_the_one_name_on_every_row_signed_off(tmp_path: Path) -> None:
    """Headers that fit the worker and the checker alike: the supervisor signs every row, the work is
    shared among several people."""
    from ingest.resolve.people import order_people
    decl = declarations()[KIND]
    paths = {p: decl.field(p) for p in ("operator", "verified_by", "equipment")}
    table = _table(["Done by", "Seen by", "Unit"], [["Lou Ng", "Ann Hale", "Vat V-1"], ["Lou Ng", "Bo Lind", "Vat V-2"],
                                                   ["Lou Ng", "Ann Hale", "Vat V-1"]])
    columns = {"operator": 0, "verified_by": 1, "equipment": 2}
    order_people(columns, table.data_rows, paths, decl, lambda col, path: 0.3)
    assert columns == {"operator": 1, "verified_by": 0, "equipment": 2}
    sure = {(0, "operator"): 0.9, (1, "verified_by"): 0.9}  # headers that settle it: left as placed
    columns = {"operator": 0, "verified_by": 1, "equipment": 2}
    order_people(columns, table.data_rows, paths, decl, lambda col, path: sure.get((col, path), 0.3))
    assert columns == {"operator": 0, "verified_by": 1, "equipment": 2}


def test_the_site_written_on_every_row_is_not_taken_for_what_was_cleaned(tmp_path: Path) -> None:
    """No header names what was cleaned; the longest words are the site's, the same on every row."""
    table = [["Date", "Kit", "Operator", "Verified by", "Where"]] + [
        [r[0], r[1], r[2], "Lou Ng", "Harbour Lane Creamery"] for r in ROWS]
    a = read_as(csv_file(tmp_path / "log.csv", [["Cleaning log"], [], *table]), KIND, "hash")
    assert [r.equipment for r in a.records] == ["Mixer M-1", "Oven O-2", "Mixer M-1"]
    assert [r.facility for r in a.records] == ["Harbour Lane Creamery"] * 3


def test_two_heading_pairs_giving_one_name_are_one_site_said_twice(tmp_path: Path) -> None:
    table = [["Date", "Equipment", "Operator"], *[r[:3] for r in ROWS]]
    heading = [["Sector:", "Harbour Lane Creamery"], ["Quarter:", "Harbour Lane Creamery"]]
    a = read_as(csv_file(tmp_path / "log.csv", [["Cleaning log"], *heading, [], *table]), KIND, "hash")
    assert [r.facility for r in a.records] == ["Harbour Lane Creamery"] * 3


def test_a_header_fitting_the_chemical_and_the_worker_over_names_is_the_worker(monkeypatch) -> None:  # noqa: ANN001
    """The worker has no column; the column placed on the chemical's name holds one person per row, and
    its header fits the worker too: it is the worker's. The cells' meaning is stubbed (the model leans them
    to the person)."""
    from ingest.resolve import people
    decl = declarations()[KIND]
    paths = {p: decl.field(p) for p in ("operator", "equipment", "agents.name")}
    table = _table(["Unit", "Hand"], [["Vat V-1", "Lou Ng"], ["Vat V-2", "Ann Hale"], ["Vat V-1", "Lou Ng"]])
    fits = {(1, "operator"): 0.3, (1, "agents.name"): 0.5}
    monkeypatch.setattr(people, "leaning", lambda *a: 0.1)
    columns, scores = {"equipment": 0, "agents.name": 1}, {"equipment": 0.8, "agents.name": 0.5}
    people.worker_from_items(columns, scores, table.data_rows, paths, decl, "stub", lambda c, p: fits.get((c, p), 0.0))
    assert columns == {"equipment": 0, "operator": 1}
    chemicals = _table(["Unit", "Hand"], [["Vat V-1", "Lye Wash; Acid Rinse"], ["Vat V-2", "Acid Rinse"]])
    columns = {"equipment": 0, "agents.name": 1}
    people.worker_from_items(columns, {}, chemicals.data_rows, paths, decl, "stub", lambda c, p: fits.get((c, p), 0.0))
    assert columns == {"equipment": 0, "agents.name": 1}  # several things in a cell: chemicals, not a person


def test_a_column_of_occasional_phrases_is_the_logs_remarks(tmp_path: Path) -> None:
    table = [["Date", "Equipment", "Operator", "Extra"]] + [
        r[:3] + [x] for r, x in zip(ROWS, ["drain scrubbed too", "", "Hose left to dry overnight"])]
    a = read_as(csv_file(tmp_path / "log.csv", [["Cleaning log"], [], *table]), KIND, "hash")
    assert [r.notes for r in a.records] == ["drain scrubbed too", None, "Hose left to dry overnight"]
    table = [["Date", "Equipment", "Operator", "Extra"]] + [
        r[:3] + [x] for r, x in zip(ROWS, ["Lou Ng", "", "Lou Ng"])]  # names, not remarks
    a = read_as(csv_file(tmp_path / "log2.csv", [["Cleaning log"], [], *table]), KIND, "hash")
    assert [r.notes for r in a.records] == [None] * 3
