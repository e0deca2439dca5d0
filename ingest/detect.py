"""Detect a file's type from its content (magic bytes), never from its name.

The extension is only compared afterwards: when it names a different known
type, the file is still read by its content and a note says so; when the
content is not a document at all, the file is rejected as a wrong extension.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass

from ingest.errors import EmptyFile, UnsupportedType, WrongExtension

PDF, DOCX, XLSX, XLS, CSV, TEXT = "application/pdf", "docx", "xlsx", "xls", "text/csv", "text/plain"
JPEG, PNG, TIFF, OTHER_IMAGE = "image/jpeg", "image/png", "image/tiff", "image/other"

MEDIA_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    XLS: "application/vnd.ms-excel",
}

_BY_EXTENSION = {
    ".pdf": PDF, ".docx": DOCX, ".xlsx": XLSX, ".xlsm": XLSX, ".xls": XLS, ".csv": CSV, ".tsv": CSV,
    ".txt": TEXT, ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG, ".tif": TIFF, ".tiff": TIFF,
}
_LABEL = {PDF: "PDF", DOCX: "DOCX", XLSX: "XLSX", XLS: "XLS", CSV: "CSV", TEXT: "plain text",
          JPEG: "JPEG image", PNG: "PNG image", TIFF: "TIFF image", OTHER_IMAGE: "image"}


@dataclass(frozen=True)
class Detected:
    kind: str            # one of the constants above: picks the loader
    media_type: str      # what is stored in DocumentInfo.media_type
    note: str | None = None  # e.g. "named .xls but the content is XLSX"


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError) as exc:
        # e.g. NotImplementedError("zip file version 21.2") from a flipped byte in the zip directory
        from ingest.errors import CorruptFile

        raise CorruptFile(f"Office/ZIP: {type(exc).__name__}: {exc}") from exc
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "ppt/presentation.xml" in names:
        raise UnsupportedType("PowerPoint files are not supported: export the slides as PDF")
    raise UnsupportedType("a ZIP archive: unpack it and ingest the files inside")


def _ole_kind(data: bytes) -> str:
    if "WordDocument".encode("utf-16-le") in data:
        raise UnsupportedType("legacy Word .doc is not supported: save it as DOCX or PDF")
    return XLS


def _looks_like_text(data: bytes) -> str | None:
    head = data[:65536]
    if b"\x00" in head:
        return None
    for enc in ("utf-8", "cp1252"):
        try:
            return head.decode(enc)
        except UnicodeDecodeError:
            continue
    return None


def _is_csv(text: str) -> bool:
    lines = [ln for ln in text.splitlines()[:30] if ln.strip()]
    if len(lines) < 2:
        return False
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|")
    except csv.Error:
        return False
    counts = [len(r) for r in csv.reader(lines, dialect)]
    return min(counts) >= 2 and sum(c == counts[0] for c in counts) >= 0.8 * len(counts)


def sniff(data: bytes) -> str:
    """The content type of `data`, or raise a `DocumentError` saying why not."""
    if not data:
        raise EmptyFile()
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole_kind(data)
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return TIFF
    if data[:6] in (b"GIF87a", b"GIF89a") or data[:2] == b"BM" or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return OTHER_IMAGE
    text = _looks_like_text(data)
    if text is None:
        raise UnsupportedType("not a document type AuditPack reads (PDF, image, DOCX, XLSX/XLS, CSV, text)")
    if not text.strip():
        raise EmptyFile("the file holds only whitespace")
    if text.lstrip()[:1] in "{[":
        import json

        try:
            json.loads(data)
            raise UnsupportedType("JSON data, not a document (AuditPack reads PDF, images, DOCX, XLSX/XLS, CSV)")
        except ValueError:
            pass
    if len(re.findall(r"(?m)^(#{1,6} |\|\s*-{3,}|```)|\]\(http", text)) >= 3:
        raise UnsupportedType("a Markdown note, not a business document")
    return CSV if _is_csv(text) else TEXT


def _plugin_format(data: bytes) -> str | None:
    """A format a plugin's loader claims for content the built-in detection does not know."""
    from ingest.loaders import loaders

    return next((spec.formats[0] for spec in loaders() if spec.sniff is not None and spec.sniff(data)), None)


def detect(data: bytes, filename: str) -> Detected:
    try:
        kind = sniff(data)
    except UnsupportedType:
        kind = _plugin_format(data)
        if kind is None:
            raise
        return Detected(kind=kind, media_type=kind)
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    claimed = _BY_EXTENSION.get(suffix)
    note = None
    if claimed and claimed != kind:
        if kind == TEXT and claimed == CSV:
            kind = CSV  # a one-column CSV looks like text; the name is a fair hint here
        elif kind in (TEXT, CSV) and claimed not in (TEXT, CSV):
            raise WrongExtension(f"named {suffix} but the content is {_LABEL[kind]}, not {_LABEL[claimed]}")
        elif not (kind == CSV and claimed == TEXT):
            note = f"wrong extension: named {suffix} but the content is {_LABEL[kind]}; read as {_LABEL[kind]}"
    media = MEDIA_TYPES.get(kind, "image/*" if kind == OTHER_IMAGE else kind)
    return Detected(kind=kind, media_type=media, note=note)
