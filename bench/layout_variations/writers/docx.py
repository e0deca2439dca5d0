"""DOCX output (python-docx): headings, paragraphs and Word tables.

Why: plans, recipes and many in-house logs are Word files; their structure (a heading
or just a bold line, label runs in bold, label/value tables with or without borders)
is what a DOCX reader meets in the wild.
"""
from __future__ import annotations

import random
from pathlib import Path

from bench.layout_variations import blocks as B


def _table(document, rows: list[list[object]], ruled: bool, header: bool) -> None:  # noqa: ANN001
    width = max(len(r) for r in rows)
    t = document.add_table(rows=len(rows), cols=width)
    if ruled:
        t.style = "Table Grid"
    for i, row in enumerate(rows):
        for j in range(width):
            cell = t.cell(i, j)
            run = cell.paragraphs[0].add_run(B.text_of(row[j]) if j < len(row) else "")
            run.bold = header and i == 0


def _fields(document, b: B.Fields) -> None:  # noqa: ANN001
    if b.arrangement == "colon":
        for label, value in b.pairs:
            par = document.add_paragraph()
            par.add_run(label).bold = True
            par.add_run(f"{b.sep}{B.text_of(value)}")
    elif b.arrangement == "above":
        for label, value in b.pairs:
            document.add_paragraph().add_run(label).bold = True
            document.add_paragraph(B.text_of(value))
    elif b.arrangement == "stacked":
        for i in range(0, len(b.pairs), 4):
            band = b.pairs[i:i + 4]
            _table(document, [[lb for lb, _ in band], [v for _, v in band]], b.ruled, header=True)
    elif b.arrangement == "grid4":
        _table(document, [[c for pair in b.pairs[i:i + 2] for c in pair] for i in range(0, len(b.pairs), 2)],
               b.ruled, header=False)
    else:
        _table(document, [list(p) for p in b.pairs], b.ruled, header=False)


def write_docx(doc: B.Doc, path: Path, rng: random.Random) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    heading = rng.random() < 0.6
    for block in doc.blocks:
        if isinstance(block, B.Title):
            if heading:
                document.add_heading(block.text, level=1)
            else:
                run = document.add_paragraph().add_run(block.text)
                run.bold, run.font.size = True, Pt(16)
        elif isinstance(block, B.Text):
            for line in block.lines:
                par = document.add_paragraph(line)
                if block.align == "right":
                    par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif isinstance(block, B.Fields):
            _fields(document, block)
        elif isinstance(block, B.Table):
            if block.caption:
                document.add_paragraph().add_run(block.caption).bold = True
            rows = [[h] + [r[j] for r in block.rows] for j, h in enumerate(block.header)] if block.transpose \
                else [block.header] + block.rows
            _table(document, rows, block.ruled, header=not block.transpose)
        elif isinstance(block, B.Questions):
            if block.caption:
                document.add_paragraph().add_run(block.caption).bold = True
            if block.style == "table":
                _table(document, ([list(block.header)] if block.header else []) + [[q, a] for q, a in block.items],
                       True, header=bool(block.header))
            else:
                for q, a in block.items:
                    document.add_paragraph().add_run(q).bold = True
                    document.add_paragraph(a)
    document.core_properties.author = ""
    document.save(str(path))
