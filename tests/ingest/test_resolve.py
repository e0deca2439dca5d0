"""The declared reader on layouts and wordings written for these tests, not taken from the declarations.

Each test builds a small document the way a supplier or a plant might, reads it through the whole
per-file chain (`ingest.pipeline.analyze`), and checks what a compliance person would look at: the
kind, the values, and where each value was read. Embeddings are the hashed test embedding (conftest),
so these tests exercise the words-and-structure part of the resolver.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from auditpack.declarations import declarations
from ingest.loaders import LoadOptions
from ingest.pipeline import analyze, sha256_file
from ingest.resolve.values import DocFormat, READERS


def _analyze(path: Path):
    return analyze(str(path), path.name, sha256_file(path), LoadOptions(ocr=False, embeddings="hash"))


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_an_invoice_sheet_whose_columns_no_list_names_is_read_by_its_arithmetic(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "bill.xlsx", [
        ["Lakeside Grain Cooperative"],
        ["Invoice no.", "LG-20931"],
        ["Date", "2026-03-02"],
        [],
        ["Goods supplied", "Pieces", "Each", "Line value", "Batch"],
        ["Organic rolled oats", 40, 2.15, 86.0, "OAT-7731"],
        ["Organic spelt flour", 25, 3.4, 85.0, "SPL-1102"],
        ["Sea salt", 2, 1.25, 2.5, "SS-09"],
        [],
        ["Amount payable: 173.50"],
    ])
    a = _analyze(path)
    assert a.kind == "invoice", a.kind_candidates
    rec = a.records[0]
    assert [(ln["description"], ln["quantity"], ln["unit_price"], ln["amount"]) for ln in rec["lines"]] == [
        ("Organic rolled oats", 40.0, 2.15, 86.0), ("Organic spelt flour", 25.0, 3.4, 85.0), ("Sea salt", 2.0, 1.25, 2.5)]
    assert rec["total"] == 173.5  # no label names it: the amount equal to the sum of the lines
    assert rec["invoice_number"] == "LG-20931" and rec["invoice_date"] == "2026-03-02"
    assert [ln["organic"] for ln in rec["lines"]] == [True, True, False]  # the "organic" mark in the description
    src = rec["field_sources"]["lines[1].quantity"]
    assert src["cell"] == "Sheet1!B7" and src["document_sha256"] == sha256_file(path)
    assert 0 < src["confidence"] < 1  # a score, not a constant


def test_a_sanitation_csv_gives_one_record_per_row_with_time_and_every_agent(tmp_path: Path) -> None:
    path = tmp_path / "wash.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Hygiene log - packing hall"])
        w.writerow(["Site", "North Packing Hall"])
        w.writerow([])
        w.writerow(["Date", "Clock", "Machine", "Chemicals", "Initials"])
        w.writerow(["14/04/2026", "06:40", "Bagger B-2", "Quat 200 ppm; Chlorine 50 ppm", "RK"])
        w.writerow(["15/04/2026", "18:05", "Filler F-1", "Peracetic acid 150 ppm", "TM"])
    a = _analyze(path)
    assert a.kind == "cleaning_log", a.kind_candidates
    rows = sorted(a.records, key=lambda r: r["performed_at"])
    assert [r["performed_at"] for r in rows] == ["2026-04-14T06:40:00", "2026-04-15T18:05:00"]  # day first: 14/04
    assert [r["equipment"] for r in rows] == ["Bagger B-2", "Filler F-1"]
    assert [(g["name"], g["concentration"], g["concentration_unit"]) for g in rows[0]["agents"]] == [
        ("Quat", 200.0, "ppm"), ("Chlorine", 50.0, "ppm")]


def test_a_certificate_typed_down_one_column_with_check_boxes(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "cert.xlsx", [
        ["Organic operation certificate"],
        ["Certified operator:  Mesa Verde Mills LLC"],
        ["Certifying agent:  High Plains Organic Services"],
        ["Operation ID (OID):  8834410021"],
        ["Status:  ☒ Certified  ☐ Suspended  ☐ Revoked"],
        ["Effective date:  March 3, 2025"],
        ["Anniversary date:  March 3, 2026"],
    ])
    a = _analyze(path)
    assert a.kind == "supplier_certificate", a.kind_candidates
    rec = a.records[0]
    assert rec["operation_name"] == "Mesa Verde Mills LLC" and rec["oid_operation_id"] == "8834410021"
    assert rec["status"] == "certified" and rec["effective_date"] == "2025-03-03"


def test_a_document_of_no_known_kind_stays_unknown_and_keeps_its_candidates(tmp_path: Path) -> None:
    path = tmp_path / "minutes.csv"
    path.write_text("Staff meeting minutes\nTopic,Owner\nHoliday rota,Sam\nNew coffee machine,Lee\n", encoding="utf-8")
    a = _analyze(path)
    assert a.status == "unknown" and a.records == []
    assert a.kind_candidates and all(c.score < 0.5 for c in a.kind_candidates)


def test_a_document_decides_its_own_number_and_date_habits() -> None:
    european = DocFormat.of("Datum 13/04/2026 Betrag 1.234,50 EUR 12,00 3,50")
    american = DocFormat.of("Date 04/13/2026 Amount 1,234.50 USD 12.00")
    assert european.dayfirst and european.decimal_comma and european.number("2.500") == 2500.0
    assert not american.dayfirst and not american.decimal_comma and american.number("2,500") == 2500.0
    assert european.number("0,750") == 0.75 and american.number("3,5") == 3.5  # a mark that can only be decimal


def test_every_declared_field_type_has_a_reader_and_every_field_is_reachable() -> None:
    """The template-rot test of the declarations, from the reader's side: no field nobody reads."""
    decls = declarations()
    for decl in decls.values():
        for path in decl.field_paths():
            f = decl.field(path)
            assert f.type in READERS, f"{decl.kind}.{path}: no reader for type {f.type}"
            top = decl.fields[path.split(".")[0]]
            assert top.type in READERS or top.columns, f"{decl.kind}.{path} cannot be read"


@pytest.mark.parametrize("kind", sorted(k for k in declarations()))
def test_every_kind_can_be_told_apart_by_its_declared_names(kind: str, tmp_path: Path) -> None:
    """A page that names the kind in its title and shows two of its labels is classified as that kind."""
    from ingest.pipeline import _document_kind

    decl = declarations()[kind]
    title = decl.names["en"][0]
    labels = [decl.fields[f].labels["en"][0] for f in decl.core_fields[:2] if decl.fields[f].labels.get("en")]
    path = tmp_path / "page.csv"
    path.write_text("\n".join([title] + [f"{lab}: x" for lab in labels]) + "\n", encoding="utf-8")
    a = _analyze(path)
    assert a.kind_candidates[0].kind == _document_kind(kind)
