"""Recipe tables arranged in ways the reader misread (issue 12, session 9), each built here in words of our
own: a column of ✓ and ✗, a table of four columns that looks like two pairs per row, an answer hint in a
header, percentages without a header, a supplier's dash, company names under a header nobody declared, a
yes/no column under a header naming a company, a header of two rows over check boxes, German endings."""
from __future__ import annotations

from pathlib import Path

from auditpack.declarations import FieldDeclaration, declarations
from ingest.layout.positioned import marked_tables
from ingest.resolve.labels import label_indexes
from ingest.resolve.values import DocFormat, read_value, word_value
from tests.ingest.made_docs import boxed_page, csv_file, read_as

HEAD = [["Recipe card"], ["Product name:", "Hillside Loaf"], ["Label category:", "Organic"], []]


def _ingredients(tmp_path: Path, rows: list[list[str]]) -> list:
    result = read_as(csv_file(tmp_path / "recipe.csv", HEAD + rows), kind="product_profile")
    assert result.records, "no recipe read"
    return result.records[0].ingredients


def _flag(values: dict[str, list[str]]) -> FieldDeclaration:
    return FieldDeclaration(name="flag", type="bool", meaning="Whether the thing is so.", labels={"en": ["Flag"]},
                            values=values)


def test_a_lone_cross_reads_as_the_answer_its_field_declares() -> None:
    """In a column of ✓ and ✗ the cross says no; where no declaration says so, it is still a ticked box."""
    fmt = DocFormat.of("")
    assert read_value("✗", _flag({"true": ["✓"], "false": ["✗"]}), fmt) is False
    assert read_value("✓", _flag({"true": ["✓"], "false": ["✗"]}), fmt) is True
    assert read_value("✗", _flag({"true": ["yes"], "false": ["no"]}), fmt) is True


def test_organic_from_words_reads_the_item_not_the_marks_of_other_columns(tmp_path: Path) -> None:
    """A tick in the "Agricultural" column says nothing of whether the item is organic."""
    got = _ingredients(tmp_path, [["Ingredient", "Agricultural", "Amount (kg)"],
                                  ["Rye flour", "✓", "20"], ["Organic honey", "✓", "2"], ["Rock salt", "✗", "1"]])
    assert [(i.name, i.organic, i.agricultural) for i in got] == [
        ("Rye flour", False, True), ("Organic honey", True, True), ("Rock salt", False, False)]


def test_four_columns_of_rows_alike_are_a_table_not_two_pairs_per_row(tmp_path: Path) -> None:
    """"No | Rye flour | Yes | 20 kg" alternates words and a value with digits like two pairs, but every row
    is alike cell by cell under a row of names: it is a table."""
    got = _ingredients(tmp_path, [["Water or salt", "Ingredient", "Organic", "Amount"],
                                  ["No", "Rye flour", "Yes", "20 kg"], ["Yes", "Well water", "No", "12 kg"],
                                  ["No", "Clover honey", "Yes", "2 kg"]])
    assert [(i.name, i.amount, i.unit, i.organic, i.water_or_salt) for i in got] == [
        ("Rye flour", 20.0, "kg", True, False), ("Well water", 12.0, "kg", False, True),
        ("Clover honey", 2.0, "kg", True, False)]


def test_a_bracket_of_answers_in_a_header_is_no_part_of_its_name() -> None:
    index = label_indexes(declarations())["product_profile"]
    organic, agricultural = "ingredients.organic", "ingredients.agricultural"
    assert index.lexical("Bio (yes/no)", organic) == index.lexical("Bio", organic) == 1.0
    assert index.lexical("Bio (yes/no)", agricultural) < 0.5


def test_a_bracket_of_answers_names_only_a_yes_no_field() -> None:
    """"Certified (yes/no)" on an invoice line asks whether the line is certified: without its bracket it would
    be a certificate's own word ("Certified", the status) and pull an invoice towards the certificate kind."""
    index = label_indexes(declarations())["supplier_certificate"]
    assert index.lexical("Certified (yes/no)", "status") < index.lexical("Certified", "status")


def test_percentages_place_the_amount_column_and_its_unit_without_a_header(tmp_path: Path) -> None:
    got = _ingredients(tmp_path, [["Ingredient", "Part of the dough"],
                                  ["Rye flour", "62,5 %"], ["Well water", "37,5 %"]])
    assert [(i.name, i.amount, i.unit) for i in got] == [("Rye flour", 62.5, "%"), ("Well water", 37.5, "%")]


def test_a_dash_for_nothing_does_not_cost_a_column_its_field(tmp_path: Path) -> None:
    """Water has no certifier: "-" in half the rows of the certifier's column is no evidence against it."""
    got = _ingredients(tmp_path, [["Ingredient", "Amount (kg)", "Certifying agent"],
                                  ["Rye flour", "20", "Prairie Audit Group"], ["Well water", "12", "-"],
                                  ["Rock salt", "1", "-"], ["Clover honey", "2", "Lakeside Inspection Bureau"]])
    assert [i.certifier for i in got] == ["Prairie Audit Group", None, None, "Lakeside Inspection Bureau"]


def test_company_names_under_a_header_nobody_declared_are_the_supplier(tmp_path: Path) -> None:
    got = _ingredients(tmp_path, [["Ingredient", "Amount (kg)", "Comes to us via"],
                                  ["Rye flour", "20", "Northfield Grain Cooperative"], ["Well water", "12", "-"],
                                  ["Clover honey", "2", "Hollow Creek Apiaries"],
                                  ["Rock salt", "1", "Northfield Grain Cooperative"]])
    assert [i.supplier for i in got] == ["Northfield Grain Cooperative", None, "Hollow Creek Apiaries",
                                         "Northfield Grain Cooperative"]


def test_one_word_cells_are_no_company_names(tmp_path: Path) -> None:
    """Countries of origin or roles ("Binder") under an unknown header stay unread."""
    got = _ingredients(tmp_path, [["Ingredient", "Amount (kg)", "Grown in"],
                                  ["Rye flour", "20", "Canada"], ["Clover honey", "2", "Mexico"]])
    assert [i.supplier for i in got] == [None, None]


def test_a_column_of_yes_and_no_names_no_company(tmp_path: Path) -> None:
    """"Certified by" over "Yes" / "No" answers a question; it is not the certifier's name."""
    got = _ingredients(tmp_path, [["Ingredient", "Amount (kg)", "Certified by"],
                                  ["Rye flour", "20", "Yes"], ["Clover honey", "2", "No"]])
    assert [i.certifier for i in got] == [None, None]


def test_a_header_of_two_rows_over_check_box_rows_is_one_header() -> None:
    """"Amount | Organic | Ingredient" over "per mix | status": the second line finishes the names above it."""
    page = boxed_page([["Amount", "Organic", "Ingredient"], ["per mix", "status"],
                       ["20 kg", "✓", "Rye flour"], ["2 kg", "✗", "Clover honey"]], [40.0, 140.0, 240.0])
    blocks, used = marked_tables(page.lines, list(range(len(page.lines))), 1, "text")
    assert [b.header for b in blocks] == [["Amount per mix", "Organic status", "Ingredient"]]
    assert [r.texts for r in blocks[0].data_rows] == [["20 kg", "✓", "Rye flour"], ["2 kg", "✗", "Clover honey"]]
    assert used == {0, 1, 2, 3}


def test_a_german_adjective_ending_reads_as_the_declared_word() -> None:
    flag = _flag({"true": ["biologisch"], "false": ["konventionell"]})
    assert word_value("Hafer aus biologischem Anbau", flag) == "true"
    assert word_value("Zucker aus konventionellem Anbau", flag) == "false"


def test_title_cased_phrases_beside_sentences_are_no_suppliers(tmp_path: Path) -> None:
    """A table of risks and how each is controlled: its first column is title-cased phrases, like company
    names, but the column beside it, taken for the items, holds sentences, so nothing there is supplied by
    anyone."""
    got = _ingredients(tmp_path, [
        ["Ingredient", "Amount (kg)", "Noted risk"],
        ["Stones left in the grain could crack a tooth or damage the mill rollers.", "20", "Foreign Matter Found"],
        ["Damp storage could let moulds grow on the sacks during the wet months.", "2", "Mould Growth Risk"],
        ["Flour from another field could be mixed in by a careless driver.", "1", "Mixed Grain Lots"]])
    assert [i.supplier for i in got] == [None, None, None]
