"""Arrangements the layout reader learnt for issue 12 (paperwork nobody here designed).

Each test is a small hand-made arrangement in words of our own (not the variation bench's):
questions numbered with a letter ("Q3."), a question that wraps mid-sentence onto a line in lower
case, a two-column table drawn with text alone, and the rest of the reading that must not change
because of them (a label/value form in two columns stays pairs, not a table).
"""
from __future__ import annotations

from ingest.layout import read_page
from ingest.models import Line, Page, Table
from tests.ingest.made_docs import boxed_line, boxed_page

def text_page(lines: list[str]) -> Page:
    return Page(number=1, text="\n".join(lines), lines=[Line(text=t) for t in lines])


# ---------------------------------------------------------------- questions


def test_questions_numbered_with_a_letter_each_get_their_own_answer() -> None:
    page = text_page([
        "Q1. Tell us where the grain silos stand.",
        "Behind the north barn.",
        "Q2. Say who signs the weekly hygiene sheet.",
        "The yard foreman.",
        "Q3) Note the distance to the nearest sprayed field.",
        "About four hundred metres.",
    ])
    qa = {kv.label: kv.value for kv in read_page(page).questions}
    assert qa == {
        "Tell us where the grain silos stand.": "Behind the north barn.",
        "Say who signs the weekly hygiene sheet.": "The yard foreman.",
        "Note the distance to the nearest sprayed field.": "About four hundred metres.",
    }


def test_a_question_that_wraps_mid_sentence_keeps_its_second_line() -> None:
    page = text_page([
        "1) Tell us how the grain is dried before it goes into the",
        "silos.",
        "Warm air from the biomass burner, checked twice a day.",
        "2) Say who signs the weekly hygiene sheet?",
        "The yard foreman.",
    ])
    qa = {kv.label: kv.value for kv in read_page(page).questions}
    assert qa["Tell us how the grain is dried before it goes into the silos."] == \
        "Warm air from the biomass burner, checked twice a day."
    assert qa["Say who signs the weekly hygiene sheet?"] == "The yard foreman."


def test_an_answer_that_starts_a_sentence_is_not_joined_to_its_question() -> None:
    page = text_page([
        "1. Tell us how the grain is dried",
        "Warm air from the burner.",
    ])
    qa = {kv.label: kv.value for kv in read_page(page).questions}
    assert qa == {"Tell us how the grain is dried": "Warm air from the burner."}


# ---------------------------------------------------------------- two columns drawn with text


def test_two_aligned_columns_under_two_headings_are_a_table() -> None:
    page = boxed_page([
        ["Farm register"],
        ["Kept since", "2019-04-02"],
        ["Grown by", "Crop sown"],
        ["Hill Farm", "Oats"],
        ["Vale Orchard Cooperative", "Pears"],
        ["Moor End", "Rye"],
    ], [40.0, 260.0])
    reading = read_page(page)
    table = next(t for t in reading.tables if t.header == ["Grown by", "Crop sown"])
    assert [r.texts for r in table.data_rows] == [["Hill Farm", "Oats"], ["Vale Orchard Cooperative", "Pears"],
                                                  ["Moor End", "Rye"]]
    assert any(kv.label == "Kept since" and kv.value == "2019-04-02" for kv in reading.key_values)


def test_a_form_of_labels_and_values_in_two_columns_is_not_a_table() -> None:
    page = boxed_page([
        ["Holder", "Green Valley Mill"],
        ["Registered", "2019-04-02"],
        ["Licence", "GV-2231"],
    ], [40.0, 200.0])
    reading = read_page(page)
    assert reading.tables == []
    assert any(kv.label == "Licence" and kv.value == "GV-2231" for kv in reading.key_values)


def test_two_phrases_that_do_not_line_up_are_not_a_table() -> None:
    lines = [boxed_line(40.0, [(40.0, "Grown by"), (200.0, "Crop sown")]),
             boxed_line(54.0, [(40.0, "Hill Farm"), (320.0, "Oats")]),
             boxed_line(68.0, [(90.0, "Moor End"), (200.0, "Rye")])]
    page = Page(number=1, text="\n".join(ln.text for ln in lines), lines=lines)
    assert read_page(page).tables == []


# ---------------------------------------------------------------- a table on its side without colons


def _sheet(rows: list[list[str]], name: str = "S") -> Page:
    """A sheet page as the loader gives it: blank rows dropped, every cell with its address."""
    width = max(len(r) for r in rows)
    kept = [(n, r + [""] * (width - len(r))) for n, r in enumerate(rows, start=1) if any(r)]
    cells = [[f"{name}!{'ABCDEFGH'[c]}{n}" for c in range(width)] for n, _ in kept]
    return Page(number=1, method="cell", name=name, lines=[Line(text=" | ".join(c for c in r if c)) for _, r in kept],
                tables=[Table(rows=[r for _, r in kept], sheet=name, cells=cells)])


def test_a_table_on_its_side_without_colons_is_turned_upright() -> None:
    page = _sheet([["Feed mixed", "Barley", "Field beans", "Kelp meal"],
                   ["Sacks and weights", "S-11 (25 kg)", "S-12 (40 kg)", "S-13 (2 kg)"]])
    tables = read_page(page).tables
    upright = next(t for t in tables if t.header == ["Feed mixed", "Sacks and weights"])
    assert [r.texts for r in upright.data_rows] == [["Barley", "S-11 (25 kg)"], ["Field beans", "S-12 (40 kg)"],
                                                    ["Kelp meal", "S-13 (2 kg)"]]


def test_a_header_over_one_row_of_mixed_values_is_not_turned() -> None:
    page = _sheet([["Holder", "Registered", "Licence", "Barns"],
                   ["Green Valley Mill", "2019-04-02", "GV-2231", "3"]])
    assert all(t.header != ["Holder", "Green Valley Mill"] for t in read_page(page).tables)


def test_an_answer_stops_at_the_next_field_and_at_a_caption() -> None:
    """After an answer that ends its sentence, a "Label: value" line and a short caption without a
    closing mark are the next parts of the form, not more of the answer; a second sentence still is."""
    page = text_page([
        "1. How is the grain dried before storage?",
        "Warm air from the burner.",
        "It is checked twice a day.",
        "Crops grown: Barley, Rye, Field beans",
        "2. Who cleans the silos?",
        "The yard team, every spring.",
        "Storage sheds and bins",
    ])
    qa = {kv.label: kv.value for kv in read_page(page).questions}
    assert qa == {
        "How is the grain dried before storage?": "Warm air from the burner.\nIt is checked twice a day.",
        "Who cleans the silos?": "The yard team, every spring.",
    }


def test_a_stack_of_labels_over_words_pairs_when_a_label_further_down_holds_digits() -> None:
    """Plain lines going label, value, label, value: the rhythm shows down the stack (the last label
    is over a date), so the first label takes its value of words too, not only the one next to the date."""
    page = text_page([
        "Mill register - spring",
        "Holder name",
        "Ashgrove Dairy",
        "Inspecting body",
        "North Valley Organics",
        "Last visit",
        "2025-04-01",
    ])
    pairs = {kv.label: kv.value for kv in read_page(page).key_values if kv.arrangement == "below"}
    assert pairs == {"Holder name": "Ashgrove Dairy", "Inspecting body": "North Valley Organics",
                     "Last visit": "2025-04-01"}
