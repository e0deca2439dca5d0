"""Tables drawn with text whose cells wrap onto a second line, and tables of check-box cells.

Hand-made positioned pages in words of our own: a row whose cells in several columns go on on a line
set tight under it is one row with whole cells (not two rows, nor two items of one cell); rows set
evenly stay rows; a cell listing one lot per line keeps its lots apart; a table whose rows end in a
cell of check boxes that wraps is offered as a table of whole rows; a header's "(%)" is its unit.
"""
from __future__ import annotations

from ingest.layout import read_page, split_composite
from ingest.models import Line, Page
from ingest.resolve.values import header_unit
from tests.ingest.made_docs import boxed_line


def _page(lines: list[Line]) -> Page:
    return Page(number=1, text="\n".join(ln.text for ln in lines), lines=lines)


def _rows(page: Page) -> list[list[str]]:
    tables = [t for t in read_page(page).tables if t.data_rows]
    assert len(tables) == 1
    return [r.texts for r in tables[0].data_rows]


def test_cells_of_several_columns_wrapping_onto_a_tight_line_stay_one_row() -> None:
    x = [40.0, 180.0, 300.0, 380.0]
    page = _page([
        boxed_line(40, [(x[0], "Grain taken"), (x[1], "Grown by"), (x[2], "Weight"), (x[3], "Checked by")]),
        boxed_line(60, [(x[0], "Naked oats from"), (x[1], "Hill Farm"), (x[2], "20 kg"), (x[3], "Moor Office")]),
        boxed_line(71, [(x[0], "the north field"), (x[1], "Partners"), (x[3], "North")]),
        boxed_line(89, [(x[0], "Spring rye"), (x[1], "Dale Mill"), (x[2], "5 kg"), (x[3], "Moor Office")]),
        boxed_line(107, [(x[0], "Winter spelt"), (x[1], "Brook End"), (x[2], "7 kg"), (x[3], "Vale Office")]),
        boxed_line(118, [(x[1], "Cooperative")]),
    ])
    assert _rows(page) == [
        ["Naked oats from the north field", "Hill Farm Partners", "20 kg", "Moor Office North"],
        ["Spring rye", "Dale Mill", "5 kg", "Moor Office"],
        ["Winter spelt", "Brook End Cooperative", "7 kg", "Vale Office"],
    ]


def test_a_wrapped_description_is_one_item_not_two() -> None:
    x = [40.0, 200.0, 280.0, 360.0]
    page = _page([
        boxed_line(40, [(x[0], "Goods"), (x[1], "Count"), (x[2], "Each"), (x[3], "Line sum")]),
        boxed_line(58, [(x[0], "Stone ground"), (x[1], "4"), (x[2], "2.50"), (x[3], "10.00")]),
        boxed_line(69, [(x[0], "rye flour")]),
        boxed_line(87, [(x[0], "Honey"), (x[1], "2"), (x[2], "6.00"), (x[3], "12.00")]),
    ])
    rows = _rows(page)
    assert rows[0][0] == "Stone ground rye flour"
    assert split_composite(rows[0][0]) == ["Stone ground rye flour"]


def test_lots_listed_one_per_line_stay_apart() -> None:
    x = [40.0, 200.0, 300.0]
    page = _page([
        boxed_line(40, [(x[0], "Grain taken"), (x[1], "Lots weighed"), (x[2], "Bin")]),
        boxed_line(58, [(x[0], "Oats"), (x[1], "L-1 (20 kg)"), (x[2], "B 4")]),
        boxed_line(69, [(x[1], "L-2 (5 kg)")]),
        boxed_line(87, [(x[0], "Rye"), (x[1], "L-7 (3 kg)"), (x[2], "B 2")]),
    ])
    assert split_composite(_rows(page)[0][1]) == ["L-1 (20 kg)", "L-2 (5 kg)"]


def test_evenly_set_rows_with_empty_cells_are_not_joined() -> None:
    x = [40.0, 180.0, 300.0]
    page = _page([
        boxed_line(40, [(x[0], "Grain taken"), (x[1], "Grown by"), (x[2], "Weight")]),
        boxed_line(54, [(x[0], "Oats"), (x[1], "Hill Farm"), (x[2], "20 kg")]),
        boxed_line(68, [(x[0], "Rye"), (x[1], "Dale Mill")]),
        boxed_line(82, [(x[0], "Spelt"), (x[1], "Brook End"), (x[2], "7 kg")]),
    ])
    assert [r[0] for r in _rows(page)] == ["Oats", "Rye", "Spelt"]


def test_a_table_of_check_box_cells_that_wrap_is_read_row_by_row() -> None:
    x = [40.0, 200.0]
    options = "☒ Washing ☐ Rinsing ☐ Drying ☐ Sorting"
    page = _page([
        boxed_line(40, [(x[0], "Material (make)"), (x[1], "Applied for")]),
        boxed_line(58, [(x[0], "Soda crystals"), (x[1], options)]),
        boxed_line(69, [(x[1], "☐ Anything else")]),
        boxed_line(87, [(x[0], "Vinegar of"), (x[1], options.replace("☒", "#").replace("☐ Rinsing", "☒ Rinsing")
                                                          .replace("#", "☐"))]),
        boxed_line(98, [(x[0], "white wine"), (x[1], "☒ Anything else")]),
    ])
    assert _rows(page) == [
        ["Soda crystals", "☒ Washing ☐ Rinsing ☐ Drying ☐ Sorting ☐ Anything else"],
        ["Vinegar of white wine", "☐ Washing ☒ Rinsing ☐ Drying ☐ Sorting ☒ Anything else"],
    ]


def test_a_form_line_of_boxes_under_labels_is_no_table() -> None:
    page = _page([
        boxed_line(40, [(40.0, "Made at"), (200.0, "Run kind")]),
        boxed_line(58, [(40.0, "North mill"), (200.0, "☒ Plain ☐ Special")]),
    ])
    assert not [t for t in read_page(page).tables if t.data_rows]


def test_a_percent_in_brackets_is_the_unit_a_header_states() -> None:
    assert header_unit("Share of the mix (%)") == "%"
    assert header_unit("Share of the mix") is None


def test_a_row_whose_every_cell_wraps_is_one_row() -> None:
    x = [40.0, 180.0, 320.0]
    page = _page([
        boxed_line(40, [(x[0], "Site"), (x[1], "Machines"), (x[2], "Full address")]),
        boxed_line(58, [(x[0], "East bakehouse"), (x[1], "Mixer M-1"), (x[2], "1 Mill Lane")]),
        boxed_line(76, [(x[0], "Packing hall"), (x[1], "Oven O-2,"), (x[2], "4 Dock Road,")]),
        boxed_line(87, [(x[0], "South"), (x[1], "Sealer S-3"), (x[2], "Harbourtown")]),
        boxed_line(105, [(x[0], "Cold store"), (x[1], "Chiller C-9"), (x[2], "9 Quay Street")]),
    ])
    assert _rows(page) == [
        ["East bakehouse", "Mixer M-1", "1 Mill Lane"],
        ["Packing hall South", "Oven O-2, Sealer S-3", "4 Dock Road, Harbourtown"],
        ["Cold store", "Chiller C-9", "9 Quay Street"],
    ]
