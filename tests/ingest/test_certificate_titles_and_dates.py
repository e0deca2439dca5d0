"""Certificates in wordings no declaration lists (issue 12, certificate recall): a title in the kind's own
words is no party's name, a value of declared answers is no name, dates read against their declared order
are put back, and a list of several products under a caption that names them weakly is still the products.
The wordings are plain English made up here, never the variation bench's."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from auditpack.declarations import KindDeclaration, declarations
from ingest.layout import Where
from ingest.resolve.chronology import in_order
from ingest.resolve.scalars import Resolved
from ingest.resolve.titles import names_the_kind, not_a_name
from tests.ingest.made_docs import csv_file, read_as

BODY = [["Operation Name: Brookhaven Mills Inc."],
        ["Effective Date: 2025-03-01"],
        ["Expiration Date: 2026-03-01"],
        ["Status: Certified"],
        ["Certificate Number: BM-2025-114"]]


def _cert():  # noqa: ANN202
    return declarations()["supplier_certificate"]


def _read(path: Path, embedder: str | None = "hash"):  # noqa: ANN202
    return read_as(path, "supplier_certificate", embedder=embedder)


def test_a_title_in_the_kinds_own_words_is_not_the_certifier(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "cert.csv", [["Organic Compliance Notice"], *BODY])
    [record] = _read(path).records
    assert record.certifier is None
    assert record.operation_name == "Brookhaven Mills Inc."


def test_a_letterhead_that_is_a_name_is_still_the_certifier(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "cert.csv", [["Lakeshore Organic Certification Services"], *BODY])
    [record] = _read(path).records
    assert record.certifier == "Lakeshore Organic Certification Services"


def test_titles_are_told_from_names_that_share_their_words() -> None:
    for title in ("Organic Compliance Notice", "Notice of organic certification", "Avis de certification bio"):
        assert names_the_kind(_cert(), title), title
    for name in ("Lakeshore Organic Certification Services", "Organic Certifiers Inc", "Bio Controle del Norte",
                 "Brookhaven Mills Inc."):
        assert not names_the_kind(_cert(), name), name


def test_a_value_of_declared_answers_is_no_name() -> None:
    assert not_a_name(_cert(), "Crops and Handling")
    assert not not_a_name(_cert(), "Handling Partners Ltd")


def _dated(value: dt.date, label: str) -> Resolved:
    return Resolved(value, Where(1, label, None, None, "text"), 0.6, label)


def test_dates_read_against_their_declared_order_are_swapped() -> None:
    out = {"effective_date": _dated(dt.date(2026, 3, 1), "Ends"),
           "expiration_date": _dated(dt.date(2025, 3, 1), "Began")}
    in_order(_cert(), out)
    assert out["effective_date"].value == dt.date(2025, 3, 1) and out["effective_date"].label == "Began"
    assert out["expiration_date"].value == dt.date(2026, 3, 1)


def test_dates_in_their_order_stay() -> None:
    out = {"effective_date": _dated(dt.date(2025, 3, 1), "a"), "expiration_date": _dated(dt.date(2026, 3, 1), "b")}
    in_order(_cert(), out)
    assert out["effective_date"].value == dt.date(2025, 3, 1)


def test_several_products_under_a_weakly_named_caption_are_the_products(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "cert.csv", [["Organic certificate"], *BODY,
                                            ["Products approved: Rolled Oats; Wildflower Honey; Sea Salt"]])
    [record] = _read(path, embedder=None).records  # words only: the caption scores 0.29 for the products
    assert record.products == ["Rolled Oats", "Wildflower Honey", "Sea Salt"]


def test_one_value_under_a_weakly_named_caption_is_no_product_list(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "cert.csv", [["Organic certificate"], *BODY, ["Products approved: see annex"]])
    [record] = _read(path, embedder=None).records
    assert not record.products


def test_an_order_that_names_no_date_field_is_refused() -> None:
    """A declaration writer's slip (`after:` on a status, or naming a field that is no date) is refused
    when the declarations are read, not silently ignored while reading documents."""
    data = _cert().model_dump()
    data["fields"]["status"]["after"] = "effective_date"
    with pytest.raises(ValueError, match="after"):
        KindDeclaration.model_validate(data)


def _docx(path: Path, paragraphs: list[str]) -> Path:
    import docx

    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    d.save(str(path))
    return path


HEAD_LINES = ["Organic certificate", "Operation Name: Brookhaven Mills Inc.", "Certifying Agent: Lakeshore Organic",
              "Effective Date: 2025-03-01", "Expiration Date: 2026-03-01", "Certificate Number: BM-2025-114"]


def test_a_caption_over_plain_docx_paragraphs_lists_the_products(tmp_path: Path) -> None:
    """DOCX paragraphs carry no geometry: a caption over three or more plain lines, up to a closing sentence,
    is offered as a list."""
    path = _docx(tmp_path / "cert.docx", HEAD_LINES + ["Certified products", "Rolled Oats", "Wildflower Honey",
                                                      "Sea Salt", "This list is part of the certificate above."])
    [record] = _read(path).records
    assert record.products == ["Rolled Oats", "Wildflower Honey", "Sea Salt"]
    assert record.operation_name == "Brookhaven Mills Inc."


def test_plain_docx_paragraphs_of_labels_over_values_are_no_list(tmp_path: Path) -> None:
    """A stack of labels over values has plain lines too, but a bare value (a date) follows the run."""
    path = _docx(tmp_path / "cert.docx", ["Organic certificate", "Operation Name", "Brookhaven Mills",
                                          "Certifying Agent", "Lakeshore Organic Services", "Certificate Number",
                                          "BM-2025-114", "Effective Date", "2025-03-01", "Expiration Date",
                                          "2026-03-01"])
    [record] = _read(path).records
    assert "Operation Name" not in (record.certifier or "") + (record.operation_name or "")
    assert not record.products
