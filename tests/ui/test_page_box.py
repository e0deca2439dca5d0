"""A box dragged over a page image -> the words inside it, in reading order (a pure function, no browser)."""
from __future__ import annotations

import pytest

from ingest.models import Line, Page, Word
from review_ui import document_actions as act
from review_ui.page_words import parse_box, words_in_box


def _two_column_page() -> Page:
    """An address over two lines on the left, and a value column on the right; ingest's lines run across
    both columns (as they do on such a page), and the second line's words come out of order."""
    left1 = [Word(text="7", bbox=(50, 100, 56, 110)), Word(text="Wharf", bbox=(58, 100, 88, 110)),
             Word(text="Lane", bbox=(90, 100, 115, 110))]
    right1 = [Word(text="Total", bbox=(300, 100, 330, 110)), Word(text="1,234.50", bbox=(340, 100, 390, 110))]
    left2 = [Word(text="Hull", bbox=(70, 114, 92, 124)), Word(text="HU1", bbox=(50, 114, 68, 124))]  # unordered
    right2 = [Word(text="Due", bbox=(300, 114, 322, 124)), Word(text="30.04.2026", bbox=(340, 114, 400, 124))]
    return Page(number=2, lines=[Line(text="7 Wharf Lane Total 1,234.50", words=left1 + right1),
                                 Line(text="HU1 Hull Due 30.04.2026", words=right2 + left2)])


def test_a_box_over_two_lines_takes_their_words_in_reading_order_and_nothing_beside_it() -> None:
    hit = words_in_box(_two_column_page(), (45, 95, 120, 128))
    assert hit.text == "7 Wharf Lane HU1 Hull"  # rows top to bottom, words left to right
    assert hit.bbox == (50, 100, 115, 124) and hit.page == 2  # the words' own box, for teaching


def test_the_box_is_in_image_pixels_and_divided_by_the_render_scale_corners_in_any_order() -> None:
    page, scale = _two_column_page(), 1000 / 595.0
    corners = (395 * scale, 128 * scale, 335 * scale, 96 * scale)  # dragged from bottom right to top left
    hit = words_in_box(page, corners, scale)
    assert hit.text == "1,234.50 30.04.2026"


def test_a_word_is_in_the_box_when_its_middle_is_a_word_cut_in_half_by_the_edge_is_left_out() -> None:
    page = _two_column_page()
    assert words_in_box(page, (296, 98, 360, 112)).text == "Total"  # 1,234.50's middle (365) is outside
    assert words_in_box(page, (296, 98, 370, 112)).text == "Total 1,234.50"


def test_an_empty_box_or_a_bad_scale_takes_nothing() -> None:
    page = _two_column_page()
    assert words_in_box(page, (150, 300, 250, 400)) is None
    assert words_in_box(page, (45, 95, 120, 128), scale=0) is None


@pytest.mark.parametrize("text, box", [("10, 20, 30, 40", (10, 20, 30, 40)), ("10 20 30.5 40", (10, 20, 30.5, 40)),
                                       ("1;2;3;4", (1, 2, 3, 4)), ("10, 20, 30", None), ("a, b, c, d", None),
                                       ("", None)])
def test_a_typed_or_dragged_box_is_four_numbers(text: str, box) -> None:
    assert parse_box(text) == box


def test_a_boxed_value_says_so_and_keeps_the_drawn_box_for_the_correction_note() -> None:
    e = act.Edit("total", "1,234.50", page=1, bbox=(340, 100, 390, 110), how="box", drawn=(330, 95, 400, 115))
    d = e.as_dict()
    assert d["where"] == "p. 1 (box)" and d["note"] == "box drawn on page 1: 330.0, 95.0, 400.0, 115.0"
    assert act.Edit("total", "1", page=1, bbox=(1, 2, 3, 4)).as_dict()["where"] == "p. 1 (clicked)"
