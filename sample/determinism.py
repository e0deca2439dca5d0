"""Byte-identical output for the same seed.

openpyxl and python-docx stamp the save time into docProps/core.xml and into
every zip entry; this rewrites both with one fixed date. (reportlab PDFs are
made deterministic with `invariant=1` in writers/pdfkit.py.)
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
FIXED_ISO = "2026-01-01T00:00:00Z"
_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def normalize_zip(path: Path) -> None:
    with zipfile.ZipFile(path) as zin:
        entries = [(info.filename, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = _DATES.sub(rb"\g<1>" + FIXED_ISO.encode() + rb"\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, data)
