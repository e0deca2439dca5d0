"""PDF output (reportlab platypus) with a real text layer.

Why: most supplier paperwork arrives as PDF. Flowables give the layouts real documents
have (ruled and unruled tables that break across pages, label-over-value form boxes,
right-aligned letterheads). DejaVu Sans is embedded when the system has it, so check
boxes (☒/☐), ticks and every accented letter survive in the text layer; without it
the bench prints [x]/[ ] instead (see `GLYPHS`).
"""
from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from bench.layout_variations import blocks as B

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


@lru_cache(maxsize=1)
def fonts() -> tuple[str, str]:
    """(regular, bold) font names: DejaVu Sans when installed, else Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = _DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdfmetrics.registerFont(TTFont("BenchSans", str(regular)))
        pdfmetrics.registerFont(TTFont("BenchSans-Bold", str(bold)))
        return "BenchSans", "BenchSans-Bold"
    return "Helvetica", "Helvetica-Bold"


GLYPHS = (_DEJAVU / "DejaVuSans.ttf").exists()


def _styles(size: float) -> dict[str, ParagraphStyle]:
    regular, bold = fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=size, leading=size * 1.25)
    return {"body": body, "bold": ParagraphStyle("bold", parent=body, fontName=bold),
            "small": ParagraphStyle("small", parent=body, fontSize=size - 1.5, leading=(size - 1.5) * 1.25),
            "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
            "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=size + 6, leading=(size + 6) * 1.3,
                                    spaceAfter=6)}


def _p(text: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(B.text_of(text) if not isinstance(text, str) else text), style)


def _least(rows: list[list[object]], size: float) -> list[float]:
    """Per column, the width of its longest word (a column narrower than that cuts words)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    bold = fonts()[1]
    n = max(len(r) for r in rows)
    return [max((stringWidth(w, bold, size) for r in rows if j < len(r) for w in B.text_of(r[j]).split()),
                default=10) + 14 for j in range(n)]


def _widths(rows: list[list[object]], total: float, size: float) -> list[float]:
    """Natural column widths when they fit; else every column at least as wide as its longest word,
    the rest of the width shared by how much text each column holds."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    bold = fonts()[1]
    n = max(len(r) for r in rows)
    least = _least(rows, size)
    pref = [max((stringWidth(B.text_of(r[j]), bold, size) for r in rows if j < len(r)), default=10) + 14
            for j in range(n)]
    if sum(pref) <= total:
        return pref
    if sum(least) >= total:
        return [total * x / sum(least) for x in least]
    spare = total - sum(least)
    extra = [p - m for p, m in zip(pref, least)]
    return [m + spare * e / sum(extra) for m, e in zip(least, extra)]


def _table_rows(block: B.Table) -> list[list[object]]:
    if block.transpose:
        return [[h] + [r[j] for r in block.rows] for j, h in enumerate(block.header)]
    return [block.header] + block.rows


def _grid(rows: list[list[object]], st: dict, total: float, ruled: bool, header: bool) -> Table:
    data = [[_p(c, st["bold"] if header and i == 0 else st["body"]) for c in row] for i, row in enumerate(rows)]
    t = Table(data, colWidths=_widths(rows, total, st["body"].fontSize), repeatRows=1 if header else 0, hAlign="LEFT")
    cmds = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if ruled:
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.grey))
    elif header:
        cmds.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black))
    if header and ruled:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eee8")))
    t.setStyle(TableStyle(cmds))
    return t


def _fields(b: B.Fields, st: dict, total: float) -> list:
    if not b.pairs:  # every field of the block was left out of this document: nothing to draw
        return []
    if b.arrangement == "colon":
        return [Paragraph(f"<font name='{fonts()[1]}'>{escape(label)}</font>{escape(b.sep)}{escape(B.text_of(v))}",
                          st["body"]) for label, v in b.pairs]
    if b.arrangement == "above":
        return [x for label, v in b.pairs for x in (_p(label, st["small"]), _p(v, st["body"]), Spacer(1, 3))]
    if b.arrangement == "stacked":
        out = []
        for i in range(0, len(b.pairs), 4):  # a band of up to four boxes per row
            band = b.pairs[i:i + 4]
            out.append(_grid([[lb for lb, _ in band], [v for _, v in band]], st, total, b.ruled, header=True))
        return out
    rows = [list(pair) for pair in b.pairs] if b.arrangement == "grid2" else \
        [[c for pair in b.pairs[i:i + 2] for c in pair] for i in range(0, len(b.pairs), 2)]
    return [_grid(rows, st, total * (0.7 if b.arrangement == "grid2" else 1), b.ruled, header=False)]


def write_pdf(doc: B.Doc, path: Path, rng: random.Random) -> None:
    size = (letter if doc.lang == "en" else A4)
    margin = rng.choice([15, 20, 25]) * mm
    font = rng.choice([8.5, 9, 10])

    def widest(points: float) -> float:
        return max((sum(_least(_table_rows(b), points)) for b in doc.blocks if isinstance(b, B.Table)), default=0)

    if doc.landscape or widest(font) > size[0] - 2 * margin:  # a wide log is printed landscape, as people do
        size = landscape(size)
    while font > 6.5 and widest(font) > size[0] - 2 * margin:
        font -= 0.5  # and in a smaller font, so no word is cut across lines
    st = _styles(font)
    total = size[0] - 2 * margin
    story: list = []
    for block in doc.blocks:
        if isinstance(block, B.Title):
            story.append(_p(block.text, st["title"]))
        elif isinstance(block, B.Text):
            style = st["right"] if block.align == "right" else st["small"] if block.small else st["body"]
            story += [_p(line, style) for line in block.lines]
        elif isinstance(block, B.Fields):
            story += _fields(block, st, total)
        elif isinstance(block, B.Table):
            if block.caption:
                story.append(_p(block.caption, st["bold"]))
            story.append(_grid(_table_rows(block), st, total, block.ruled, header=not block.transpose))
        elif isinstance(block, B.Questions):
            if block.caption:
                story.append(_p(block.caption, st["bold"]))
            if block.style == "table":
                rows = ([list(block.header)] if block.header else []) + [[q, a] for q, a in block.items]
                story.append(_grid(rows, st, total, True, header=bool(block.header)))
            else:
                for q, a in block.items:
                    story += [_p(q, st["bold"]), _p(a, st["body"]), Spacer(1, 4)]
        story.append(Spacer(1, rng.choice([4, 8, 12])))
    pdf = SimpleDocTemplate(str(path), pagesize=size, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin, title=doc.title, author="", creator="", invariant=1)
    pdf.build(story)
