"""Drawing helpers shared by the PDF writers: canvas, logos, tables, signatures.

`invariant=1` makes reportlab write a fixed creation date and document ID, so
the same seed gives byte-identical PDFs.
"""
from __future__ import annotations

import zlib
from datetime import date
from pathlib import Path
from typing import Sequence

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

FOOTNOTE = "Fictional sample document (AuditPack sample generator)"
CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=9.5)
CELL_BOLD = ParagraphStyle("cellb", parent=CELL, fontName="Helvetica-Bold")


def canvas(path: Path | str, title: str, pagesize=letter) -> Canvas:
    c = Canvas(str(path) if isinstance(path, (str, Path)) else path, pagesize=pagesize, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("")
    c.setCreator("")
    c.setProducer("")
    return c


def palette(key: str) -> colors.Color:
    """A stable brand colour per company, from its name."""
    choices = ["#1f5f3b", "#7a3b12", "#1d4e89", "#6b2d5c", "#2f6f6f", "#8a6d1d", "#5b3a29", "#224b2c"]
    return colors.HexColor(choices[zlib.crc32(key.encode()) % len(choices)])


def logo(c: Canvas, x: float, y: float, name: str, size: float = 36) -> None:
    """A simple mark: a shape chosen from the name with the initials inside."""
    col = palette(name)
    shape = zlib.crc32(name.encode()) % 3
    c.saveState()
    c.setFillColor(col)
    c.setStrokeColor(col)
    if shape == 0:
        c.circle(x + size / 2, y + size / 2, size / 2, fill=1, stroke=0)
    elif shape == 1:
        c.roundRect(x, y, size, size, size / 5, fill=1, stroke=0)
    else:
        p = c.beginPath()
        p.moveTo(x + size / 2, y + size)
        p.lineTo(x + size, y + size * 0.25)
        p.lineTo(x, y + size * 0.25)
        p.close()
        c.drawPath(p, fill=1, stroke=0)
    c.setFillColor(colors.white)
    c.setFont("Helvetica-Bold", size * 0.32)
    initials = "".join(w[0] for w in name.replace(",", "").split()[:2]).upper()
    c.drawCentredString(x + size / 2, y + size * (0.3 if shape == 2 else 0.38), initials)
    c.restoreState()


def qr(c: Canvas, x: float, y: float, data: str, size: float = 60) -> None:
    """A QR-code-like square (finder patterns plus modules seeded from `data`).

    Real QR encoding in pure Python cost ~0.2 s per code, too slow for the
    `year` preset; parsers read the printed URL, never the code.
    """
    n = 25
    m = size / n
    bits = zlib.crc32(data.encode())
    c.saveState()
    c.setFillColor(colors.black)
    p = c.beginPath()
    for row in range(n):
        for col in range(n):
            finder = min(row, col) < 7 and max(row, col) < 7 or (row < 7 and col >= n - 7) or (col < 7 and row >= n - 7)
            if finder:
                r, q = (row, col if col < 7 else col - (n - 7)) if row < 7 else (row - (n - 7), col)
                on = r in (0, 6) or q in (0, 6) or (2 <= r <= 4 and 2 <= q <= 4)
            else:
                bits = (bits * 1103515245 + 12345) & 0x7FFFFFFF
                on = (bits >> 16) & 1 == 1
            if on:
                p.rect(x + col * m, y + size - (row + 1) * m, m, m)
    c.drawPath(p, fill=1, stroke=0)
    c.restoreState()


def footer(c: Canvas, width: float, page: int | None = None, pages: int | None = None) -> None:
    c.saveState()
    c.setFont("Helvetica", 6.5)
    c.setFillColor(colors.HexColor("#9a9a9a"))
    c.drawString(36, 18, FOOTNOTE)
    if page and pages:
        c.drawRightString(width - 36, 18, f"Page {page} of {pages}")
    c.restoreState()


def signature(c: Canvas, x: float, y: float, label: str, name: str | None = None, width: float = 170) -> None:
    """A signature line with a hand-written-looking name above it (if signed)."""
    c.saveState()
    c.setLineWidth(0.6)
    c.line(x, y, x + width, y)
    c.setFont("Helvetica", 7.5)
    c.drawString(x, y - 10, label)
    if name:
        c.setFont("Times-Italic", 15)
        c.setFillColor(colors.HexColor("#1b2a6b"))
        c.drawString(x + 8, y + 4, name)
    c.restoreState()


def draw_table(c: Canvas, x: float, top: float, data: Sequence[Sequence[object]], widths: Sequence[float],
               style: Sequence[tuple] = (), header_bg: str = "#e8e8e8", font_size: float = 8,
               grid: bool = True) -> float:
    """Draw a table whose top-left corner is at (x, top); returns its bottom y."""
    def wraps(v: object, r: int, col: int) -> bool:
        # long text, or short text wider than its column (less the 6 pt padding each side), wraps
        return isinstance(v, str) and (r == 0 or len(v) > 22 or stringWidth(v, "Helvetica", font_size) > widths[col] - 12)

    cells = [[Paragraph(str(v), CELL_BOLD if r == 0 else CELL) if wraps(v, r, i) else v for i, v in enumerate(row)]
             for r, row in enumerate(data)]
    t = Table(cells, colWidths=list(widths))
    base = [("FONT", (0, 0), (-1, -1), "Helvetica", font_size), ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", font_size),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(header_bg)), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    if grid:
        base.append(("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#777777")))
    else:
        base.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black))
    t.setStyle(TableStyle(base + list(style)))
    _, h = t.wrapOn(c, sum(widths), 1000)
    t.drawOn(c, x, top - h)
    return top - h


def us_date(d: date | str | None, style: int = 0) -> str:
    """Dates the way US paperwork writes them: 6/4/2024, 06/04/2024 or Jun 4, 2024."""
    if d is None:
        return ""
    if isinstance(d, str):
        d = date.fromisoformat(d[:10])
    if style == 1:
        return f"{d:%m/%d/%Y}"
    if style == 2:
        return f"{d:%b} {d.day}, {d.year}"
    return f"{d.month}/{d.day}/{d.year}"


def num(v: float | None, places: int = 2) -> str:
    """Quantities print without decimals when whole, like most invoices do."""
    if v is None:
        return ""
    if places == 0 or float(v).is_integer():
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"
    return f"{v:,.{places}f}"
