"""PDF: the text layer through pdfium (pypdfium2), OCR for pages without a usable one.

Each page is parsed once: pdfium's characters give the words, the lines and the cells of ruled
tables (pdfplumber only contributes its table geometry, `ingest/loaders/pdf_rules.py`), and a page
that needs OCR is rendered from the same open document.

A page goes to OCR when it has (almost) no characters (a scan, or text drawn
as vector outlines) or when its text is garbled: mostly "(cid:NN)" glyphs, or
doubled glyphs ("RReeiinn") that survive pdfplumber's duplicate-char removal.
"""
from __future__ import annotations

import io
import re
from bisect import bisect_left, bisect_right

from ingest.detect import PDF
from ingest.errors import CorruptFile, EncryptedFile, OverBudget, ZeroPages
from ingest.loaders import LoadOptions
from ingest.loaders.lines import group_lines
from ingest.loaders.ocr import ocr_image
from ingest.loaders.pdf_rules import find_tables
from ingest.loaders.pdfium_text import Char, dedupe, page_chars, words
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


def _cell_text(chars: list[Char]) -> str:
    """Chars of one cell back into text: lines by position, a space where the gap is wide."""
    chars = sorted(chars, key=lambda c: (round(c.top / 3), c.x0))
    out: list[str] = []
    prev = None
    for c in chars:
        if prev is not None:
            same_line = round(c.top / 3) == round(prev.top / 3)
            gap = c.x0 - prev.x1
            if not same_line or gap > 0.2 * max(c.size or 8, 1):
                out.append(" ")
        out.append(c.text)
        prev = c
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _tables(page, chars: list[Char]) -> list[Table]:
    """Ruled tables, rebuilt from characters by position: words can run across a cell border
    ("P-4Pre-op") and cropping a cell cuts overflowing headers mid-word ("Rinse Cl p")."""
    found_tables = find_tables(page)  # [] without ruling: guessing from text alignment is slow and noisy
    if not found_tables:
        return []
    out = []
    # chars in page order, each with its centre line: a row looks only at the chars between its top and
    # bottom (bisect), not at every char of the page
    placed = [((c.top + c.bottom) / 2, k, c) for k, c in enumerate(chars) if c.text.strip()]
    placed.sort(key=lambda t: t[0])
    centres = [t[0] for t in placed]
    for found in found_tables:
        tx0, _, tx1, _ = found.bbox
        rows = []
        for row_bbox, boxes in found.rows:
            cells: list[list[Char]] = [[] for _ in boxes]
            top, bottom = row_bbox[1], row_bbox[3]
            inside = placed[bisect_left(centres, top):bisect_right(centres, bottom)]
            for _, _, c in sorted(inside, key=lambda t: t[1]):  # page order, as before
                # by the char's left edge: text overflowing a cell's right border stays in its cell
                cx = c.x0 + 0.5
                if cx < tx0 - 2 or cx > tx1 + 60:
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
    """One page's text layer read once through pdfium: words, lines and ruled tables share its chars."""
    chars = page_chars(page)
    raw = words(chars)
    if _doubled([w.text for w in raw]) > 0.1:
        # fake-bold text drawn twice ("RReeiinn"): drop the duplicate glyphs (only then)
        chars = dedupe(chars)
        raw = words(chars)
    found = [w if _undouble(w.text) == w.text else Word(text=_undouble(w.text), bbox=w.bbox) for w in raw]
    lines = group_lines(found)
    return Page(number=number, text="\n".join(ln.text for ln in lines), lines=lines, tables=_tables(page, chars))


def render_scale(width_pt: float, height_pt: float, dpi: int, max_pixels: int) -> float:
    """Pixels per point for rendering a page at `dpi`, lowered so the image stays within `max_pixels`
    (a hostile media box of 200 x 200 inches would otherwise need gigabytes)."""
    if not (width_pt > 0 and height_pt > 0):
        raise CorruptFile(f"PDF: a page has no area (media box {width_pt:g} x {height_pt:g} pt)")
    scale = dpi / 72
    if width_pt * height_pt * scale * scale > max_pixels:
        scale = (max_pixels / (width_pt * height_pt)) ** 0.5
    return scale


def _ocr_page(page, index: int, opts: LoadOptions, notes: list[str]) -> Page:
    """Render the already open page and read it by OCR (the document is never opened twice)."""
    width, height = page.get_size()
    scale = render_scale(width, height, opts.ocr_dpi, opts.limits.max_page_pixels)
    if scale < opts.ocr_dpi / 72:
        notes.append(f"page {index + 1}: {width / 72:.0f} x {height / 72:.0f} in, rendered at "
                     f"{scale * 72:.0f} dpi to stay within ingest.max_page_pixels")
    image = page.render(scale=scale).to_pil()
    return ocr_image(image, index + 1, scale=1 / scale, timeout=opts.limits.timeout_s)


def load_pdf(data: bytes, opts: LoadOptions) -> tuple[list[Page], list[str]]:
    """Each page is loaded, read and closed in turn, so memory follows the largest page, not the document."""
    import pypdfium2 as pdfium

    n = _open(data, opts.max_pages)
    pages: list[Page] = []
    notes: list[str] = []
    pdf = pdfium.PdfDocument(data, password="")
    try:
        for i in range(min(n, len(pdf), opts.max_pages)):
            raw = pdf[i]
            try:
                page = _text_page(raw, i + 1)
                why = text_unusable(page.text)
                if why and opts.ocr:
                    ocr = _ocr_page(raw, i, opts, notes)
                    if len(ocr.text.strip()) > len(page.text.strip()) or why != "no text layer":
                        page = ocr
                    notes.append(f"page {i + 1}: {why}, read by OCR")
            finally:
                raw.close()
            pages.append(page)
    finally:
        pdf.close()
    return pages, notes
