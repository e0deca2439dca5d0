"""Form lines drawn with text that look like a table's header (issue 12, round 3).

A PDF form often prints two "Label:   value" pairs on one line, line under line, at the same
positions. Values of words only look like column names, so the reader used to take the first
line for a table header and pair each label with the label under it. Hand-made arrangements in
words of our own (not the variation bench's).
"""
from __future__ import annotations

from ingest.layout import read_page
from tests.ingest.made_docs import boxed_page

def test_two_pairs_per_line_under_each_other_stay_pairs() -> None:
    page = boxed_page([["Loaf baked:", "Rye Crown", "Oven hall:", "East Wing"],
                       ["Mixer drum:", "Drum MX-3", "Shift lead:", "Ola Berg"],
                       ["Flour", "Sack", "Weight", "Ref"],
                       ["Rye", "2", "50", "R-1"],
                       ["Spelt", "1", "25", "R-2"]], [40, 140, 260, 360])
    reading = read_page(page)
    pairs = {kv.label: kv.value for kv in reading.key_values}
    assert pairs["Loaf baked"] == "Rye Crown"
    assert pairs["Oven hall"] == "East Wing"
    assert pairs["Mixer drum"] == "Drum MX-3"
    assert "Mixer drum:" not in pairs.values()  # no label read as the value of the label above it
    assert [t.header for t in reading.tables] == [["Flour", "Sack", "Weight", "Ref"]]


def test_a_header_of_plain_words_is_still_a_header() -> None:
    page = boxed_page([["Flour", "Sack", "Weight", "Ref"],
                       ["Rye", "2", "50", "R-1"],
                       ["Spelt", "1", "25", "R-2"]], [40, 140, 260, 360])
    tables = read_page(page).tables
    assert [t.header for t in tables] == [["Flour", "Sack", "Weight", "Ref"]]
    assert [r.texts for r in tables[0].data_rows] == [["Rye", "2", "50", "R-1"], ["Spelt", "1", "25", "R-2"]]
