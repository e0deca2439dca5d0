"""A pest log's columns placed by what their cells hold when the headers mislead (issue 12, round 10): the
station is the column of numbered places, a person is never a column of phrases, the worker's column of
names, the last column of phrases, and a log laid on its side between its heading pairs and a closing note.
Hand-made in words of our own, read without an embedding model."""
from __future__ import annotations

from pathlib import Path

from auditpack.declarations import declarations
from ingest.layout import CellText, TableBlock, TableRow, Where
from ingest.layout.forms import side_parts
from ingest.resolve.numbered import has_code, key_by_codes, phrases
from ingest.resolve.people import place_remarks, place_worker
from ingest.resolve.tables import ColumnMap, _name_column
from tests.ingest.made_docs import csv_file, read_as

KIND = "pest_control_entry"


def _rows(rows: list[list[str]]) -> list[TableRow]:
    w = Where(1, "")
    return [TableRow([CellText(t, w) for t in r]) for r in rows]


def _paths(*names: str) -> dict:
    decl = declarations()[KIND]
    return {p: decl.field(p) for p in names}


ROUNDS = [["Cage R-12, back yard", "Tray refilled with paste", "B"],
          ["Box K-7, cellar stairs", "Nothing to report today", "A"],
          ["Post P-3, cold room", "Tray refilled with paste", "C"]]


def test_codes_are_numbered_places_and_dates_or_measures_are_not() -> None:
    assert has_code("Cage R-12, back yard") and has_code("Post P-3")
    assert not has_code("2026-05-04") and not has_code("Spray 200 ml") and not has_code("Tray refilled")


def test_the_station_takes_the_column_of_numbered_places() -> None:
    """The header of the places named the product and the header of the actions the station: the key field,
    which tells the visits apart, takes the column whose every cell carries a code."""
    decl = declarations()[KIND]
    columns, scores = {"material": 0, "location": 1}, {"material": 0.8, "location": 0.5}
    fit = {(1, "material"): 0.4}
    key_by_codes(columns, scores, _rows(ROUNDS), 3, _paths("location", "material"), decl,
                 lambda col, path: fit.get((col, path), 0.0))
    assert columns == {"location": 0, "material": 1}


def test_the_other_field_gives_up_a_column_its_header_does_not_name() -> None:
    decl = declarations()[KIND]
    columns, scores = {"material": 0, "location": 1}, {"material": 0.8, "location": 0.5}
    key_by_codes(columns, scores, _rows(ROUNDS), 3, _paths("location", "material"), decl, lambda col, path: 0.0)
    assert columns == {"location": 0}


def test_a_station_column_with_codes_of_its_own_stays() -> None:
    decl = declarations()[KIND]
    rows = _rows([[r[0], f"Bait {r[2]}-1 block", r[2]] for r in ROUNDS])
    columns, scores = {"material": 1, "location": 0}, {"material": 0.5, "location": 0.5}
    key_by_codes(columns, scores, rows, 3, _paths("location", "material"), decl, lambda col, path: 0.0)
    assert columns == {"material": 1, "location": 0}


def test_a_column_of_phrases_is_nobodys_name() -> None:
    assert phrases(["Tray refilled with paste", "-", "Nothing to report today"])
    assert not phrases(["Olga Grant", "Jan de Wit", "Pestaway Services Ltd"])
    decl = declarations()[KIND]
    paths = _paths("applicator", "location")
    table = TableBlock(header=["Where", "Notes"], rows=_rows([r[:2] for r in ROUNDS]), where=Where(1, ""))
    out = ColumnMap(table, columns={"location": 0}, scores={"location": 0.6})
    _name_column(out, table.data_rows, paths, 2, set(), decl)
    assert out.columns == {"location": 0}  # the wordy column is no technician's


def test_the_worker_takes_the_one_free_column_of_names() -> None:
    decl = declarations()[KIND]
    rows = _rows([[r[0], name] for r, name in zip(ROUNDS, ["Olga Grant", "Ivo Marsh", "Olga Grant"], strict=True)])
    columns, scores = {"location": 0}, {"location": 0.6}
    place_worker(columns, scores, rows, 2, _paths("location", "applicator", "facility"), decl, None)
    assert columns == {"location": 0, "applicator": 1}
    two = _rows([[r[0], "Olga Grant", "Ivo Marsh"] for r in ROUNDS])
    columns = {"location": 0}
    place_worker(columns, scores, two, 3, _paths("location", "applicator", "facility"), decl, None)
    assert columns == {"location": 0}  # two columns of names: nothing says which did the work


def test_the_last_column_of_phrases_filled_on_every_row_is_the_material() -> None:
    decl = declarations()[KIND]
    rows = _rows([[r[0], r[1]] for r in ROUNDS])
    columns, scores = {"location": 0}, {"location": 0.6}
    place_remarks(columns, scores, rows, 2, _paths("location", "material"), decl)
    assert columns == {"location": 0, "material": 1}
    wider = _rows([[r[0], r[1], "Checked twice this week"] for r in ROUNDS])
    columns = {"location": 0}
    place_remarks(columns, scores, wider, 3, _paths("location", "material"), decl)
    assert columns == {"location": 0}  # two such columns: neither is taken


def test_side_parts_set_the_heading_pairs_and_the_note_apart() -> None:
    w = Where(1, "")
    grid = [[CellText(t, w) for t in r] for r in [
        ["Checked on:", "2026-05-04", "", ""], ["Station:", "Cage R-12", "Box K-7", "Post P-3"],
        ["Level:", "B", "A", "C"], ["Material:", "Snap trap", "Glue board", "Tube"], ["Keep for 5 years.", "", "", ""]]]
    lead, core = side_parts(grid)
    assert [r[0].text for r in lead] == ["Checked on:"]
    assert [r[0].text for r in core] == ["Station:", "Level:", "Material:"]
    assert side_parts(grid[1:4]) == ([], grid[1:4])  # nothing frames it


def test_a_log_on_its_side_under_its_heading_and_over_a_note_is_read_upright(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "side.csv", [
        ["Checked on:", "2026-05-04"],
        ["Technician:", "Olga Grant"],
        ["Station:", "Cage R-12, back yard", "Box K-7, cellar stairs", "Post P-3, cold room"],
        ["Level:", "B", "A", "C"],
        ["Material:", "Snap trap", "Glue board", "Light tube"],
        ["Keep this sheet on file for 5 years."],
    ])
    a = read_as(path, KIND)
    assert [r.location for r in a.records] == ["Cage R-12, back yard", "Box K-7, cellar stairs", "Post P-3, cold room"]
    assert [r.level for r in a.records] == ["B", "A", "C"]
    assert {r.applicator for r in a.records} == {"Olga Grant"}


def test_a_log_on_its_side_without_colons_over_a_note_with_a_digit(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "side2.csv", [
        ["Date", "2026-05-04", "2026-05-11", "2026-05-18", "2026-05-25"],
        ["Station", "Cage R-12, back yard", "Box K-7, cellar stairs", "Post P-3, cold room", "Cage R-12, back yard"],
        ["Level", "B", "A", "C", "B"],
        ["Technician", "Olga Grant", "Olga Grant", "Ivo Marsh", "Olga Grant"],
        ["Keep this sheet on file for 5 years."],
    ])
    a = read_as(path, KIND)
    assert [r.level for r in a.records] == ["B", "A", "C", "B"]
    assert [str(r.date) for r in a.records] == ["2026-05-04", "2026-05-11", "2026-05-18", "2026-05-25"]


def test_dates_written_with_full_stops_put_the_day_first() -> None:
    from ingest.normalize import dayfirst_for
    assert dayfirst_for("Round sheet, visited 04.01.2026")  # nothing else in the document decides
    assert not dayfirst_for("Visited 04/01/2026, booked 04.02.2026")  # a slashed date too: the language decides
    assert not dayfirst_for("Visited 12.25.2026, booked 04.01.2026")  # a date that reads one way only decides


def test_a_long_second_line_of_column_names_set_tight_under_the_header_is_part_of_it() -> None:
    """The names wrap onto a second line set close under the first ("Stage of" over "the intervention (A-D)"):
    that line is the rest of the names, not the table's first row, however long its phrases."""
    from ingest.layout.positioned import positioned_tables
    from tests.ingest.made_docs import boxed_line

    xs = [40.0, 140.0, 300.0, 460.0]

    def line(y: float, texts: list[str]):  # noqa: ANN202 - a Line
        return boxed_line(y, [(x, t) for x, t in zip(xs, texts, strict=True) if t])
    lines = [line(40, ["Visit", "Stage of", "Trap point", "Done by"]),
             line(51, ["", "the intervention (A-D)", "", ""]),
             line(70, ["2026-05-04", "B", "Cage R-12, back yard", "Olga Grant"]),
             line(84, ["2026-05-11", "A", "Box K-7, cellar", "Olga Grant"]),
             line(98, ["2026-05-18", "C", "Post P-3, cold room", "Ivo Marsh"])]
    blocks, _, _ = positioned_tables(lines, list(range(len(lines))), 1, "text")
    assert blocks[0].header[1] == "Stage of the intervention (A-D)"
    assert [r.cells[0].text for r in blocks[0].data_rows] == ["2026-05-04", "2026-05-11", "2026-05-18"]


def test_the_visit_date_in_a_heading_of_labels_over_one_row_dates_the_rows(tmp_path: Path) -> None:
    """The heading is set as labels over their one row of values ("Walked round on | Technician" over
    "2026-05-04 | Olga Grant"), the log's rows under it have no date column: the heading's one date is theirs."""
    path = csv_file(tmp_path / "heading.csv", [
        ["Walked round on", "Technician"],
        ["2026-05-04", "Olga Grant"],
        [],
        ["Station", "Level", "Material"],
        ["Cage R-12, back yard", "B", "Snap trap"],
        ["Box K-7, cellar stairs", "A", "Glue board"],
        ["Post P-3, cold room", "C", "Light tube"],
    ])
    a = read_as(path, KIND)
    assert [str(r.date) for r in a.records] == ["2026-05-04"] * 3
