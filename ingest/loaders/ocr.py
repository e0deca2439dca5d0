"""OCR a page image with Tesseract, keeping word boxes (for evidence highlighting).

Pages are deskewed first with a projection-profile search (the angle at which
row sums of ink are most peaked), which is cheap and needs no model. A page that
still reads badly is checked for orientation with Tesseract's OSD (a scan fed in
sideways or upside down); word boxes are mapped back onto the page as stored, so
evidence highlighting lands on the word the user sees.
"""
from __future__ import annotations

from ingest.errors import OverBudget
from ingest.loaders.lines import group_lines
from ingest.models import Line, Page, Word

OSD_BELOW = 0.75          # a page read with lower mean confidence, or with vertical words, gets an
                          # orientation check (Tesseract OSD, about 1 s a page)
OSD_MIN_CONFIDENCE = 2.0  # Tesseract's orientation confidence; upright text scores 10-15
REREAD_BELOW = 0.9        # a shaded page whose binarised reading is less confident is also read as it is
BINARISE_AT = 170         # grey levels above this turn white in the binarised re-read
SHADED_GROUND = 0.25      # share of the page between ink and white (grey paper: 0.90; white scans: under 0.06)
SHADED_MAX_INK = 0.15     # share of ink above which the page is a photo (sample scans: 0.04; photos: 0.29, 0.66)


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


def _uncompressed(image):
    """The image handed to Tesseract as an uncompressed PNM file: pytesseract writes a temporary PNG by
    default, and compressing a 200 dpi page costs 0.3-1 s a run, for the same words (Tesseract
    reads both through leptonica)."""
    if image.mode in ("L", "RGB", "1"):
        image.format = "PPM"  # Pillow writes PGM/PPM/PBM by mode
    return image


def _tesseract(image, timeout: float = 0) -> tuple[list[Word], float]:
    """Words with pixel boxes, and their mean confidence (0-1). Tesseract runs as its own process: it
    is given the document's time budget, so a stopped worker leaves no Tesseract running long after."""
    import pytesseract

    try:
        data = pytesseract.image_to_data(_uncompressed(image), output_type=pytesseract.Output.DICT,
                                         config="--psm 3", timeout=timeout)
    except RuntimeError as exc:
        if "timeout" not in str(exc).lower():
            raise
        raise OverBudget("time to read a page by OCR", None, f"{timeout:g} s", "timeout_s") from exc
    words: list[Word] = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        words.append(Word(text=text, bbox=(x, y, x + w, y + h), conf=conf / 100))
    mean = sum(w.conf for w in words) / len(words) if words else 0.0
    return words, mean


def _mostly_vertical(words: list[Word]) -> bool:
    """Tesseract reads a sideways page confidently but hands back vertical word boxes, which
    line grouping would scramble; most words of 3+ letters standing taller than wide says so."""
    long = [w for w in words if len(w.text) >= 3]
    tall = sum(1 for w in long if (w.bbox[3] - w.bbox[1]) > (w.bbox[2] - w.bbox[0]))
    return bool(long) and tall > len(long) / 2


def orientation(image) -> int:
    """Degrees (90, 180, 270) to turn the page clockwise so its text is upright; 0 when upright
    or when Tesseract's OSD is unsure or unavailable."""
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(_uncompressed(image), config="--psm 0", output_type=pytesseract.Output.DICT, timeout=60)
    except (pytesseract.TesseractError, RuntimeError):  # too little text to judge, no osd.traineddata, timeout
        return 0
    rotate = int(osd.get("rotate", 0)) % 360
    return rotate if rotate in (90, 180, 270) and float(osd.get("orientation_conf", 0)) >= OSD_MIN_CONFIDENCE else 0


def unrotate_box(box: tuple[float, float, float, float], rotate: int, width: int,
                 height: int) -> tuple[float, float, float, float]:
    """A box found on the page turned `rotate` degrees clockwise, back on the page as stored
    (`width` x `height`)."""
    x0, y0, x1, y1 = box
    if rotate == 90:
        pts = [(y, height - x) for x, y in ((x0, y0), (x1, y1))]
    elif rotate == 180:
        pts = [(width - x, height - y) for x, y in ((x0, y0), (x1, y1))]
    elif rotate == 270:
        pts = [(width - y, x) for x, y in ((x0, y0), (x1, y1))]
    else:
        return box
    (ax, ay), (bx, by) = pts
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def shaded(image) -> bool:
    """Text on a light grey or coloured ground: most of the page between ink and white (grey paper,
    shading), little of it dark. Only then can the binarised re-read help (it turns that ground white);
    on a white page it reads the same words again, and on a photo (dark, mottled) it loses most of them.
    Measured on every OCR page of the sample and of ../shared/real-documents (docs/ingest.md)."""
    import numpy as np

    arr = np.asarray(image.convert("L"), dtype=np.uint8)
    ground = float(((arr > BINARISE_AT) & (arr <= 245)).mean())
    ink = float((arr <= BINARISE_AT).mean())
    return ground >= SHADED_GROUND and ink <= SHADED_MAX_INK


def _read(image, timeout: float = 0) -> tuple[list[Word], float]:
    """Deskew and read with one Tesseract run. A shaded page (grey paper, a coloured ground) is read
    binarised first, since that is the reading that wins there; only when it reads below `REREAD_BELOW` is
    the page also read as it is, and the better reading kept (the binarised one when more confident and not
    missing a fifth of the words). A white page or a photo is read once: binarising
    it never helped (docs/ingest.md)."""
    angle = deskew_angle(image)
    if abs(angle) >= 0.5:
        image = image.rotate(angle, expand=True, fillcolor=255)
    if not shaded(image):
        return _tesseract(image, timeout)
    bw_words, bw_conf = _tesseract(image.point(lambda v: 255 if v > BINARISE_AT else 0), timeout)
    if bw_conf >= REREAD_BELOW:
        return bw_words, bw_conf
    words, conf = _tesseract(image, timeout)
    if bw_conf > conf and len(bw_words) >= 0.8 * len(words):
        return bw_words, bw_conf
    return words, conf


def ocr_image(image, number: int, scale: float = 1.0, timeout: float = 0) -> Page:
    """OCR one image. `scale` converts pixels to the page's units (PDF points); `timeout` (seconds, 0: none)
    bounds each Tesseract run."""
    from PIL import ImageOps

    image = ImageOps.exif_transpose(image).convert("L")
    words, conf = _read(image, timeout)
    rotate = 0
    sideways = _mostly_vertical(words)
    if (conf < OSD_BELOW or sideways) and (rotate := orientation(image)):
        turned, turned_conf = _read(image.rotate(-rotate, expand=True, fillcolor=255), timeout)
        # upside down reads badly, so the upright reading must be better; sideways reads well
        # word by word but in vertical boxes, so upright words at about the same confidence win
        if turned_conf > conf or (sideways and not _mostly_vertical(turned) and turned_conf >= 0.9 * conf):
            words, conf = turned, turned_conf
        else:
            rotate = 0
    # Tesseract's own line grouping follows columns; re-group visually so "Label   value" rows stay together.
    # Lines are grouped upright (in pixels), then boxes go back onto the page as stored and into its units.
    width, height = image.size

    def placed(w: Word) -> Word:
        x0, y0, x1, y1 = unrotate_box(w.bbox, rotate, width, height)
        return w.model_copy(update={"bbox": (x0 * scale, y0 * scale, x1 * scale, y1 * scale)})

    lines: list[Line] = [Line(text=ln.text, words=[placed(w) for w in ln.words]) for ln in group_lines(words, 4.0)]
    text = "\n".join(ln.text for ln in lines)
    return Page(number=number, text=text, lines=lines, method="ocr", confidence=round(conf, 3))
