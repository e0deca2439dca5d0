"""python-docx helpers that write docxtpl templates: Jinja placeholders in
paragraphs, `{%tr for %}` table rows, fixed-width tables with repeated header
rows, landscape sections and "Page X of Y" footers.

Used only by `build_templates.py` (run it after editing a template spec); the
generated .docx files are committed so a profile folder is plain data.
"""
from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FONT = "Liberation Sans"
PORTRAIT_WIDTH_CM = 17.0   # Letter 21.59 cm minus 2 x 2.3 cm margins
LANDSCAPE_WIDTH_CM = 22.9  # 27.94 cm minus 2 x 2.5 cm margins


def new_document(landscape: bool = False) -> Document:
    doc = Document()
    styles = doc.styles
    styles["Normal"].font.name = FONT
    styles["Normal"].font.size = Pt(10)
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 12), ("Heading 3", 10.5)):
        st = styles[name]
        st.font.name = FONT
        st.font.size = Pt(size)
        st.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.59), Cm(27.94)
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = sec.page_height, sec.page_width
        sec.left_margin = sec.right_margin = Cm(2.5)
    else:
        sec.left_margin = sec.right_margin = Cm(2.3)
    sec.top_margin = sec.bottom_margin = Cm(2.0)
    _header_footer(doc)
    return doc


def _field(paragraph, instr: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _header_footer(doc: Document) -> None:
    sec = doc.sections[0]
    head = sec.header.paragraphs[0]
    head.text = "{{ doc.header }}"
    head.runs[0].font.size = Pt(8)
    foot = sec.footer.paragraphs[0]
    r = foot.add_run("{{ doc.footer }}    Page ")
    r.font.size = Pt(8)
    _field(foot, "PAGE")
    foot.add_run(" of ").font.size = Pt(8)
    _field(foot, "NUMPAGES")


def para(doc: Document, text: str, style: str | None = None, bold: bool = False, size: float | None = None):
    p = doc.add_paragraph(style=style)
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    return p


def tag(doc: Document, text: str) -> None:
    """A paragraph holding only a `{%p ... %}` tag (docxtpl removes the paragraph)."""
    doc.add_paragraph(text)


def _cell_text(cell, text: str, bold: bool = False, size: float = 8.5) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _fixed_layout(table, widths_cm: list[float]) -> None:
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm):
            cell.width = Cm(w)
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
        col.set(qn("w:w"), str(int(Cm(w).twips)))


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)
    cant = OxmlElement("w:cantSplit")
    tr_pr.append(cant)


def _shade(cell, fill: str = "DCE6F0") -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def loop_table(doc: Document, collection: str, columns: list[tuple[str, str, float]], var: str = "r",
               total_width: float = PORTRAIT_WIDTH_CM) -> None:
    """A table with a repeated header row and one `{%tr for %}` data row.

    `columns` is (header, jinja expression on `var`, relative width); widths
    are scaled to `total_width` so the table always fits the page.
    """
    scale = total_width / sum(c[2] for c in columns)
    widths = [c[2] * scale for c in columns]
    table = doc.add_table(rows=4, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, (head, _, _) in zip(table.rows[0].cells, columns):
        _cell_text(cell, head, bold=True)
        _shade(cell)
    _repeat_header(table.rows[0])
    _cell_text(table.rows[1].cells[0], f"{{%tr for {var} in {collection} %}}")
    for cell, (_, expr, _) in zip(table.rows[2].cells, columns):
        _cell_text(cell, f"{{{{ {var}.{expr} }}}}" if not expr.startswith("=") else "{{ " + expr[1:] + " }}")
    _cell_text(table.rows[3].cells[0], "{%tr endfor %}")
    _fixed_layout(table, widths)


def kv_table(doc: Document, rows: list[tuple[str, str]], total_width: float = PORTRAIT_WIDTH_CM) -> None:
    """Two-column label/value table for summaries."""
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for row, (label, expr) in zip(table.rows, rows):
        _cell_text(row.cells[0], label, bold=True, size=9)
        _shade(row.cells[0], "F2F2F2")
        _cell_text(row.cells[1], expr, size=9)
    _fixed_layout(table, [total_width * 0.38, total_width * 0.62])
