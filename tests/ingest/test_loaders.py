"""Loaders: DOCX, spreadsheets (title rows, merged cells, several sheets), CSV, garbled PDFs, OCR."""
from __future__ import annotations

import io

import pytest

from ingest.loaders import LoadOptions
from ingest.loaders.pdf import text_unusable
from ingest.pipeline import load, parse_document


def test_docx_paragraphs_and_tables_become_one_page_with_a_table() -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("Product Profile / Formulation")
    t = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("Field", "Value"), ("Product name", "Oat Bars"), ("Labeling category", "Organic")]):
        t.cell(r, 0).text, t.cell(r, 1).text = a, b
    buf = io.BytesIO()
    d.save(buf)
    doc, _ = load(buf.getvalue(), "p.docx", "0" * 64, LoadOptions())
    assert doc.pages[0].tables[0].rows[1] == ["Product name", "Oat Bars"]
    assert "Product name | Oat Bars" in doc.pages[0].text


def test_xlsx_header_below_title_rows_merged_cells_and_sheets() -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Jan"
    ws.append(["Pest control log - Plant 1"])
    ws.append([])
    ws.append(["Date", "Location", "Level", "Material", "Applicator"])
    ws.append(["2026-01-05", "Dock", "B", "Glue boards", "T. Okafor"])
    ws.append([None, "Dry storage", "C", "Pheromone lures", "T. Okafor"])
    ws.merge_cells("A4:A5")  # one date for two rows
    wb.create_sheet("Feb").append(["Date", "Location", "Level", "Material", "Applicator"])
    wb["Feb"].append(["2026-02-03", "Dock", "A", "Sanitation inspection", "R. Delgado"])
    buf = io.BytesIO()
    wb.save(buf)
    doc, _ = load(buf.getvalue(), "pest.xlsx", "0" * 64, LoadOptions())
    assert [p.name for p in doc.pages] == ["Jan", "Feb"]
    assert doc.pages[0].tables[0].header_row == 1  # empty row dropped, title skipped
    a = parse_document(doc)
    assert a.kind == "pest_control_log" and len(a.records) == 3
    assert [r["date"] for r in a.records] == ["2026-01-05", "2026-01-05", "2026-02-03"]
    assert a.records[1]["field_sources"]["location"]["cell"] == "Jan!B5"
    assert a.records[0]["facility"] == "Plant 1"


def test_legacy_xls_header_below_title_rows_merged_dates_and_sheets() -> None:
    """The same log as an Excel 97-2003 .xls (xlrd reads it; xlwt writes the test file)."""
    import datetime as dt

    import xlwt

    wb = xlwt.Workbook()
    date_style = xlwt.easyxf(num_format_str="mm/dd/yyyy")
    jan = wb.add_sheet("Jan")
    jan.write(0, 0, "Pest control log - Plant 1")
    for c, h in enumerate(["Date", "Location", "Level", "Material", "Applicator"]):
        jan.write(2, c, h)
    jan.write_merge(3, 4, 0, 0, dt.datetime(2026, 1, 5), date_style)  # one date for two rows
    for r, row in ((3, ["Dock", "B", "Glue boards", "T. Okafor"]), (4, ["Dry storage", "C", "Pheromone lures",
                                                                         "T. Okafor"])):
        for c, v in enumerate(row, start=1):
            jan.write(r, c, v)
    feb = wb.add_sheet("Feb")
    for c, v in enumerate(["Date", "Location", "Level", "Material", "Applicator"]):
        feb.write(0, c, v)
    feb.write(1, 0, dt.datetime(2026, 2, 3), date_style)
    for c, v in enumerate(["Dock", "A", "Sanitation inspection", "R. Delgado"], start=1):
        feb.write(1, c, v)
    buf = io.BytesIO()
    wb.save(buf)
    doc, _ = load(buf.getvalue(), "pest.xls", "0" * 64, LoadOptions())
    assert [p.name for p in doc.pages] == ["Jan", "Feb"]
    a = parse_document(doc)
    assert a.kind == "pest_control_log" and len(a.records) == 3
    assert [r["date"] for r in a.records] == ["2026-01-05", "2026-01-05", "2026-02-03"]
    assert a.records[1]["field_sources"]["location"]["cell"] == "Jan!B5"
    assert a.records[0]["facility"] == "Plant 1"


def test_doubled_glyphs_and_missing_text_layers_are_detected() -> None:
    assert text_unusable("33..66--11 RReeiinniigguunnggssppllaann WWoocchhee FFoorrmmbbllaatttt") == "doubled glyphs"
    assert text_unusable("   \n ") == "no text layer"
    assert text_unusable("Invoice Number: 42183017 Invoice Date: August 3, 2014") is None


@pytest.mark.slow
def _typed_page(page_size: tuple[int, int], lines: list[str], *, points: int, left: int, top: int, step: int):
    """A white page image with `lines` typed on it, the way a scanner or phone would see a printout."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", page_size, "white")
    draw = ImageDraw.Draw(img)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", points)
    except OSError:
        font = ImageFont.load_default(size=points)
    for i, line in enumerate(lines):
        draw.text((left, top + i * step), line, fill="black", font=font)
    return img


def test_an_image_is_read_by_ocr_with_word_boxes() -> None:
    img = _typed_page((1400, 500), ["INVOICE", "Invoice Number: SI-4471", "Invoice Date: 03/04/2026",
                                    "Total 845.20"], points=40, left=60, top=40, step=100)
    img = img.rotate(2, expand=True, fillcolor="white")  # a slightly skewed phone photo
    buf = io.BytesIO()
    img.save(buf, "PNG")
    doc, _ = load(buf.getvalue(), "photo.png", "0" * 64, LoadOptions())
    page = doc.pages[0]
    assert page.method == "ocr" and page.lines[0].words[0].bbox[2] > 0
    rec = parse_document(doc).records[0]
    assert rec["invoice_number"] == "SI-4471" and rec["total"] == 845.2
    assert rec["field_sources"]["invoice_number"]["extraction_method"] == "ocr"


@pytest.mark.parametrize("turned", [90, 180, 270])
def test_a_scan_fed_in_sideways_or_upside_down_is_read_upright(turned) -> None:
    """The certificate text comes out right, and the box of a value stays on the page as stored."""
    from PIL import Image, ImageDraw

    lines = ["ORGANIC CERTIFICATE", "Operation: Valley Grain Cooperative", "Certifying agent: Oregon Tilth",
             "Certificate number: OT-2231", "Products: rolled oats, barley, spelt", "Anniversary date: 03/01/2027",
             "Status: certified"]
    img = _typed_page((1700, 1400), lines, points=34, left=120, top=120, step=80)
    stored = img.rotate(turned, expand=True, fillcolor="white")  # how the scanner saved it
    buf = io.BytesIO()
    stored.save(buf, "PNG")
    doc, _ = load(buf.getvalue(), "scan.png", "0" * 64, LoadOptions())
    page = doc.pages[0]
    assert "Certificate number: OT-2231" in page.text and "Valley Grain Cooperative" in page.text
    word = next(w for ln in page.lines for w in ln.words if w.text == "OT-2231")
    x0, y0, x1, y1 = word.bbox
    assert 0 <= x0 < x1 <= stored.width and 0 <= y0 < y1 <= stored.height
    # on a sideways page the word stands upright in the stored image: taller than wide
    assert ((y1 - y0) > (x1 - x0)) == (turned in (90, 270))
    # and turned back upright it sits where it was drawn: row 4, after "Certificate number:"
    mask = Image.new("L", stored.size, 0)
    ImageDraw.Draw(mask).rectangle((x0, y0, x1, y1), fill=255)
    bx0, by0, bx1, by1 = mask.rotate(-turned, expand=True).getbbox()
    assert 120 + 3 * 80 - 10 <= by0 and by1 <= 120 + 3 * 80 + 50 and bx0 > 400, (turned, (bx0, by0, bx1, by1))


def test_what_a_library_raises_on_bad_bytes_is_a_corrupt_file_and_our_own_bugs_stay_bugs() -> None:
    import zipfile

    from ingest.errors import CorruptFile
    from ingest.loaders import LoaderSpec
    from ingest.loaders.guard import guarded

    def reads_zip(data: bytes, opts: LoadOptions):  # noqa: ANN202 - zipfile complains about the bytes
        zipfile.ZipFile(io.BytesIO(data))

    def buggy(data: bytes, opts: LoadOptions):  # noqa: ANN202 - AuditPack's own KeyError
        return {}["missing"]

    with pytest.raises(CorruptFile, match=r"^corrupt file: fmt: BadZipFile: File is not a zip file"):
        guarded(LoaderSpec(("fmt",), reads_zip, "fmt"))(b"PK junk", LoadOptions())
    with pytest.raises(KeyError):
        guarded(LoaderSpec(("fmt",), buggy, "fmt", errors=(ValueError,), libraries=("pdfminer",)))(b"", LoadOptions())


def test_page_and_zip_budgets_come_from_settings() -> None:
    from auditpack.settings import IngestSettings
    from ingest.errors import OverBudget

    limits = IngestSettings(max_pages=1, max_unzipped_mb=0.001)
    with pytest.raises(OverBudget, match=r"page count \(2 > 1, setting ingest.max_pages\)"):
        load(pdf_pages(2), "two.pdf", "0" * 64, LoadOptions(ocr=False, limits=limits))
    docx = _docx_bytes()
    with pytest.raises(OverBudget, match=r"uncompressed size of the DOCX .* setting ingest.max_unzipped_mb"):
        load(docx, "p.docx", "0" * 64, LoadOptions(limits=limits))


def pdf_pages(n: int) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for i in range(n):
        c.drawString(50, 700, f"page {i + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


def _docx_bytes() -> bytes:
    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("Organic System Plan")
    d.save(buf)
    return buf.getvalue()
