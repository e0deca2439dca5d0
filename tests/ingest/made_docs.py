"""Hand-made documents for the reading tests: a CSV of rows, a PDF of lines at the left margin, and the
declared reader run on a file (no OCR, no embedding model), so each test states only its arrangement."""
from __future__ import annotations

import csv
from pathlib import Path

from ingest.loaders import LoadOptions
from ingest.pipeline import load, sha256_file
from ingest.resolve import read_declared


def csv_file(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def lines_pdf(path: Path, rows: list[tuple[float, float, str]]) -> Path:
    """A PDF of (font size, gap before, text) lines, drawn at the left margin."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    y = 740.0
    for size, gap, text in rows:
        y -= gap
        c.setFont("Helvetica", size)
        c.drawString(50, y, text)
    c.showPage()
    c.save()
    return path


def loaded(path: Path, embedder: str | None = None):  # noqa: ANN201 - a LoadedDocument
    doc, _ = load(path.read_bytes(), path.name, sha256_file(path), LoadOptions(ocr=False, embeddings=embedder))
    return doc


def read_as(path: Path, kind: str | None = None, embedder: str | None = None):  # noqa: ANN201 - a ReadResult
    return read_declared(loaded(path, embedder), embedder, kind=kind)
