"""Logs drawn with text whose header and cells wrap over several lines (issue 12), hand-made in words of our
own: a header of four lines, a header of three lines over rows of check boxes, a day number wrapped over its
month, a row that starts with a reading ("0.3") is no numbered question nor list item, and a column named by
a format mask ("hh:mm") is a label, so a log laid on its side with such a row is still turned upright."""
from __future__ import annotations

from ingest.layout import read_page
from ingest.layout.questions import line_questions, table_row
from ingest.layout.shapes import is_label
from ingest.layout.stacks import line_lists
from ingest.models import Line, Page
from tests.ingest.made_docs import boxed_line


def _page(lines: list[Line]) -> Page:
    return Page(number=1, text="\n".join(ln.text for ln in lines), lines=lines)


def _table(page: Page):  # noqa: ANN202 - a TableBlock
    tables = [t for t in read_page(page).tables if t.data_rows]
    assert len(tables) == 1
    return tables[0]


def test_a_header_wrapping_onto_three_more_lines_is_one_header() -> None:
    x = [40.0, 140.0, 240.0, 340.0]
    page = _page([
        boxed_line(40, [(x[0], "Washed"), (x[1], "Water"), (x[2], "Person"), (x[3], "Unit")]),
        boxed_line(51, [(x[1], "hardness"), (x[2], "on duty")]),
        boxed_line(62, [(x[1], "after")]),
        boxed_line(73, [(x[1], "(dH)")]),
        boxed_line(92, [(x[0], "2026-04-02"), (x[1], "7,5"), (x[2], "Ann Vale"), (x[3], "Vat V-2")]),
        boxed_line(110, [(x[0], "2026-04-03"), (x[1], "8,0"), (x[2], "Ben Ross"), (x[3], "Vat V-3")]),
    ])
    table = _table(page)
    assert table.header == ["Washed", "Water hardness after (dH)", "Person on duty", "Unit"]
    assert [r.texts for r in table.data_rows] == [["2026-04-02", "7,5", "Ann Vale", "Vat V-2"],
                                                   ["2026-04-03", "8,0", "Ben Ross", "Vat V-3"]]


def test_a_day_number_wrapped_over_its_month_stays_in_its_row() -> None:
    """"12" over "April" over "2026", set tight: one date. A number cell does take words under it, but never
    a number (the next row's figure under this row's)."""
    x = [40.0, 140.0, 240.0]
    page = _page([
        boxed_line(40, [(x[0], "Washed on"), (x[1], "Person"), (x[2], "Unit")]),
        boxed_line(58, [(x[0], "12"), (x[1], "Ann Vale"), (x[2], "Vat V-2")]),
        boxed_line(69, [(x[0], "April")]),
        boxed_line(80, [(x[0], "2026")]),
        boxed_line(98, [(x[0], "13"), (x[1], "Ben Ross"), (x[2], "Vat V-3")]),
        boxed_line(109, [(x[0], "April")]),
        boxed_line(120, [(x[0], "2026")]),
    ])
    assert [r.texts for r in _table(page).data_rows] == [["12 April 2026", "Ann Vale", "Vat V-2"],
                                                          ["13 April 2026", "Ben Ross", "Vat V-3"]]


def test_a_header_of_three_lines_over_rows_of_boxes_is_one_header() -> None:
    x = [40.0, 140.0, 240.0, 340.0]
    page = _page([
        boxed_line(40, [(x[0], "Day of"), (x[1], "Person"), (x[2], "Unit"), (x[3], "Rinsed")]),
        boxed_line(51, [(x[0], "the wash"), (x[1], "on duty")]),
        boxed_line(62, [(x[1], "(name)")]),
        boxed_line(80, [(x[0], "2026-04-02"), (x[1], "Ann Vale"), (x[2], "Vat V-2"), (x[3], "[x]")]),
        boxed_line(98, [(x[0], "2026-04-03"), (x[1], "Ben Ross"), (x[2], "Vat V-3"), (x[3], "[ ]")]),
    ])
    tables = [t for t in read_page(page).tables if t.data_rows]
    assert tables and tables[0].header == ["Day of the wash", "Person on duty (name)", "Unit", "Rinsed"]
    assert len(tables[0].data_rows) == 2


def test_a_row_starting_with_a_reading_is_no_question_and_no_list_item() -> None:
    x = [40.0, 100.0, 170.0, 240.0, 330.0, 420.0]
    header = boxed_line(40, [(x[0], "Hardness"), (x[1], "Person"), (x[2], "Checker"), (x[3], "Washed on"),
                             (x[4], "Run before"), (x[5], "Unit")])
    rows = [boxed_line(58, [(x[0], "0.3"), (x[1], "Ann Vale"), (x[2], "Cy Holt"), (x[3], "2026-04-02"),
                            (x[4], "Mixed"), (x[5], "Vat V-2")]),
            boxed_line(76, [(x[0], "0.4"), (x[1], "Ben Ross"), (x[2], "Cy Holt"), (x[3], "2026-04-03"),
                            (x[4], "Plain"), (x[5], "Vat V-3")])]
    assert all(table_row(r) for r in rows)
    lines = [boxed_line(20, [(40.0, "(dH)")]), header, *rows]
    assert line_questions(lines, [2, 3], 1, "text")[0] == []
    assert line_lists(lines, [0, 2, 3], 1, "text")[0] == []
    table = _table(_page([header, *rows]))
    assert [r.texts[0] for r in table.data_rows] == ["0.3", "0.4"]


def test_a_question_with_its_answer_is_still_a_question() -> None:
    line = boxed_line(40, [(40.0, "2. Where are the tools washed?"), (300.0, "In the back room")])
    assert not table_row(line)
    got, _ = line_questions([line], [0], 1, "text")
    assert [kv.value for kv in got] == ["In the back room"]


def test_a_format_mask_is_a_label_not_a_pair() -> None:
    assert is_label("hh:mm")
    assert is_label("Started (HH:MM:SS)")
    assert not is_label("Unit: Vat V-2")
    assert not is_label("Unit:Vat")
