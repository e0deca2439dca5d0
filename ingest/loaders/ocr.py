"""OCR a page image with Tesseract, keeping word boxes (for evidence highlighting).

Pages are deskewed first with a projection-profile search (the angle at which
row sums of ink are most peaked), which is cheap and needs no model.
"""
from __future__ import annotations

from ingest.loaders.lines import group_lines
from ingest.models import Line, Page, Word


def deskew_angle(image) -> float:
    """Best small rotation (degrees) in [-5, 5] that straightens text lines."""
    import numpy as np

    small = image.convert("L")
    small.thumbnail((900, 900))
    best, best_score = 0.0, -1.0
    for angle in [a / 2 for a in range(-10, 11)]:
        arr = np.asarray(small.rotate(angle, expand=False, fillcolor=255), dtype=np.uint8)
        ink = (arr < 128).sum(axis=1).astype(float)
        score = float(np.square(np.diff(ink)).sum())
        if score > best_score:
            best, best_score = angle, score
    return best


def _tesseract(image, scale: float) -> tuple[list[Word], float]:
    import pytesseract

    data = pytesseract.image_to_data(image, output_type=pytesseract.Output.DICT, config="--psm 3")
    words: list[Word] = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        words.append(Word(text=text, bbox=(x * scale, y * scale, (x + w) * scale, (y + h) * scale), conf=conf / 100))
    mean = sum(w.conf for w in words) / len(words) if words else 0.0
    return words, mean


def ocr_image(image, number: int, scale: float = 1.0) -> Page:
    """OCR one image. `scale` converts pixels to the page's units (PDF points).

    A page read with low confidence is read again binarised (light shading behind table rows
    and coloured backgrounds are the usual cause), and the better reading is kept."""
    from PIL import ImageOps

    image = ImageOps.exif_transpose(image).convert("L")
    angle = deskew_angle(image)
    if abs(angle) >= 0.5:
        image = image.rotate(angle, expand=True, fillcolor=255)
    words, conf = _tesseract(image, scale)
    if conf < 0.9:
        bw = image.point(lambda v: 255 if v > 170 else 0)
        words2, conf2 = _tesseract(bw, scale)
        if conf2 > conf and len(words2) >= 0.8 * len(words):
            words, conf = words2, conf2
    # Tesseract's own line grouping follows columns; re-group visually so "Label   value" rows stay together.
    lines: list[Line] = group_lines(words, tolerance=4 * scale)
    text = "\n".join(ln.text for ln in lines)
    return Page(number=number, text=text, lines=lines, method="ocr", confidence=round(conf, 3))
