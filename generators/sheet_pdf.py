"""Spreadsheet originals (XLSX, XLS, CSV) as evidence pages an inspector can check a cell on.

Records read from a spreadsheet cite a cell (`Log!C7`), not a page. LibreOffice's
spreadsheet export prints neither column letters nor row numbers and cuts wide
sheets into unlabelled strips (and needs Calc, which the writer-only install
lacks), so the appendix draws each sheet itself with reportlab: every row under
its row number, every column under its letter, wide sheets split into labelled
column groups, long text wrapped, values written exactly as ingest read them
(`auditpack.cells.cell_text`). The cells the package cites (`E-7, cell Log!C7`) are filled yellow and
boxed, so the certifier finds the cited value without counting rows.
"""
from __future__ import annotations

import csv
import io
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from auditpack.cells import cell_text, decode_text

SHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv"}
PAGE_MARGIN = 30
FONT_SIZE = 7
MAX_COLUMN_WIDTH = 190.0        # points; longer text wraps
PADDING = 4.0
ROWS_PER_TABLE = 400            # long logs are drawn as several tables; one huge table is slow to split
CITED_FILL = "#ffe066"           # a cited cell: yellow, as the review UI highlights it
_TTF: str | None = None
_CELL = re.compile(r"^(?:(?P<sheet>.*)!)?\$?(?P<col>[A-Za-z]{1,3})\$?(?P<row>\d+)$")


@dataclass
class Sheet:
    name: str
    rows: list[list[str]]


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet as rows of text, as stored (merged ranges are not filled in: the page shows the original)."""
    suffix = path.suffix.lower()
    data = path.read_bytes()
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=True)
        try:
            return [Sheet(ws.title, [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)])
                    for ws in wb.worksheets]
        finally:
            wb.close()
    if suffix == ".xls":
        import xlrd

        book = xlrd.open_workbook(file_contents=data)
        sheets = []
        for sh in book.sheets():
            rows = []
            for r in range(sh.nrows):
                rows.append([cell_text(xlrd.xldate_as_datetime(c.value, book.datemode))
                             if c.ctype == xlrd.XL_CELL_DATE else cell_text(c.value) for c in sh.row(r)])
            sheets.append(Sheet(sh.name, rows))
        return sheets
    text = decode_text(data)
    try:
        dialect = csv.Sniffer().sniff("\n".join(text.splitlines()[:50]), delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return [Sheet("csv", [[c.strip() for c in r] for r in csv.reader(io.StringIO(text), dialect)])]


def _font(sheets: list[Sheet]) -> str:
    """Helvetica when every character is in its encoding (three times faster to draw than an
    embedded TrueType font); otherwise DejaVu Sans Condensed, which comes with LibreOffice and
    covers accented and non-Latin supplier names."""
    global _TTF
    try:
        for sheet in sheets:
            for row in sheet.rows:
                for text in row:
                    text.encode("cp1252")
        return "Helvetica"
    except UnicodeEncodeError:
        pass
    if _TTF is None:
        _TTF = "Helvetica"
        ttf = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf")
        if ttf.is_file():
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            pdfmetrics.registerFont(TTFont("DejaVuSansCondensed", str(ttf)))
            _TTF = "DejaVuSansCondensed"
    return _TTF


def _trim(rows: list[list[str]]) -> tuple[list[tuple[int, list[str]]], int]:
    """Non-empty rows with their 1-based row numbers, and the width up to the last used column."""
    width = max((max((i + 1 for i, c in enumerate(r) if c), default=0) for r in rows), default=0)
    return [(n, (r + [""] * width)[:width]) for n, r in enumerate(rows, 1) if any(r)], width


def cited_cells(addresses: Iterable[str], sheets: list[Sheet]) -> dict[str, set[tuple[int, int]]]:
    """Sheet name -> {(row number, 0-based column)} of the cited addresses (`Log!C7`, `csv!E12`; an
    address without a sheet names the only sheet). Addresses that name no sheet of this file are ignored."""
    names = {s.name for s in sheets}
    out: dict[str, set[tuple[int, int]]] = {}
    for address in addresses:
        m = _CELL.match((address or "").strip())
        if not m:
            continue
        sheet = m["sheet"] if m["sheet"] is not None else (sheets[0].name if len(sheets) == 1 else None)
        if sheet not in names:
            continue
        col = 0
        for ch in m["col"].upper():
            col = col * 26 + ord(ch) - 64
        out.setdefault(sheet, set()).add((int(m["row"]), col - 1))
    return out


def _column_groups(widths: list[float], available: float) -> list[list[int]]:
    groups: list[list[int]] = [[]]
    used = 0.0
    for i, w in enumerate(widths):
        if groups[-1] and used + w > available:
            groups.append([])
            used = 0.0
        groups[-1].append(i)
        used += w
    return groups


def sheet_to_pdf(path: Path, title: str, out: Path, cited: Iterable[str] = ()) -> int:
    """Draw every sheet of `path` into `out`, the `cited` cell addresses highlighted; returns the number of
    rows drawn."""
    from openpyxl.utils import get_column_letter
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    sheets = read_sheets(path)
    marked = cited_cells(cited, sheets)
    font = _font(sheets + [Sheet("title", [[title]])])
    page_w, page_h = landscape(letter)
    available = page_w - 2 * PAGE_MARGIN
    heading = ParagraphStyle("h", fontName=font, fontSize=10, leading=13, spaceAfter=2)
    note = ParagraphStyle("n", fontName=font, fontSize=7, leading=9, textColor=colors.grey, spaceAfter=4)
    story: list = [Paragraph(_esc(title), heading),
                   Paragraph("Drawn by AuditPack from the original spreadsheet: values as stored (formulas show their "
                             "last computed result). Column letters and row numbers are the cell addresses that "
                             "records cite, e.g. Log!C7.", note)]
    drawn = 0
    for number, sheet in enumerate(sheets, 1):
        rows, width = _trim(sheet.rows)
        label = f"Sheet {number} of {len(sheets)}: {sheet.name}"
        if not rows:
            story.append(Paragraph(_esc(f"{label} (empty)"), heading))
            continue
        drawn += len(rows)
        measured = [[stringWidth(r[c], font, FONT_SIZE) for c in range(width)] for _, r in rows]
        text_w = [max(12.0, min(MAX_COLUMN_WIDTH, max(m[c] for m in measured))) for c in range(width)]
        number_w = stringWidth(str(rows[-1][0]), font, FONT_SIZE) + 2 * PADDING
        groups = _column_groups([w + 2 * PADDING for w in text_w], available - number_w)
        hits = marked.get(sheet.name, set())
        for g, cols in enumerate(groups):
            span = (f", columns {get_column_letter(cols[0] + 1)}-{get_column_letter(cols[-1] + 1)}"
                    if len(groups) > 1 else "")
            story.append(Paragraph(_esc(label + span), heading))
            widths = [number_w] + [text_w[c] + 2 * PADDING for c in cols]
            head = [""] + [get_column_letter(c + 1) for c in cols]
            body = [[str(n)] + [_fit(r[c], m[c], text_w[c]) for c in cols] for (n, r), m in zip(rows, measured)]
            for start in range(0, len(body), ROWS_PER_TABLE):
                table = Table([head] + body[start:start + ROWS_PER_TABLE], colWidths=widths, repeatRows=1)
                chunk = rows[start:start + ROWS_PER_TABLE]
                spots = [(1 + cols.index(c), 1 + i) for i, (n, _) in enumerate(chunk) for c in cols if (n, c) in hits]
                table.setStyle(TableStyle([
                    ("FONT", (0, 0), (-1, -1), font, FONT_SIZE),
                    ("LEADING", (0, 0), (-1, -1), FONT_SIZE + 1.5),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                    ("BACKGROUND", (0, 1), (0, -1), colors.HexColor("#e6e6e6")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("LEFTPADDING", (0, 0), (-1, -1), PADDING), ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
                ] + [cmd for spot in spots for cmd in (("BACKGROUND", spot, spot, colors.HexColor(CITED_FILL)),
                                                         ("BOX", spot, spot, 1.0, colors.black))]))
                story.append(table)
            story.append(Spacer(1, 8))

    def footer(canvas, doc) -> None:  # noqa: ANN001 - reportlab callback
        canvas.saveState()
        canvas.setFont(font, 7)
        canvas.setFillColor(colors.grey)
        canvas.drawString(PAGE_MARGIN, PAGE_MARGIN / 2, f"{title} - page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(out), pagesize=(page_w, page_h), leftMargin=PAGE_MARGIN, rightMargin=PAGE_MARGIN,
                            topMargin=PAGE_MARGIN, bottomMargin=PAGE_MARGIN, invariant=1, title=title,
                            author="AuditPack")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return drawn


def _fit(text: str, measured: float, width: float) -> str:
    """Wrap text wider than its column; the 0.9 keeps wrapped lines of wide letters inside the cell."""
    if measured <= width or not text:
        return text
    chars = max(1, int(0.9 * width * len(text) / measured))
    return "\n".join(textwrap.wrap(text, chars, break_long_words=True))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
