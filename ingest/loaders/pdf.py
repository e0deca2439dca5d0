"""PDF: the text layer through pdfplumber, OCR for pages without a usable one.

A page goes to OCR when it has (almost) no characters (a scan, or text drawn
as vector outlines) or when its text is garbled: mostly "(cid:NN)" glyphs, or
doubled glyphs ("RReeiinn") that survive pdfplumber's duplicate-char removal.
"""
from __future__ import annotations

import io
import re

from ingest.detect import PDF
from ingest.errors import CorruptFile, EncryptedFile, ZeroPages
from ingest.loaders import LoadOptions, register
from ingest.loaders.lines import group_lines
from ingest.loaders.ocr import ocr_image
from ingest.models import Page, Table, Word

MIN_CHARS = 25
_CID = re.compile(r"\(cid:\d+\)")


def _doubled(words: list[str]) -> float:
    """Share of longer words whose every glyph is doubled ("RReeiinn")."""
    long = [w for w in words if len(w) >= 4 and len(w) % 2 == 0]
    if not long:
        return 0.0
    return sum(1 for w in long if w[0::2] == w[1::2]) / len(long)


def text_unusable(text: str) -> str | None:
    """Why a text layer cannot be trusted, or None when it is fine."""
    stripped = re.sub(r"\s", "", text)
    if len(stripped) < MIN_CHARS:
        return "no text layer"
    if len("".join(_CID.findall(text))) > 0.3 * len(stripped):
        return "unmapped glyphs"
    if _doubled(text.split()) > 0.3:
        return "doubled glyphs"
    printable = sum(ch.isalnum() for ch in stripped)
    if printable < 0.4 * len(stripped):
        return "garbled text"
    return None


def _open(data: bytes):
    """Open with pypdf first: it tells encrypted, corrupt and empty PDFs apart cheaply."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:  # unsupported crypto: still a password problem for the user
                raise EncryptedFile() from exc
            if not ok:
                raise EncryptedFile()
        n = len(reader.pages)
    except EncryptedFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise CorruptFile(f"corrupt PDF ({exc})") from exc
    if n == 0:
        raise ZeroPages()
    return n


def _tables(page, words: list[Word]) -> list[Table]:
    """Ruled tables. Cell text is rebuilt from whole words by their centre, because a header that
    overflows its cell is cut mid-word by character cropping ("Rinse Cl p" | "pmRinse O")."""
    if not (page.rects or page.lines):
        return []  # no ruling: table finding would only guess from text alignment (slow, noisy)
    out = []
    for found in page.find_tables():
        tx0, _, tx1, _ = found.bbox
        rows = []
        for row in found.rows:
            boxes = list(row.cells)
            cells: list[list[Word]] = [[] for _ in boxes]
            top, bottom = row.bbox[1], row.bbox[3]
            for w in words:
                cy = (w.bbox[1] + w.bbox[3]) / 2
                if not top <= cy <= bottom or w.bbox[2] < tx0 - 2 or w.bbox[0] > tx1 + 40:
                    continue
                # the cell the word overlaps most (text may overflow a narrow cell), else the nearest one
                best, best_key = None, None
                for k, bb in enumerate(boxes):
                    if bb is None:
                        continue
                    overlap = min(w.bbox[2], bb[2]) - max(w.bbox[0], bb[0])
                    key = overlap if overlap > 0 else -min(abs(w.bbox[0] - bb[2]), abs(bb[0] - w.bbox[2]))
                    if best_key is None or key > best_key:
                        best, best_key = k, key
                if best is not None:
                    cells[best].append(w)
            texts = []
            for ws in cells:
                ws.sort(key=lambda w: (round(w.bbox[1] / 3), w.bbox[0]))
                texts.append(" ".join(w.text for w in ws))
            if any(texts):
                rows.append(texts)
        if len(rows) >= 2:
            out.append(Table(rows=rows))
    return out


def _text_page(page, number: int) -> Page:
    page = page.dedupe_chars(tolerance=1)
    raw = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5)
    words = [Word(text=w["text"], bbox=(w["x0"], w["top"], w["x1"], w["bottom"])) for w in raw]
    lines = group_lines(words)
    return Page(number=number, text="\n".join(ln.text for ln in lines), lines=lines, tables=_tables(page, words))


def _ocr_page(data: bytes, index: int, dpi: int) -> Page:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        image = pdf[index].render(scale=dpi / 72).to_pil()
    finally:
        pdf.close()
    return ocr_image(image, index + 1, scale=72 / dpi)


@register(PDF)
def load_pdf(data: bytes, opts: LoadOptions) -> tuple[list[Page], list[str]]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    n = _open(data)
    pages: list[Page] = []
    notes: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data), password="") as pdf:
            for i, raw in enumerate(pdf.pages[: opts.max_pages]):
                page = _text_page(raw, i + 1)
                why = text_unusable(page.text)
                if why and opts.ocr:
                    ocr = _ocr_page(data, i, opts.ocr_dpi)
                    if len(ocr.text.strip()) > len(page.text.strip()) or why != "no text layer":
                        page = ocr
                    notes.append(f"page {i + 1}: {why}, read by OCR")
                raw.close()
                pages.append(page)
    except (PDFSyntaxError, PSException) as exc:
        raise CorruptFile(f"corrupt PDF ({exc})") from exc
    if n > opts.max_pages:
        notes.append(f"only the first {opts.max_pages} of {n} pages were read")
    return pages, notes
