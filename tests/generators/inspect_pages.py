"""Reading a generated package the way a person does: DOCX text, and pages rendered to images."""
from __future__ import annotations

import subprocess
from pathlib import Path

from docx import Document


def docx_text(path) -> str:
    """Paragraphs, then every table row as `a | b | c` (how a reader scans a table)."""
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def pages_with_ink_in_the_margin(pdf: Path, work: Path, band_share: float = 0.02) -> list[str]:
    """Render every page (pdftoppm, 40 dpi, grey) and name those with ink in the outer band: a table or a
    line that runs off the page. Returns `page.png: box` for each offending band; empty when all fit."""
    prefix = work / pdf.stem
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", str(pdf), str(prefix)], check=True)
    from PIL import Image

    bad = []
    for png in sorted(work.glob(f"{pdf.stem}-*.png")):
        img = Image.open(png).convert("L")
        w, h = img.size
        band = max(2, int(w * band_share))
        for box in ((0, 0, band, h), (w - band, 0, w, h), (0, 0, w, band), (0, h - band, w, h)):
            if img.crop(box).getextrema()[0] <= 200:
                bad.append(f"{png.name}: {box}")
    return bad


def rendered_pages(pdf: Path, work: Path) -> int:
    return len(list(work.glob(f"{pdf.stem}-*.png")))
