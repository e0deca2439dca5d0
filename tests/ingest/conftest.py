"""Fixtures for the ingest tests: small documents built in the test, never copied from elsewhere."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real-documents"


def make_pdf(lines: list[str], path: Path) -> Path:
    """A one-page text PDF (reportlab) with one line per entry."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    y = 740
    for line in lines:
        c.drawString(50, y, line)
        y -= 16
    c.showPage()
    c.save()
    return path


def pdf_bytes(lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    y = 740
    for line in lines:
        c.drawString(50, y, line)
        y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


INVOICE_LINES = [
    "Acme Organic Mills LLC            INVOICE",
    "Invoice No.: AOM-1001",
    "Invoice Date: 03/04/2026",
    "PO Number: PO-77",
    "Description        Lot          Qty     UOM    Unit Price    Amount",
    "Organic Oat Flour  L-2201       100     lb     1.20          120.00",
    "Total USD 120.00",
]


@pytest.fixture
def invoice_pdf(tmp_path: Path) -> Path:
    return make_pdf(INVOICE_LINES, tmp_path / "invoice.pdf")


@pytest.fixture(scope="session")
def real_docs() -> Path:
    if not REAL.exists():
        pytest.skip(f"real-world conformance documents not found at {REAL} (../shared is absent)")
    return REAL
