"""The documents open with the libraries a user (and the ingest stage) would use, and say what truth says."""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from openpyxl import load_workbook


def _first(truth: dict, layout: str) -> dict:
    return next(d for d in truth["documents"] if d["layout"] == layout)


@pytest.mark.parametrize("layout", ["oid_2024", "certifier_letterhead", "oid_with_cover_letter", "vendor_classic",
                                    "vendor_modern", "vendor_coop", "multi_invoice_pdf", "sanitation_pdf_form"])
def test_text_pdfs_show_their_records_on_the_stated_page(sample_small: Path, truth, layout):
    doc = _first(truth, layout)
    with pdfplumber.open(sample_small / doc["file"]) as pdf:
        assert len(pdf.pages) == doc["pages"]
        for rec in doc["records"][:5]:
            text = pdf.pages[rec["page"] - 1].extract_text() or ""
            if rec["kind"] == "supplier_certificate":
                assert rec["operation_name"] in text and rec["oid_operation_id"] in text
            elif rec["kind"] == "invoice":
                assert rec["invoice_number"] in text and f"{rec['total']:,.2f}" in text
                for line in rec["lines"]:
                    assert (line["lot_number"] or "") in text and line["description"] in text
            else:
                assert rec["equipment"] in text and rec["operator"] in text


def test_oid_certificate_has_the_operation_profile_page(sample_small: Path, truth):
    doc = _first(truth, "oid_2024")
    rec = doc["records"][0]
    with pdfplumber.open(sample_small / doc["file"]) as pdf:
        profile = pdf.pages[1].extract_text()
    assert f"Operation Profile ({rec['oid_operation_id']})" in profile
    assert "Scope and Product Summary" in profile and rec["status"].capitalize() in profile


def test_scanned_certificate_has_no_text_layer(sample_small: Path, truth):
    doc = _first(truth, "scanned_letterhead")
    assert doc["scanned"] is True
    with pdfplumber.open(sample_small / doc["file"]) as pdf:
        assert len(pdf.pages) == 1
        assert not (pdf.pages[0].extract_text() or "").strip()
        assert pdf.pages[0].images, "the page is one scanned image"


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("tesseract") and shutil.which("pdftoppm")), reason="tesseract/poppler missing")
def test_scanned_certificate_is_readable_by_ocr_at_200_dpi(sample_small: Path, truth, tmp_path: Path):
    doc = _first(truth, "scanned_letterhead")
    rec = doc["records"][0]
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-singlefile", str(sample_small / doc["file"]),
                    str(tmp_path / "page")], check=True)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # threads only slow Tesseract down on a busy 2-core machine
    text = subprocess.run(["tesseract", str(tmp_path / "page.pgm"), "-"], capture_output=True, text=True,
                          check=True, env=env).stdout
    assert rec["certificate_number"] in text
    assert rec["operation_name"].split()[0] in text


def test_spreadsheets_csvs_and_word_files_open(sample_small: Path, truth):
    for doc in truth["documents"]:
        path = sample_small / doc["file"]
        if path.suffix == ".xlsx":
            wb = load_workbook(path, read_only=True)
            assert len(wb.sheetnames) == doc["pages"]
            wb.close()
        elif path.suffix == ".csv":
            with path.open(newline="", encoding="utf-8") as fh:
                rows = list(csv.reader(fh, delimiter=";" if doc["layout"] == "batch_csv_wide" else ","))
            inputs = sum(len(r["inputs"]) for r in doc["records"]) if doc["layout"] == "batch_csv_long" else None
            assert len(rows) - 1 == (inputs if inputs is not None else len(doc["records"])), doc["file"]
        elif path.suffix == ".docx":
            text = "\n".join(p.text for p in Document(path).paragraphs)
            tables = " ".join(c.text for t in Document(path).tables for row in t.rows for c in row.cells)
            rec = doc["records"][0]
            name = rec.get("operation_name") or rec.get("product_name")
            assert name in text + tables


def test_osp_variant_lacks_the_missing_section(sample_small: Path, truth):
    doc = _first(truth, "osp_docx_qa")
    text = "\n".join(p.text for p in Document(sample_small / doc["file"]).paragraphs)
    assert "fraud prevention" not in text.lower()
    assert "commingling" in text.lower()
