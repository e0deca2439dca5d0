"""File writers, one per format; `write(doc, path, fmt, rng, style)` picks by format.

Why: kinds build format-free blocks; every format a supplier sends (PDF with a text
layer, DOCX, XLSX, CSV) is one module here, so adding a format changes nothing else.
"""
from __future__ import annotations

import random
from pathlib import Path

from bench.layout_variations.blocks import Doc
from bench.layout_variations.formats import Style

FORMATS = ("pdf", "docx", "xlsx", "csv")


def write(doc: Doc, path: Path, fmt: str, rng: random.Random, style: Style) -> None:
    if fmt == "pdf":
        from bench.layout_variations.writers.pdf import write_pdf

        write_pdf(doc, path, rng)
    elif fmt == "docx":
        from bench.layout_variations.writers.docx import write_docx

        write_docx(doc, path, rng)
    elif fmt == "xlsx":
        from bench.layout_variations.writers.sheets import write_xlsx

        write_xlsx(doc, path, rng, style.dates)
    elif fmt == "csv":
        from bench.layout_variations.writers.sheets import write_csv

        write_csv(doc, path, rng, decimal_comma=style.numbers in ("dot_comma", "space_comma"))
    else:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")


def glyphs_for(fmt: str) -> bool:
    """Whether check-box and tick glyphs can be printed in this format."""
    if fmt == "pdf":
        from bench.layout_variations.writers.pdf import GLYPHS

        return GLYPHS
    return True
