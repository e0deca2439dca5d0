"""Spreadsheet originals in the evidence appendix: every cited cell findable by its address."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from generators.sheet_pdf import read_sheets, sheet_to_pdf
from tests.generators.inspect_pages import pages_with_ink_in_the_margin, rendered_pages


def _workbook(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Log"
    ws["A1"] = "Riverside Kitchen - sanitation log"
    headers = [f"Column heading {i}" for i in range(1, 23)]  # 22 columns: wider than a landscape page
    ws.append([])
    ws.append(headers)
    for r in range(1, 41):
        row = [f"v{r}-{c}" for c in range(1, 23)]
        row[1] = dt.datetime(2026, 3, r % 28 + 1, 6, 30)
        ws.append(row)
    ws["C10"] = ("Peracetic acid 150 ppm, rinsed with potable water, verified by QA supervisor before the organic "
                 "run of Blueberry Oat Bars")
    wb.create_sheet("Notes")
    wb.save(path)


def test_every_cell_ingest_cites_is_drawn_under_its_address(tmp_path):
    """The cell addresses ingest writes into provenance (`Log!C7`) point at the same text in the appendix."""
    from ingest.loaders import LoadOptions, loader_for

    xlsx = tmp_path / "log.xlsx"
    _workbook(xlsx)
    pages, _ = loader_for("xlsx")(xlsx.read_bytes(), LoadOptions())
    drawn = {s.name: s.rows for s in read_sheets(xlsx)}
    checked = 0
    for page in pages:
        for table in page.tables:
            for row, cells in zip(table.rows, table.cells or []):
                for value, address in zip(row, cells):
                    if not value:
                        continue  # merged-range fill: ingest repeats a value the sheet shows once
                    sheet, ref = address.split("!")
                    col, num = re.fullmatch(r"([A-Z]+)(\d+)", ref).groups()
                    c = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(col))) - 1
                    assert drawn[sheet][int(num) - 1][c] == value, address
                    checked += 1
    assert checked > 800


def test_wide_sheet_split_into_labelled_column_groups_and_nothing_lost(tmp_path):
    xlsx = tmp_path / "log.xlsx"
    _workbook(xlsx)
    out = tmp_path / "log.pdf"
    assert sheet_to_pdf(xlsx, "E-7 log.xlsx", out) == 42  # title row, header row, 40 data rows
    reader = PdfReader(str(out))
    text = "\n".join(p.extract_text() for p in reader.pages)
    groups = re.findall(r"Sheet 1 of 2: Log, columns ([A-Z]+)-([A-Z]+)", text)
    assert len(groups) >= 2 and groups[0][0] == "A" and groups[-1][1] == "V"
    assert "Sheet 2 of 2: Notes (empty)" in text
    assert "2026-03-11 06:30" in text  # B12 written as ingest reads it
    for r in (1, 40):
        for c in (1, 3, 22):
            assert f"v{r}-{c}" in text
    flat = re.sub(r"\s+", " ", text)
    assert "verified by QA supervisor" in flat and "Blueberry Oat Bars" in flat  # long text wrapped, not cut
    assert "E-7 log.xlsx - page 1" in text


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils missing")
def test_tables_stay_inside_the_page(tmp_path):
    """Rendered as an inspector sees it: no ink in the outer margin band of any page."""
    xlsx = tmp_path / "log.xlsx"
    _workbook(xlsx)
    out = tmp_path / "log.pdf"
    sheet_to_pdf(xlsx, "E-7 log.xlsx", out)
    assert pages_with_ink_in_the_margin(out, tmp_path) == []
    assert rendered_pages(out, tmp_path) == len(PdfReader(str(out)).pages)


def test_csv_with_semicolons_and_windows_encoding(tmp_path):
    csv = tmp_path / "pest.csv"
    csv.write_bytes("Date;Location;Material\n2026-02-01;Dock;Café bait station\n".encode("cp1252"))
    [sheet] = read_sheets(csv)
    assert sheet.rows[1] == ["2026-02-01", "Dock", "Café bait station"]
    out = tmp_path / "pest.pdf"
    sheet_to_pdf(csv, "E-3 pest.csv", out)
    assert "Café bait station" in PdfReader(str(out)).pages[0].extract_text()


def test_names_outside_latin_1_are_drawn_not_boxed(tmp_path):
    if not Path("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf").is_file():
        pytest.skip("fonts-dejavu missing")
    csv = tmp_path / "suppliers.csv"
    csv.write_text("Supplier,City\nZakład Przetwórczy,Łódź\n", encoding="utf-8")
    out = tmp_path / "suppliers.pdf"
    sheet_to_pdf(csv, "E-4 suppliers.csv", out)
    assert "Łódź" in PdfReader(str(out)).pages[0].extract_text()


def test_same_sheet_same_bytes(tmp_path):
    """A regenerated package compares equal: the drawn pages carry no date or random id."""
    xlsx = tmp_path / "log.xlsx"
    _workbook(xlsx)
    sheet_to_pdf(xlsx, "E-7 log.xlsx", tmp_path / "a.pdf")
    sheet_to_pdf(xlsx, "E-7 log.xlsx", tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_legacy_xls_cells_are_drawn_under_the_addresses_ingest_cites(tmp_path):
    import xlwt

    from ingest.loaders import LoadOptions, loader_for

    wb = xlwt.Workbook()
    ws = wb.add_sheet("Receiving")
    ws.write(0, 0, "Receiving log")
    for c, h in enumerate(["Date", "Supplier", "Lot", "Qty"]):
        ws.write(2, c, h)
    ws.write(3, 0, dt.datetime(2026, 4, 2), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    for c, v in enumerate(["Valley Grain Co", "OAT-7", 500], start=1):
        ws.write(3, c, v)
    xls = tmp_path / "receiving.xls"
    wb.save(str(xls))
    pages, _ = loader_for("xls")(xls.read_bytes(), LoadOptions())
    drawn = {s.name: s.rows for s in read_sheets(xls)}
    cells = [(v, a) for t in pages[0].tables for row, addr in zip(t.rows, t.cells) for v, a in zip(row, addr) if v]
    assert ("2026-04-02", "Receiving!A4") in cells and ("OAT-7", "Receiving!C4") in cells
    assert drawn["Receiving"][3][0] == "2026-04-02" and drawn["Receiving"][3][2] == "OAT-7"
    out = tmp_path / "receiving.pdf"
    sheet_to_pdf(xls, "E-9 receiving.xls", out)
    assert "OAT-7" in PdfReader(str(out)).pages[0].extract_text()


def _filled(pdf: Path, fill=(1, 0.878, 0.4)) -> list[tuple[int, str]]:
    """(page, text inside) of every rectangle drawn with the cited-cell fill, read back from the PDF."""
    import pdfplumber

    found = []
    with pdfplumber.open(str(pdf)) as doc:
        for number, page in enumerate(doc.pages, 1):
            for r in page.rects:
                color = tuple(round(c, 3) for c in (r.get("non_stroking_color") or ()))
                if r.get("fill") and len(color) == 3 and all(abs(a - b) < 0.01 for a, b in zip(color, fill)):
                    inside = page.crop((r["x0"], r["top"], r["x1"], r["bottom"])).extract_text() or ""
                    found.append((number, " ".join(inside.split())))
    return found


def test_the_cells_the_package_cites_are_filled_where_they_are_drawn(tmp_path):
    xlsx = tmp_path / "log.xlsx"
    _workbook(xlsx)
    out = tmp_path / "log.pdf"
    sheet_to_pdf(xlsx, "E-7 log.xlsx", out, cited=["Log!B12", "Log!$T$30", "Notes!A1", "Other!B2"])
    filled = _filled(out)
    assert sorted(t for _, t in filled) == ["2026-03-10 06:30", "v27-20"]  # the two cited cells (row 30 holds r=27)
    plain = tmp_path / "plain.pdf"
    sheet_to_pdf(xlsx, "E-7 log.xlsx", plain)
    assert _filled(plain) == []  # nothing cited, nothing filled


def test_a_cited_csv_cell_is_filled(tmp_path):
    csv = tmp_path / "pest.csv"
    csv.write_text("Date,Location,Material\n2026-02-01,Dock,Bait\n2026-02-08,Dock,Snap trap\n", encoding="utf-8")
    out = tmp_path / "pest.pdf"
    sheet_to_pdf(csv, "E-3 pest.csv", out, cited=["csv!C3"])
    assert _filled(out) == [(1, "Snap trap")]


def test_the_evidence_plan_draws_the_cells_the_sections_cited(tmp_path):
    """What a section cites (`E-1, cell C3`) is what the appendix fills: the index remembers each cited cell
    and `draw_sheets` passes them on."""
    from auditpack.records import DocumentInfo, DocumentStatus
    from generators.assemble import prepare_evidence, draw_sheets
    from generators.dataset import EvidenceIndex

    (tmp_path / "pest.csv").write_text("Date,Location,Material\n2026-02-01,Dock,Bait\n2026-02-08,Dock,Snap trap\n",
                                       encoding="utf-8")
    info = DocumentInfo(sha256="a" * 64, filename="pest.csv", size_bytes=1, status=DocumentStatus.INGESTED,
                        stored_path="pest.csv", kind="pest_control_entry")
    index = EvidenceIndex([info])
    assert index.cite(info.sha256, None, "pest", "csv!C3") == "E-1, cell C3"
    plan = prepare_evidence(list(index.docs.values()), tmp_path, tmp_path / "work")
    draw_sheets(plan)
    assert _filled(plan.pdfs[info.sha256]) == [(1, "Snap trap")]
