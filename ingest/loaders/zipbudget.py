"""Office files are zip packages: their budgets are read from the zip directory before anything is unpacked.

A zip bomb is a small file whose members unpack to gigabytes. The directory states each member's
uncompressed size, and Python's zipfile never hands out more bytes than that size (it stops at the
stated length), so the sum of the stated sizes bounds what the readers can unpack.
"""
from __future__ import annotations

import io
import re
import zipfile

from ingest.errors import CorruptFile, OverBudget
from ingest.loaders import LoadOptions

MB = 1024 * 1024


def check_zip(data: bytes, label: str, opts: LoadOptions) -> list[zipfile.ZipInfo]:
    """The members of the package, or `OverBudget`/`CorruptFile` before any member is read."""
    limits = opts.limits
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise CorruptFile(f"{label}: {type(exc).__name__}: {exc}") from exc
    if len(infos) > limits.max_zip_members:
        raise OverBudget(f"files inside the {label} package", len(infos), limits.max_zip_members, "max_zip_members")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_mb * MB:
        raise OverBudget(f"uncompressed size of the {label}", f"{total / MB:,.0f} MB", f"{limits.max_unzipped_mb:g} MB",
                         "max_unzipped_mb")
    return infos


def sheet_xml_bytes(infos: list[zipfile.ZipInfo]) -> int:
    """Uncompressed size of the worksheets of an XLSX."""
    return sum(i.file_size for i in infos if re.fullmatch(r"xl/worksheets/[^/]+\.xml", i.filename))
