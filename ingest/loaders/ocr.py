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


def ocr_image(image, number: int, scale: float = 1.0) -> Page:
    """OCR one image. `scale` converts pixels to the page's units (PDF points)."""
    import pytesseract
    from PIL import ImageOps

    image = ImageOps.exif_transpose(image).convert("RGB")
    angle = deskew_angle(image)
    if abs(angle) >= 0.5:
        image = image.rotate(angle, expand=True, fillcolor=(255, 255, 255))
    data = pytesseract.image_to_data(image, output_type=pytesseract.Output.DICT, config="--psm 3")
    words: list[Word] = []
    confs: list[float] = []
    keys: list[tuple[int, int, int]] = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        words.append(Word(text=text, bbox=(x * scale, y * scale, (x + w) * scale, (y + h) * scale), conf=conf / 100))
        confs.append(conf / 100)
        keys.append((data["block_num"][i], data["par_num"][i], data["line_num"][i]))
    # Tesseract's own line grouping follows columns; re-group visually so "Label   value" rows stay together.
    lines: list[Line] = group_lines(words, tolerance=4 * scale)
    text = "\n".join(ln.text for ln in lines)
    conf = sum(confs) / len(confs) if confs else 0.0
    return Page(number=number, text=text, lines=lines, method="ocr", confidence=round(conf, 3))
