"""Organic System Plans in arrangements the declared reader used to misread (issue 12, OSP recall), on
hand-made sheets whose wording is the declarations' own or plain English, never the bench's."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from ingest.loaders import LoadOptions
from ingest.pipeline import load, sha256_file
from ingest.resolve import read_declared
from ingest.resolve.narrative import questions_in_order


def _read(path: Path, rows: list[list[str]]):
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    doc, _ = load(path.read_bytes(), path.name, sha256_file(path), LoadOptions(ocr=False, embeddings="hash"))
    return read_declared(doc, "hash", kind="organic_system_plan")


HEAD = [["Organic System Plan"], ["Operation Name: Brookhaven Mills Inc."], ["Certifier: Lakeshore Organic Services"],
        ["Last Updated: 2025-03-01"], []]


def test_supplier_columns_whose_headers_fit_both_are_told_apart_by_their_cells(tmp_path: Path) -> None:
    """"Supplied by" and "Source product" each fit the supplier and what it supplies about as well (the
    headers alone put the companies under the ingredient); the cells say which column names companies."""
    a = _read(tmp_path / "osp.csv", HEAD + [
        ["Supplied by", "Source product"],
        ["Harbor Grain Company", "Rye"],
        ["Westfield Milling Company", "Barley"],
        ["Old Orchard Company", "Dried apples"],
    ])
    [record] = a.records
    assert [(s.name, s.ingredient) for s in record.suppliers] == [
        ("Harbor Grain Company", "Rye"), ("Westfield Milling Company", "Barley"), ("Old Orchard Company", "Dried apples")]


def test_supplier_columns_under_their_own_headers_stay_as_printed(tmp_path: Path) -> None:
    """A header that names its field surely is not second-guessed, even by cells that read the other way."""
    a = _read(tmp_path / "osp.csv", HEAD + [
        ["Supplier", "Ingredient"],
        ["Rye Company", "Harbor grain"],
        ["Barley Company", "Westfield malt"],
    ])
    [record] = a.records
    assert [s.name for s in record.suppliers] == ["Rye Company", "Barley Company"]


def test_a_question_no_word_places_takes_the_section_its_place_in_the_order_leaves(tmp_path: Path) -> None:
    """Between a question on keeping organic goods apart and one on checking suppliers, a question whose
    words name no section asks for the one the regulation lists between them (pest management); a list
    of machines printed as a long pair is a form's list, never a section's answer."""
    a = _read(tmp_path / "osp.csv", HEAD + [
        ["Equipment used in processing: Stone mill M-1; Oat press P-2; Bag filler F-3"],
        ["1) What handling practices and procedures do you use?"],
        ["Grain is cleaned, milled and bagged in separate organic runs."],
        ["2) How are organic and non-organic products kept separate?"],
        ["Organic bags stand on their own marked racks."],
        ["3) Tell us about the little visitors in the warehouse and what happens next."],
        ["Mice are trapped by a contractor every month; no poison is used indoors."],
        ["4) How do you verify the organic status of your suppliers?"],
        ["Each supplier's certificate is checked before the first order."],
    ])
    [record] = a.records
    s = record.sections
    assert s.practices == "Grain is cleaned, milled and bagged in separate organic runs."
    assert s.commingling_prevention == "Organic bags stand on their own marked racks."
    assert s.pest_management == "Mice are trapped by a contractor every month; no poison is used indoors."
    assert s.supplier_verification == "Each supplier's certificate is checked before the first order."
    assert s.substances is None


def test_weak_words_give_way_to_the_order_of_the_questions_but_clear_ones_do_not() -> None:
    """Five questions, six sections. The third question fits section 3 (0.30) but leans a little to
    section 1 (0.14), which no question asks for, so that the fourth can take section 3 (0.18) by weak
    words: out of the declared order, since the second question already holds section 2. In order, the
    third keeps section 3 and the fourth is left for its place to decide. A form whose words place a
    question clearly out of order (0.9) keeps what its words say."""
    def gains(lean: float) -> np.ndarray:
        g = np.zeros((5, 6))
        g[0, 0], g[1, 2], g[2, 1], g[2, 3], g[3, 3], g[4, 5] = 0.8, 0.8, lean, 0.30, 0.18, 0.8
        return g
    free = {0: 0, 1: 2, 2: 1, 3: 3, 4: 5}
    assert questions_in_order(free, [0, 1, 2, 3, 4], gains(0.14)) == {0: 0, 1: 2, 2: 3, 4: 5}
    assert questions_in_order(free, [0, 1, 2, 3, 4], gains(0.9)) == free
