"""DOCX/XLSX/CSV -> PDF with LibreOffice, images -> PDF with Pillow, and the
byte normalisation that makes a package reproducible.

LibreOffice starts in about 1.3 s, so every conversion of a package happens
in ONE `soffice` call, with a private profile folder so concurrent calls (two
packages, or a package during a test run) never share LibreOffice state.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from generators.errors import ConversionError

FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
PDF_METADATA = {"/Producer": "AuditPack", "/Creator": "AuditPack (LibreOffice, pypdf)"}


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise ConversionError("LibreOffice (soffice) is not installed: `apt-get install libreoffice-writer-nogui`, "
                              "or run with --no-pdf to write DOCX only")
    return exe


def to_pdf(files: list[Path], out_dir: Path, timeout: float = 600.0) -> dict[Path, Path]:
    """Convert files to PDF in one LibreOffice call; returns input -> pdf for those that worked."""
    if not files:
        return {}
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="auditpack-lo-") as profile:
        cmd = [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, files)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(f"LibreOffice took more than {timeout:.0f} s converting {len(files)} files") from exc
    done = {}
    for f in files:
        pdf = out_dir / (f.stem + ".pdf")
        if pdf.is_file() and pdf.stat().st_size > 0:
            done[f] = pdf
    return done


def image_to_pdf(image: Path, out: Path) -> None:
    from PIL import Image

    with Image.open(image) as im:
        frames = []
        try:
            for i in range(getattr(im, "n_frames", 1)):
                im.seek(i)
                frames.append(im.convert("RGB"))
        except EOFError:
            pass
        frames[0].save(out, "PDF", resolution=150.0, save_all=True, append_images=frames[1:])


def normalize_docx(path: Path) -> None:
    """Rewrite a .docx zip with fixed timestamps so the same content gives the same bytes."""
    src = zipfile.ZipFile(path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in sorted(src.infolist(), key=lambda i: (i.filename != "[Content_Types].xml", i.filename)):
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    src.close()
    path.write_bytes(buf.getvalue())


def normalize_pdf(path: Path) -> int:
    """Drop LibreOffice's creation date and document ID; returns the page count."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(str(path))
    writer = PdfWriter()
    writer.append(reader)
    writer.add_metadata(PDF_METADATA)
    buf = io.BytesIO()
    writer.write(buf)
    path.write_bytes(buf.getvalue())
    return len(reader.pages)
