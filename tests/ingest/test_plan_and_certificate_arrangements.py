"""Plans and certificates read by their arrangement (issue 12, round on OSP and certificate recall): the order of
a questionnaire's questions when their words are weak, a list of paragraphs that ends on a table's caption, the
one list of names on a certificate, the required end of a validity period, and a row of boxes whose last
option ran onto the next line. The wordings are plain English made up here, never the variation bench's."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from auditpack.declarations import declarations
from ingest.layout import Where
from ingest.layout.checks import read_options
from ingest.layout.reader import read_document
from ingest.resolve.chronology import required_end
from ingest.resolve.lonelist import lone_list
from ingest.resolve.labels import label_indexes
from ingest.resolve.narrative import questions_in_order
from ingest.resolve.scalars import Resolved, scalar_paths
from ingest.resolve.values import DocFormat
from ingest.layout.candidates import KeyValue
from tests.ingest.made_docs import docx_file, loaded


def test_weak_words_follow_the_order_of_the_questions_through_scores_under_the_floor() -> None:
    """Four questions, four sections, every score weak. Above the floor (0.12) the words put question 1 on
    section 2 and leave section 1 to nobody; under it, question 1 leans to section 1 (0.10). In the declared
    order, with the scores under the floor read, every question keeps its own place. With no such scores
    (`leaning` not given) the free matching stands, as before."""
    leaning = np.array([[0.20, 0.02, 0.05, 0.00],
                        [0.03, 0.10, 0.24, 0.00],
                        [0.06, 0.04, 0.20, 0.14],
                        [0.00, 0.05, 0.13, 0.15]])
    gain = np.where(leaning >= 0.12, leaning, 0.0)
    free = {0: 0, 1: 2, 3: 3}  # what the free assignment of `gain` gives: question 2 is left out
    assert questions_in_order(free, [0, 1, 2, 3], gain, leaning) == {0: 0, 1: 1, 2: 2, 3: 3}
    assert questions_in_order(free, [0, 1, 2, 3], gain) == free


def test_strong_words_keep_a_questionnaire_that_asks_in_its_own_order() -> None:
    """Clear words (0.9) for an order of their own are not weak: the declared order does not overrule them."""
    leaning = np.array([[0.0, 0.9, 0.1], [0.9, 0.0, 0.1], [0.1, 0.0, 0.9]])
    free = {0: 1, 1: 0, 2: 2}
    assert questions_in_order(free, [0, 1, 2], leaning, leaning) == free


def test_a_paragraph_list_ending_on_a_tables_caption_is_still_a_list(tmp_path: Path) -> None:
    """DOCX paragraphs: a caption over three plain lines, then the caption of the table that follows. The
    line right over the table is the table's caption, not the list's last item."""
    path = docx_file(tmp_path / "plan.docx", ["Operation: Hill Bakery", "Goods we make", "Oat Crisps", "Rye Loaf",
                                              "Pear Butter", "Buying"],
                     [[["Supplier", "Ingredient"], ["Hill Farm Co", "Oats"], ["Vale Mill", "Rye"]]])
    found = {kv.label: kv.value for kv in read_document(loaded(path)).key_values}
    assert found.get("Goods we make") == "Oat Crisps; Rye Loaf; Pear Butter"
    assert "Buying" not in found.get("Goods we make", "")


def _kv(label: str, value: str, row: int) -> KeyValue:
    return KeyValue(label, value, "same_line", Where(1, label, cell=f"A{row}"), Where(1, value, cell=f"B{row}"), 0.85)


def test_the_one_list_of_names_on_a_certificate_is_its_products() -> None:
    """A caption no declaration holds over several short names is the products, when it is the only such run
    and the products are still empty; answers of the scopes, a sentence or names with figures are not it."""
    cert = declarations()["supplier_certificate"]
    index = label_indexes(declarations())["supplier_certificate"]
    paths = scalar_paths(cert)
    fmt = DocFormat.of("")
    goods = _kv("Our range", "Rolled Oats; Wildflower Honey; Sea Salt", 1)
    scopes = _kv("Fields of work", "Crops, Handling", 2)
    note = _kv("Remark", "Stored dry, kept cool.", 3)
    coded = _kv("Batches", "OAT-12; HON-7", 4)
    path, value, kv = lone_list(cert, index, [scopes, goods, note, coded], paths, set(), set(), fmt)
    assert (path, value, kv) == ("products", ["Rolled Oats", "Wildflower Honey", "Sea Salt"], goods)
    second = _kv("Also", "Pears; Plums", 5)
    assert lone_list(cert, index, [goods, second], paths, set(), set(), fmt) is None  # two runs: neither
    assert lone_list(cert, index, [goods], paths, {"products"}, set(), fmt) is None  # already read


def _at(value: dt.date, label: str) -> Resolved:
    return Resolved(value, Where(1, label, None, None, "text"), 0.6, label)


def test_a_lone_end_of_the_period_goes_to_the_required_end() -> None:
    """The certificate's anniversary is required and its expiry is not. A date placed as the expiry under a
    label that fits the anniversary about as well is the anniversary's; one whose label names the expiry
    stays, and so does one whose label fits neither."""
    cert = declarations()["supplier_certificate"]
    start = _at(dt.date(2025, 3, 1), "Granted")
    fits = {("Yearly due", "expiration_date"): 0.38, ("Yearly due", "anniversary_date"): 0.37,
            ("Expires", "expiration_date"): 1.0, ("Expires", "anniversary_date"): 0.1}
    out = {"effective_date": start, "expiration_date": _at(dt.date(2026, 2, 1), "Yearly due")}
    required_end(cert, out, lambda lab, p: fits.get((lab, p), 0.0), 0.25)
    assert out["anniversary_date"].value == dt.date(2026, 2, 1) and "expiration_date" not in out
    for label in ("Expires", "Closing"):
        out = {"effective_date": start, "expiration_date": _at(dt.date(2027, 3, 1), label)}
        required_end(cert, out, lambda lab, p: fits.get((lab, p), 0.0), 0.25)
        assert "anniversary_date" not in out and out["expiration_date"].value == dt.date(2027, 3, 1)


def test_boxes_after_a_labels_colon_stand_before_their_options() -> None:
    """"Fields: ☐ A ☒" (the last option's words wrapped away): the box after the colon has no option before
    it, so every box precedes its option and the last one's text is left for the next line."""
    label, options = read_options("Fields: ☐ Growing ☐ Herding ☒")
    assert label == "Fields:"
    assert [(o.text, o.checked) for o in options] == [("Growing", False), ("Herding", False), ("", True)]
    label, options = read_options("Growing ☐ Herding ☒")  # boxes after their options, as before
    assert [(o.text, o.checked) for o in options] == [("Growing", False), ("Herding", True)]


def test_the_last_box_takes_its_option_from_the_next_line(tmp_path: Path) -> None:
    path = docx_file(tmp_path / "cert.docx", ["Organic certificate", "Operation Name: Hill Bakery",
                                              "Fields: ☐ Growing ☐ Herding ☒", "Packing",
                                              "Certificate Number: HB-2025-7"], [])
    reading = read_document(loaded(path))
    [line] = [c for c in reading.checks if c.label == "Fields"]
    assert [(o.text, o.checked) for o in line.options] == [("Growing", False), ("Herding", False), ("Packing", True)]
