"""Hand-made documents for the reading tests: positioned text (a page of word boxes), a CSV of rows, a DOCX of
paragraphs over tables, a PDF of lines at the left margin, and the declared reader run on a file (no OCR, no embedding model), so each test
states only its arrangement."""
from __future__ import annotations

import csv
from pathlib import Path

from ingest.loaders import LoadOptions
from ingest.models import Line, Page, Word
from ingest.pipeline import load, sha256_file
from ingest.resolve import read_declared

CHAR, HEIGHT, STEP = 5.0, 10.0, 14.0  # a character's width, a line's height and the distance between lines (pt)


def boxed_line(y: float, items: list[tuple[float, str]], height: float = HEIGHT) -> Line:
    """A visual line with word boxes: each (x, text) item starts at x, words 5 pt a character."""
    words: list[Word] = []
    for x, text in items:
        for w in text.split():
            words.append(Word(text=w, bbox=(x, y, x + CHAR * len(w), y + height)))
            x += CHAR * (len(w) + 1)
    return Line(text="   ".join(t for _, t in items), words=words)


def boxed_page(rows: list[list[str] | None], xs: list[float], number: int = 1, top: float = 40.0) -> Page:
    """A page of positioned text from a grid of strings: column k starts at xs[k]; None is a blank line."""
    lines, y = [], top
    for row in rows:
        if row is not None:
            items = [(x, t) for x, t in zip(xs, row, strict=False) if t]
            if items:
                lines.append(boxed_line(y, items))
        y += STEP
    return Page(number=number, text="\n".join(ln.text for ln in lines), lines=lines)


def csv_file(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def docx_file(path: Path, paragraphs: list[str], tables: list[list[list[str]]]) -> Path:
    """Paragraphs, then each table (rows of cell texts) below them."""
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    for rows in tables:
        t = d.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                t.cell(r, c).text = text
    d.save(path)
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
