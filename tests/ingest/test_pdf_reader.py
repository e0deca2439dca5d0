"""The pdfium PDF reader gives what pdfplumber gave (same words, boxes, ruled tables), reading each page once."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from ingest.loaders import LoadOptions
from ingest.loaders.pdf import load_pdf
from ingest.loaders.pdf_rules import find_tables
from ingest.loaders.pdfium_text import page_chars, words


def _sample_pdfs(sample_small: Path) -> list[Path]:
    return sorted(sample_small.rglob("*.pdf"))


def _plumber_words(page) -> list[tuple[str, tuple[float, ...]]]:
    return [(w["text"], (w["x0"], w["top"], w["x1"], w["bottom"])) for w in page.extract_words(x_tolerance=1.5)]


def test_words_and_boxes_match_pdfplumber_on_the_sample(sample_small: Path) -> None:
    """Evidence keeps its meaning: the same words at the same place (PDF points, top-left origin)."""
    import pdfplumber
    import pypdfium2 as pdfium

    pdfs = _sample_pdfs(sample_small)
    assert pdfs
    compared = 0
    for path in pdfs[:12]:
        doc = pdfium.PdfDocument(str(path))
        with pdfplumber.open(path) as pdf:
            for i, page in enumerate(pdf.pages):
                want = _plumber_words(page)
                got = [(w.text, w.bbox) for w in words(page_chars(doc[i]))]
                assert [t for t, _ in got] == [t for t, _ in want], f"{path.name} page {i + 1}"
                for (_, a), (_, b) in zip(got, want):
                    assert max(abs(u - v) for u, v in zip(a, b)) < 2.0, f"{path.name} page {i + 1}: {a} vs {b}"
                compared += len(want)
        doc.close()
    assert compared > 500


def test_ruled_tables_match_pdfplumbers_find_tables(sample_small: Path) -> None:
    import pdfplumber
    import pypdfium2 as pdfium

    tables = 0
    for path in _sample_pdfs(sample_small)[:12]:
        doc = pdfium.PdfDocument(str(path))
        with pdfplumber.open(path) as pdf:
            for i, page in enumerate(pdf.pages):
                want = [list(row.cells) for t in page.find_tables() for row in t.rows] \
                    if (page.rects or page.lines) else []
                got = [cells for t in find_tables(doc[i]) for _, cells in t.rows]
                assert [[c is None for c in row] for row in got] == [[c is None for c in row] for row in want], \
                    f"{path.name} page {i + 1}"
                for a, b in ((a, b) for rg, rw in zip(got, want) for a, b in zip(rg, rw) if a):
                    assert max(abs(u - v) for u, v in zip(a, b)) < 1.0, f"{path.name} page {i + 1}: {a} vs {b}"
                tables += len(want)
        doc.close()
    assert tables > 0


def _pdf(rotate: int = 0) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(72, 760, "Invoice number: INV-2026-0042")
    c.drawString(72, 740, "Total due:   1,250.00 USD")
    for k in range(4):  # a ruled table of 3 x 3 cells
        c.line(72, 600 - 20 * k, 372, 600 - 20 * k)
        c.line(72 + 100 * k, 600, 72 + 100 * k, 540)
    for r, row in enumerate([("Lot", "Product", "Qty"), ("L-17", "Oats", "40"), ("L-18", "Rye", "12")]):
        for k, text in enumerate(row):
            c.drawString(76 + 100 * k, 586 - 20 * r, text)
    if rotate:
        c.setPageRotation(rotate)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_rotated_pages_keep_pdfplumbers_coordinates(rotate: int) -> None:
    """A page stored with /Rotate: boxes on the page as displayed, as pdfplumber (pdfminer) gives them."""
    import pdfplumber

    data = _pdf(rotate)
    pages, _ = load_pdf(data, LoadOptions(ocr=False))
    got = sorted((w.text, tuple(round(v) for v in w.bbox)) for ln in pages[0].lines for w in ln.words)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        want = sorted((t, tuple(round(v) for v in b)) for t, b in _plumber_words(pdf.pages[0]))
    assert [t for t, _ in got] == [t for t, _ in want]
    assert all(max(abs(u - v) for u, v in zip(a, b)) <= 2 for (_, a), (_, b) in zip(got, want))


def test_a_ruled_table_is_read_cell_by_cell() -> None:
    pages, _ = load_pdf(_pdf(), LoadOptions(ocr=False))
    assert pages[0].tables[0].rows == [["Lot", "Product", "Qty"], ["L-17", "Oats", "40"], ["L-18", "Rye", "12"]]
    assert "Invoice number: INV-2026-0042" in pages[0].text


def test_each_page_is_parsed_once_and_pdfminer_never(monkeypatch: pytest.MonkeyPatch) -> None:
    """Detection, text, tables and OCR share one open pdfium document; pdfplumber never parses a page."""
    import pdfplumber
    import pypdfium2 as pdfium

    import ingest.loaders.pdf as pdf_loader

    opened: list[int] = []
    real = pdfium.PdfDocument

    def counting(*args, **kwargs):
        opened.append(1)
        return real(*args, **kwargs)

    def refuse(*args, **kwargs):
        raise AssertionError("pdfplumber parsed the PDF")

    reads: list[int] = []
    real_chars = pdf_loader.page_chars
    monkeypatch.setattr(pdfium, "PdfDocument", counting)
    monkeypatch.setattr(pdfplumber, "open", refuse)
    monkeypatch.setattr(pdf_loader, "page_chars", lambda page: reads.append(1) or real_chars(page))
    pages, _ = load_pdf(_pdf(), LoadOptions(ocr=False))
    assert len(pages) == 1 and len(opened) == 1 and len(reads) == 1
