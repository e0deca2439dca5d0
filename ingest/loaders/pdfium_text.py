"""A PDF page's characters and words through pdfium (pypdfium2), many times faster than pdfminer.

pdfminer (under pdfplumber) interprets every content stream in Python; pdfium does it in C, and
its text page gives each character with its box. The words built here are the ones pdfplumber's
`extract_words(x_tolerance=1.5)` gives (same clustering into lines, same split rules), in the same
coordinate system: PDF points from the top-left corner of the page as displayed (the media box
origin moved to 0, the page's /Rotate applied), so evidence boxes keep their meaning.

A glyph pdfium cannot map to Unicode comes back as "(cid:N)", as pdfminer writes it, so
`ingest.loaders.pdf.text_unusable` judges both readers' text alike.
"""
from __future__ import annotations

import ctypes
import functools
import itertools
import math
import operator
from dataclasses import dataclass

from ingest.models import Word

X_TOLERANCE = 1.5  # pdfplumber extract_words(x_tolerance=1.5): the gap that starts a new word
Y_TOLERANCE = 3.0  # pdfplumber's default: tops closer than this are one line


@dataclass(slots=True)
class Char:
    """One glyph: text and box (x0, top, x1, bottom) in points, top-left origin; size in points."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    upright: bool = True


class PageFrame:
    """Maps pdfium's page space (bottom-left origin, unrotated) onto pdfplumber's (top-left, as displayed)."""

    def __init__(self, page) -> None:
        # the page's effective box: pypdfium2's get_mediabox() misses a MediaBox inherited from the page tree
        left, bottom, right, top = page.get_bbox()
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        self.rotation = page.get_rotation() % 360
        self._turn = {90: (0, -1, 1, 0), 180: (-1, 0, 0, -1), 270: (0, 1, -1, 0)}.get(self.rotation)

    @property
    def size(self) -> tuple[float, float]:
        """Width and height of the page as displayed."""
        w, h = self.right - self.left, self.top - self.bottom
        return (h, w) if self.rotation in (90, 270) else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A page-space point as (x, top) on the displayed page."""
        w, h = self.right - self.left, self.top - self.bottom
        x, y = x - self.left, y - self.bottom
        if self.rotation == 0:  # pdfplumber keeps x as drawn and measures top from the top edge
            return x + self.left, h - y
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return w - x, y
        if self.rotation == 270:
            return h - y, w - x
        return x, h - y

    def upright(self, a: float, b: float, c: float, d: float) -> tuple[bool, bool]:
        """pdfminer's test on a glyph's matrix (not turned, not mirrored), as stored and as displayed
        (the page's /Rotate applied): text on a page stored sideways is not upright, as in pdfplumber."""
        stored = a * d > 0 and b * c <= 0
        if self._turn:
            ra, rb, rc, rd = self._turn
            a, b, c, d = a * ra + b * rc, a * rb + b * rd, c * ra + d * rc, c * rb + d * rd
        return stored, a * d > 0 and b * c <= 0

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        (ax, ay), (bx, by) = self.point(left, bottom), self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def unchecked(fn):
    """A pypdfium2 raw function called without ctypes' per-call argument conversion.

    The loaders call pdfium several times per glyph and per path point, and ctypes' conversion of
    each argument costs more than pdfium's own work (about 1 us a call against 0.35 us without).
    Only for functions whose arguments are pointers (ctypes objects, passed as they are) and `int`
    indices (passed as C int): a Python int for an unsigned long or a float would be passed wrongly."""
    out = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)  # same library, same calling convention
    out.restype = fn.restype
    return out


@functools.cache
def _text_calls() -> tuple:
    import pypdfium2.raw as raw

    return tuple(unchecked(getattr(raw, name)) for name in (
        "FPDFText_GetUnicode", "FPDFText_IsGenerated", "FPDFText_HasUnicodeMapError", "FPDFText_GetLooseCharBox",
        "FPDFText_GetMatrix", "FPDFText_GetFontSize"))


# the only characters pdfium generates (inferred spaces and line breaks; checked on 1,282 PDFs): other
# codes are never asked whether they were generated
_MAYBE_GENERATED = frozenset((0x20, 0x0A, 0x0D))


def page_chars(page) -> list[Char]:
    """Every non-generated character of the page with its loose box (advance width x font height)."""
    import pypdfium2.raw as raw

    frame = PageFrame(page)
    textpage = page.get_textpage()
    # the C calls bound once: this loop runs for every glyph of every page
    unicode, generated, map_error, loose_box, glyph_matrix, font_size = _text_calls()
    try:
        handle = ctypes.cast(textpage.raw, ctypes.c_void_p)
        rect, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
        rect_ref, matrix_ref = ctypes.byref(rect), ctypes.byref(matrix)
        plain, page_top = frame.rotation == 0, frame.top
        uprights: dict[tuple[float, float, float, float], tuple[bool, bool]] = {}  # frame.upright per matrix
        out: list[Char] = []
        gap = False
        for i in range(raw.FPDFText_CountChars(textpage.raw)):
            code = unicode(handle, i)
            if code in _MAYBE_GENERATED and generated(handle, i) == 1:
                # a space pdfium inferred from a gap (pdfminer keeps some as glyphs) is a word break, placed
                # in the gap once the next glyph is known; inferred line breaks: lines are found by position
                gap = code == 0x20 and bool(out)
                continue
            if code in (0x0A, 0x0D):
                continue
            if code == 0x02:  # pdfium's mark for a hyphen that ends a line
                code = 0x2D
            if code in (0, 0xFFFD, 0xFFFE) or code > 0x10FFFF or map_error(handle, i) == 1:
                text = f"(cid:{code})"
            else:
                text = chr(code)
            if not loose_box(handle, i, rect_ref):
                continue
            if glyph_matrix(handle, i, matrix_ref):
                key = (matrix.a, matrix.b, matrix.c, matrix.d)
            else:
                key = (1.0, 0.0, 0.0, 1.0)
            turned = uprights.get(key)
            if turned is None:
                turned = uprights[key] = frame.upright(*key)
            stored, upright = turned
            # the size as drawn (pdfplumber's "size"): the font size times the glyph matrix's vertical scale
            size = font_size(handle, i) * math.hypot(key[2], key[3])
            low, high = rect.bottom, rect.top
            if stored and size > 0:
                high = low + size  # pdfminer's glyph box is one font size tall from the descent up
            if plain:
                char = Char(text, rect.left, page_top - high, rect.right, page_top - low, size, upright)
            else:
                x0, top, x1, bottom = frame.box(rect.left, low, rect.right, high)
                char = Char(text, x0, top, x1, bottom, size, upright)
            if gap:
                _space_between(out, char)
            gap = False
            out.append(char)
        return out
    finally:
        textpage.close()


def _space_between(out: list[Char], nxt: Char) -> None:
    """A blank of no width in the gap between the last glyph and the next one on the same line, on
    whichever side the text runs (upside-down text runs right to left on the page)."""
    prev = out[-1]
    if not (prev.upright and nxt.upright) or abs(prev.top - nxt.top) > Y_TOLERANCE:
        return
    # only a narrow gap needs the blank: a wider one splits the words by position anyway, and a blank
    # placed in a wide gap could land inside a word drawn there later (another cell of the same row)
    if 0 <= nxt.x0 - prev.x1 <= X_TOLERANCE:
        x = (prev.x1 + nxt.x0) / 2
    elif 0 <= prev.x0 - nxt.x1 <= X_TOLERANCE:
        x = (nxt.x1 + prev.x0) / 2
    else:
        return
    out.append(Char(" ", x, prev.top, x, prev.bottom, prev.size, True))


def dedupe(chars: list[Char], tolerance: float = 1.0) -> list[Char]:
    """Drop glyphs drawn twice at (almost) the same place: fake bold ("RReeiinn"), as pdfplumber's
    `dedupe_chars(tolerance=1)` does (same text and size)."""
    kept: list[Char] = []
    seen: dict[tuple[str, float], list[Char]] = {}
    for c in chars:
        near = seen.setdefault((c.text, round(c.size, 1)), [])
        if any(abs(o.x0 - c.x0) <= tolerance and abs(o.top - c.top) <= tolerance for o in near):
            continue
        near.append(c)
        kept.append(c)
    return kept


def _cluster(chars: list[Char], key, tolerance: float) -> list[list[Char]]:
    """pdfplumber's `cluster_objects`: distinct key values sorted and chained while each is within
    `tolerance` of the previous; clusters in key order, chars in stream order inside each."""
    values = sorted({key(c) for c in chars})
    cluster: dict[float, int] = {}
    n, last = 0, None
    for v in values:
        if last is not None and v > last + tolerance:
            n += 1
        cluster[v] = n
        last = v
    rows: list[list[Char]] = [[] for _ in range(n + 1)] if values else []
    for c in chars:
        rows[cluster[key(c)]].append(c)
    return rows


def _split(line: list[Char], upright: bool) -> list[list[Char]]:
    """One line's chars cut into words: at blanks, and where the next char overlaps back or starts
    more than the tolerance after the previous one ends (pdfplumber's `char_begins_new_word`)."""
    if upright:
        return _split_upright(line)
    # rotated text reads top to bottom, lines by x0 (pdfplumber's defaults for non-upright chars)
    along, end, across, gap, drift = (lambda c: c.top), (lambda c: c.bottom), (lambda c: c.x0), Y_TOLERANCE, X_TOLERANCE
    found: list[list[Char]] = []
    current: list[Char] = []
    for c in sorted(line, key=lambda c: (along(c), across(c))):
        if c.text.isspace():
            current = _close(current, found, [])
        elif current and (along(c) < along(current[-1]) or along(c) > end(current[-1]) + gap
                          or abs(across(c) - across(current[-1])) > drift):
            current = _close(current, found, [c])
        else:
            current.append(c)
    _close(current, found, [])
    return found


_ALONG_UPRIGHT = operator.attrgetter("x0", "top")


def _split_upright(line: list[Char]) -> list[list[Char]]:
    """`_split` of left-to-right text (nearly every line), written out: it runs for every glyph."""
    found: list[list[Char]] = []
    current: list[Char] = []
    last: Char | None = None
    for c in sorted(line, key=_ALONG_UPRIGHT):
        if c.text.isspace():
            if current:
                found.append(current)
            current, last = [], None
        elif last is not None and (c.x0 < last.x0 or c.x0 > last.x1 + X_TOLERANCE
                                   or abs(c.top - last.top) > Y_TOLERANCE):
            found.append(current)
            current, last = [c], c
        else:
            current.append(c)
            last = c
    if current:
        found.append(current)
    return found


def _close(current: list[Char], found: list[list[Char]], start: list[Char]) -> list[Char]:
    if current:
        found.append(current)
    return start


def _word(group: list[Char]) -> Word:
    """A word's text and the box around its chars."""
    x0, top, x1, bottom = group[0].x0, group[0].top, group[0].x1, group[0].bottom
    for c in group:
        x0 = c.x0 if c.x0 < x0 else x0
        top = c.top if c.top < top else top
        x1 = c.x1 if c.x1 > x1 else x1
        bottom = c.bottom if c.bottom > bottom else bottom
    return Word(text="".join([c.text for c in group]), bbox=(x0, top, x1, bottom))


def words(chars: list[Char]) -> list[Word]:
    """Words as pdfplumber's `extract_words(x_tolerance=1.5, keep_blank_chars=False)` builds them:
    runs of upright and of rotated chars apart, each clustered into lines, lines cut into words."""
    out: list[Word] = []
    for upright, run in itertools.groupby(chars, key=_UPRIGHT):
        run = list(run)
        lines = _cluster(run, _TOP, Y_TOLERANCE) if upright else _cluster(run, _X0, X_TOLERANCE)
        for line in lines:
            out += [_word(group) for group in _split(line, upright)]
    return out


_UPRIGHT, _TOP, _X0 = operator.attrgetter("upright"), operator.attrgetter("top"), operator.attrgetter("x0")
