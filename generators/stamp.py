"""Evidence page stamps ("E-12 · p. 3/5"), the way paper evidence binders are Bates-numbered.

Sections cite evidence as `E-12, p. 3`. Bookmarks find that page on screen; on paper
only a mark on the page does, so every appendix page of an original carries its
E-number and page in the bottom-right corner.

pypdf's `merge_page` would re-parse and rewrite every page's content stream (about
5 ms a page, ten seconds for a year of evidence). The stamp needs no parsing: the
original content is wrapped in `q ... Q` (so whatever graphics state it leaves
behind cannot move or hide the stamp) and one small text stream is appended.
"""
from __future__ import annotations

from pypdf import PageObject, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, IndirectObject, NameObject
from reportlab.pdfbase.pdfmetrics import stringWidth

FONT = NameObject("/APStamp")
SIZE = 7.0


def _stream(writer: PdfWriter, data: bytes):  # noqa: ANN202 - an indirect reference
    s = DecodedStreamObject()
    s.set_data(data)
    return writer._add_object(s)  # noqa: SLF001 - pypdf's way to register a new indirect object


def _escape(text: str) -> bytes:
    raw = text.encode("latin-1", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _inherited(page: PageObject, key: str):  # noqa: ANN202
    """A page attribute, or the one its page tree passes down (PDF 7.7.3.4)."""
    node = page
    while node is not None:
        if key in node:
            return node[key].get_object()
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return None


def stamp_page(writer: PdfWriter, page: PageObject, text: str, font_ref) -> None:  # noqa: ANN001
    """Write `text` in the bottom-right corner of `page` (a page already added to `writer`)."""
    box = page.cropbox
    right, bottom = float(box.right) - 10, float(box.bottom) + 6
    width = stringWidth(text, "Helvetica-Bold", SIZE)
    inherited = _inherited(page, "/Resources")
    resources = DictionaryObject(inherited) if inherited is not None else DictionaryObject()
    fonts = resources.get("/Font")
    fonts = DictionaryObject(fonts.get_object()) if fonts is not None else DictionaryObject()
    fonts[FONT] = font_ref
    resources[NameObject("/Font")] = fonts
    page[NameObject("/Resources")] = resources
    contents = page.get("/Contents")
    if contents is None:
        existing = []
    elif isinstance(contents.get_object(), ArrayObject):
        existing = list(contents.get_object())
    else:  # content streams must be indirect objects to sit in an array
        existing = [contents if isinstance(contents, IndirectObject) else writer._add_object(contents)]  # noqa: SLF001
    # dark blue text and no background box: a stamp may overlap the original but never hides any of it
    mark = (b"Q q 0.1 0.2 0.6 rg BT %s %.1f Tf %.1f %.1f Td (%s) Tj ET Q\n"
            % (FONT.encode(), SIZE, right - width, bottom, _escape(text)))
    page[NameObject("/Contents")] = ArrayObject([_stream(writer, b"q\n"), *existing, _stream(writer, mark)])


def stamp_font(writer: PdfWriter):  # noqa: ANN201 - an indirect reference
    """One Helvetica-Bold font object shared by every stamp of the file."""
    return writer._add_object(DictionaryObject({  # noqa: SLF001
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica-Bold"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    }))
