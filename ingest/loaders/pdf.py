"""PDF: the text layer through pdfplumber, OCR for pages without a usable one.

A page goes to OCR when it has (almost) no characters (a scan, or text drawn
as vector outlines) or when its text is garbled: mostly "(cid:NN)" glyphs, or
doubled glyphs ("RReeiinn") that survive pdfplumber's duplicate-char removal.
"""
from __future__ import annotations

import io
import re

from ingest.detect import PDF
from ingest.errors import CorruptFile, EncryptedFile, OverBudget, ZeroPages
from ingest.loaders import LoadOptions
from ingest.loaders.lines import group_lines
from ingest.loaders.ocr import ocr_image
from ingest.models import Page, Table, Word

MIN_CHARS = 25
_CID = re.compile(r"\(cid:\d+\)")

# what the PDF libraries raise on bad bytes (the loader guard turns them into "corrupt file: ...")
LIBRARIES = ("pdfminer", "pdfplumber", "pypdf", "pypdfium2", "PIL")


def library_errors() -> tuple[type[BaseException], ...]:
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException
    from pypdf.errors import PyPdfError
    from pypdfium2 import PdfiumError

    return (PdfminerException, PDFException, PSException, PyPdfError, PdfiumError)


def _doubled(words: list[str]) -> float:
    """Share of longer words whose every glyph is doubled ("RReeiinn")."""
    long = [w for w in words if len(w) >= 4 and len(w) % 2 == 0]
    if not long:
        return 0.0
    return sum(1 for w in long if w[0::2] == w[1::2]) / len(long)


def _undouble(word: str) -> str:
    """"RReeiinn" -> "Rein": glyphs drawn twice at the same place that survived de-duplication."""
    if len(word) >= 4 and len(word) % 2 == 0 and word[0::2] == word[1::2] and (
            any(ch.isalpha() for ch in word) or not word[0::2].isalnum()):
        return word[0::2]  # never a plain number: "1100" is a real value
    return word


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


def _open(data: bytes, max_pages: int) -> int:
    """Open with pypdf first: it tells encrypted, corrupt, empty and too long PDFs apart cheaply."""
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
        raise CorruptFile(f"PDF: {type(exc).__name__}: {exc}") from exc
    if n == 0:
        raise ZeroPages()
    if n > max_pages:
        raise OverBudget("page count", n, max_pages, "max_pages")
    return n


def _cell_text(chars: list[dict]) -> str:
    """Chars of one cell back into text: lines by position, a space where the gap is wide."""
    chars = sorted(chars, key=lambda c: (round(c["top"] / 3), c["x0"]))
    out: list[str] = []
    prev = None
    for c in chars:
        if prev is not None:
            same_line = round(c["top"] / 3) == round(prev["top"] / 3)
            gap = c["x0"] - prev["x1"]
            if not same_line or gap > 0.2 * max(c.get("size", 8), 1):
                out.append(" ")
        out.append(c["text"])
        prev = c
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _tables(page) -> list[Table]:
    """Ruled tables, rebuilt from characters by position: pdfplumber's words can run across a
    cell border ("P-4Pre-op") and its cropping cuts overflowing headers mid-word ("Rinse Cl p")."""
    if not (page.rects or page.lines):
        return []  # no ruling: table finding would only guess from text alignment (slow, noisy)
    out = []
    chars = [c for c in page.chars if c["text"].strip()]
    for found in page.find_tables():
        tx0, _, tx1, _ = found.bbox
        rows = []
        for row in found.rows:
            boxes = list(row.cells)
            cells: list[list[dict]] = [[] for _ in boxes]
            top, bottom = row.bbox[1], row.bbox[3]
            for c in chars:
                # by the char's left edge: text overflowing a cell's right border stays in its cell
                cx, cy = c["x0"] + 0.5, (c["top"] + c["bottom"]) / 2
                if not top <= cy <= bottom or cx < tx0 - 2 or cx > tx1 + 60:
                    continue
                best, best_d = None, None
                for k, bb in enumerate(boxes):
                    if bb is None:
                        continue
                    d = 0.0 if bb[0] <= cx <= bb[2] else min(abs(cx - bb[0]), abs(cx - bb[2]))
                    if best_d is None or d < best_d:
                        best, best_d = k, d
                if best is not None:
                    cells[best].append(c)
            texts = [_cell_text(cs) for cs in cells]
            if any(texts):
                rows.append(texts)
        if len(rows) >= 2:
            out.append(Table(rows=rows))
    return out


def _text_page(page, number: int) -> Page:
    raw = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5)
    if _doubled([w["text"] for w in raw]) > 0.1:
        # fake-bold text drawn twice ("RReeiinn"): drop the duplicate glyphs (only then: it is slow)
        page = page.dedupe_chars(tolerance=1)
        raw = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5)
    words = [Word(text=_undouble(w["text"]), bbox=(w["x0"], w["top"], w["x1"], w["bottom"])) for w in raw]
    lines = group_lines(words)
    return Page(number=number, text="\n".join(ln.text for ln in lines), lines=lines, tables=_tables(page))


def render_scale(width_pt: float, height_pt: float, dpi: int, max_pixels: int) -> float:
    """Pixels per point for rendering a page at `dpi`, lowered so the image stays within `max_pixels`
    (a hostile media box of 200 x 200 inches would otherwise need gigabytes)."""
    if not (width_pt > 0 and height_pt > 0):
        raise CorruptFile(f"PDF: a page has no area (media box {width_pt:g} x {height_pt:g} pt)")
    scale = dpi / 72
    if width_pt * height_pt * scale * scale > max_pixels:
        scale = (max_pixels / (width_pt * height_pt)) ** 0.5
    return scale


def _ocr_page(data: bytes, index: int, opts: LoadOptions, notes: list[str]) -> Page:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[index]
        width, height = page.get_size()
        scale = render_scale(width, height, opts.ocr_dpi, opts.limits.max_page_pixels)
        if scale < opts.ocr_dpi / 72:
            notes.append(f"page {index + 1}: {width / 72:.0f} x {height / 72:.0f} in, rendered at "
                         f"{scale * 72:.0f} dpi to stay within ingest.max_page_pixels")
        image = page.render(scale=scale).to_pil()
    finally:
        pdf.close()
    return ocr_image(image, index + 1, scale=1 / scale, timeout=opts.limits.timeout_s)


def load_pdf(data: bytes, opts: LoadOptions) -> tuple[list[Page], list[str]]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    n = _open(data, opts.max_pages)
    pages: list[Page] = []
    notes: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data), password="") as pdf:
            for i, raw in enumerate(pdf.pages[: opts.max_pages]):
                page = _text_page(raw, i + 1)
                why = text_unusable(page.text)
                if why and opts.ocr:
                    ocr = _ocr_page(data, i, opts, notes)
                    if len(ocr.text.strip()) > len(page.text.strip()) or why != "no text layer":
                        page = ocr
                    notes.append(f"page {i + 1}: {why}, read by OCR")
                raw.close()
                pages.append(page)
    except (PDFSyntaxError, PSException) as exc:
        raise CorruptFile(f"PDF: {type(exc).__name__}: {exc}") from exc
    return pages, notes
