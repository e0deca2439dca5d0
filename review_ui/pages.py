"""Render a stored original's page as an image with the evidence highlighted.

A reviewer decides faster when the value sits in front of them on the page
it came from: PDFs are rendered with pypdfium2, images opened with Pillow;
a field's `bbox` (PDF points, top-left origin, like pdfplumber) or, failing
that, its text snippet found on the page, gets a yellow box.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

Box = tuple[float, float, float, float]
TARGET_WIDTH = 1000  # px: readable without zooming, small enough to send quickly
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}


@dataclass
class PageView:
    image: Image.Image | None
    note: str
    highlighted: int = 0
    pages: int = 0
    boxes: list[Box] = field(default_factory=list)
    scale: float = 1.0  # image pixels per bbox unit (PDF point): a click on the image / scale = a page position


def _highlight(img: Image.Image, boxes: Sequence[Box]) -> Image.Image:
    base = img.convert("RGBA")
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for x0, top, x1, bottom in boxes:
        pad = 3
        draw.rectangle([x0 - pad, top - pad, x1 + pad, bottom + pad], fill=(255, 230, 0, 90),
                       outline=(220, 30, 30, 255), width=3)
    return Image.alpha_composite(base, overlay).convert("RGB")


def _search_pdf_text(page, snippet: str, scale: float, height: float) -> list[Box]:
    """Boxes (in pixels) of `snippet` on the page's text layer; failing that, of each of its parts.

    Evidence snippets often join two values ("Supplier: line"), which never
    appear together on the page; each part found is boxed instead.
    """
    snippet = " ".join(snippet.split())[:120]
    parts = [snippet] + [p.strip() for p in re.split(r"[:|;]", snippet) if len(p.strip()) >= 3]
    candidates = list(dict.fromkeys(p for p in parts if len(p) >= 3))
    if not candidates:
        return []
    textpage = page.get_textpage()
    try:
        whole = _find(textpage, candidates[0], scale, height)
        if whole:
            return whole
        return [box for part in candidates[1:] for box in _find(textpage, part, scale, height)]
    finally:
        textpage.close()


def _find(textpage, text: str, scale: float, height: float) -> list[Box]:
    hit = textpage.search(text, match_case=False).get_next()
    if not hit:
        return []
    index, count = hit
    boxes = []
    for i in range(textpage.count_rects(index, count)):
        left, bottom, right, top = textpage.get_rect(i)
        boxes.append((left * scale, (height - top) * scale, right * scale, (height - bottom) * scale))
    return boxes


def _crop(img: Image.Image, boxes: Sequence[Box], margin: int = 220) -> Image.Image:
    """The band of the page around the highlights (or its printed area): readable at panel size."""
    if not boxes:
        ink = ImageOps.invert(img.convert("L")).point(lambda v: 255 if v > 24 else 0).getbbox()
        if not ink:
            return img
        x0, y0, x1, y1 = ink
        return img.crop((max(0, x0 - 30), max(0, y0 - 30), min(img.width, x1 + 30), min(img.height, y1 + 30)))
    top = max(0, int(min(b[1] for b in boxes)) - margin)
    bottom = min(img.height, int(max(b[3] for b in boxes)) + margin)
    return img.crop((0, top, img.width, bottom))


def render_page(path: Path, page_no: int | None, bboxes: Sequence[Box] = (), snippet: str | None = None,
                crop: bool = False) -> PageView:
    """The page (1-based; None means the first) with `bboxes` or `snippet` highlighted.

    `crop` keeps only the band around the highlights (the triage panel's evidence view).
    """
    if not path.exists():
        return PageView(None, "The stored original is missing from the workspace.")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            n = len(pdf)
            idx = min(max((page_no or 1) - 1, 0), n - 1)
            page = pdf[idx]
            width, height = page.get_size()
            scale = TARGET_WIDTH / width if width else 1.5
            img = page.render(scale=scale).to_pil()
            boxes = [(x0 * scale, t * scale, x1 * scale, b * scale) for x0, t, x1, b in bboxes]
            if not boxes and snippet:
                boxes = _search_pdf_text(page, snippet, scale, height)
            page.close()
        finally:
            pdf.close()
        note = f"Page {idx + 1} of {n}" + ("" if boxes else " (no position recorded for this value)")
        shown = _highlight(img, boxes)
        if crop:
            shown, note = _crop(shown, boxes), note + " (cropped; full screen ⤢ to zoom)"
        return PageView(shown, note, len(boxes), n, boxes, scale)
    if suffix in IMAGE_SUFFIXES:
        img = Image.open(path)
        img.load()
        return PageView(_highlight(img, list(bboxes)), "Scanned image", len(bboxes), 1, list(bboxes))
    return PageView(None, f"{suffix or 'This'} files have no page image; the cell or text each value came from "
                          "is listed next to it.")
