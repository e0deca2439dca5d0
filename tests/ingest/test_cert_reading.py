"""Supplier certificates in arrangements the declared reader used to misread (issue 12, certificate recall),
on hand-made sheets whose wording is the declarations' own or plain English, never the bench's."""
from __future__ import annotations

from pathlib import Path

from tests.ingest.made_docs import csv_file, lines_pdf, read_as




# the rest of a certificate, so that each hand-made one holds enough of the kind to be read as one
REST = [["NOP Operation ID: 8123456701"], ["Expiration Date: 2026-03-01"]]


def _read(path: Path, kind: str = "supplier_certificate"):  # noqa: ANN202
    return read_as(path, kind, embedder="hash")


def test_a_status_answered_with_a_word_of_a_certifier_label_is_the_status(tmp_path: Path) -> None:
    """"Certified" shares its word with the label "Certified by"; it is still the answer of the status."""
    path = csv_file(tmp_path / "cert.csv", [
        ["Organic certificate"],
        ["Operation Name: Brookhaven Mills Inc."],
        ["Certifying Agent: Lakeshore Organic Services"],
        ["Certification Status: Certified"],
        ["Effective Date: 2025-03-01"],
    ] + REST)
    [record] = _read(path).records
    assert record.status == "certified"
    assert record.certifier == "Lakeshore Organic Services"


def test_a_control_body_code_inside_a_certificate_number_is_not_the_certifier(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "cert.csv", [
        ["Organic certificate"],
        ["Operation Name: Brookhaven Mills Inc."],
        ["Certificate Number: FR-BIO-044-87123"],
        ["Effective Date: 2025-03-01"],
    ] + REST)
    [record] = _read(path).records
    assert record.certificate_number == "FR-BIO-044-87123"
    assert record.certifier != "FR-BIO-044"


def test_a_control_body_code_printed_alone_is_the_certifier(tmp_path: Path) -> None:
    """The other side of the rule above: the code on its own still names the control body."""
    path = csv_file(tmp_path / "cert.csv", [
        ["Organic certificate"],
        ["Operation Name: Brookhaven Mills Inc."],
        ["Inspected under code FR-BIO-044."],
        ["Effective Date: 2025-03-01"],
    ] + REST)
    [record] = _read(path).records
    assert record.certifier == "FR-BIO-044"


def test_a_letterhead_certifier_leaves_a_label_that_fits_both_names_to_the_operation(tmp_path: Path) -> None:
    """The letterhead competes in the one assignment: the label that fits the certifier a little better
    and the operation nearly as well goes to the operation when the letterhead names the certifier."""
    path = csv_file(tmp_path / "cert.csv", [
        ["Lakeshore Organic Services"],
        [],
        ["Organic certificate"],
        [],
        ["Certified operator body: Brookhaven Mills Inc."],
        ["Effective Date: 2025-03-01"],
    ] + REST)
    [record] = _read(path).records
    assert record.certifier == "Lakeshore Organic Services"
    assert record.operation_name == "Brookhaven Mills Inc."


def test_a_street_address_is_no_operation_name(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "cert.csv", [
        ["Organic certificate"],
        ["Operation Name: 14 Quarry Lane, Dunmore, PA 18512"],
        ["Certifying Agent: Lakeshore Organic Services"],
        ["Effective Date: 2025-03-01"],
    ] + REST)
    [record] = _read(path).records
    assert record.operation_name is None
    assert record.certifier == "Lakeshore Organic Services"


def test_products_under_a_caption_one_per_row_above_a_note_are_the_products(tmp_path: Path) -> None:
    """A caption over plain rows (no bullets) is a list, even when a note with a number follows it."""
    path = csv_file(tmp_path / "cert.csv", [
        ["Organic certificate"],
        ["Operation Name: Brookhaven Mills Inc."],
        ["Certifying Agent: Lakeshore Organic Services"],
        ["Effective Date: 2025-03-01"],
    ] + REST + [
        ["Certified Products"],
        ["Buckwheat Groats"],
        ["Pearl Barley"],
        ["Millet"],
        ["This operation was inspected on site and complies with 7 CFR Part 205."],
    ])
    [record] = _read(path).records
    assert record.products == ["Buckwheat Groats", "Pearl Barley", "Millet"]




def test_products_printed_one_per_line_under_a_caption_on_a_pdf_are_the_products(tmp_path: Path) -> None:
    path = lines_pdf(tmp_path / "cert.pdf", [
        (10, 0, "Lakeshore Organic Services"), (16, 24, "Organic certificate"),
        (10, 24, "Operation Name: Brookhaven Mills Inc."), (10, 14, "Effective Date: 2025-03-01"),
        (10, 24, "Certified Products"), (10, 13, "Buckwheat Groats"), (10, 13, "Pearl Barley"),
        (10, 13, "Millet"), (10, 24, "NOP Operation ID: 8123456701"), (10, 14, "Expiration Date: 2026-03-01"),
    ])
    [record] = _read(path).records
    assert record.products == ["Buckwheat Groats", "Pearl Barley", "Millet"]
