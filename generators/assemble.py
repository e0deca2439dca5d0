"""Putting the package together: the evidence appendix, the combined PDF with
one bookmark per section (and per evidence document), manifest.json and the
zip, all byte-for-byte reproducible (fixed timestamps, sorted order)."""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from generators.convert import FIXED_ZIP_TIME, PDF_METADATA, image_to_pdf
from generators.dataset import EvidenceDoc
from generators.sheet_pdf import SHEET_SUFFIXES, sheet_to_pdf
from generators.stamp import stamp_font, stamp_page
from auditpack.hashing import sha256_file  # noqa: F401 - re-exported for callers

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}
OFFICE_SUFFIXES = {".docx", ".doc", ".odt", ".ods", ".rtf", ".txt"}



def _placeholder_page(doc: EvidenceDoc, reason: str, out: Path) -> None:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(out), pagesize=letter, invariant=1)
    c.setFont("Helvetica-Bold", 13)
    c.drawString(72, 700, f"{doc.ref}: {doc.info.filename}")
    c.setFont("Helvetica", 9)
    for i, line in enumerate([f"sha256 {doc.info.sha256}", f"kind: {doc.info.kind or '-'}", reason,
                              "The original is kept in the AuditPack workspace under this sha256."]):
        c.drawString(72, 670 - 16 * i, line)
    c.save()


@dataclass
class EvidencePlan:
    """What `prepare_evidence` decided: PDFs ready now, office files for the caller's single
    LibreOffice call, and spreadsheets to draw (slow for a year of logs, so the caller draws
    them while LibreOffice runs)."""

    pdfs: dict[str, Path] = field(default_factory=dict)
    office: dict[Path, EvidenceDoc] = field(default_factory=dict)
    sheets: list[tuple[EvidenceDoc, Path, Path]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def prepare_evidence(docs: list[EvidenceDoc], root: Path, work: Path, convert_office: bool = True) -> EvidencePlan:
    """One PDF per evidence document (sha256 -> pdf), or a note of how to make it."""
    work.mkdir(parents=True, exist_ok=True)
    plan = EvidencePlan()
    pdfs, warnings, office = plan.pdfs, plan.warnings, plan.office
    for d in docs:
        src = root / d.info.stored_path
        suffix = src.suffix.lower()
        target = work / f"{d.ref}.pdf"
        if not src.is_file():
            warnings.append(f"{d.ref} {d.info.filename}: original missing from the workspace")
            _placeholder_page(d, "The original file is missing from the workspace.", target)
            pdfs[d.info.sha256] = target
        elif suffix == ".pdf":
            pdfs[d.info.sha256] = src
        elif suffix in IMAGE_SUFFIXES:
            try:
                image_to_pdf(src, target)
            except Exception as exc:  # noqa: BLE001 - an unreadable image becomes a listed placeholder
                _placeholder_page(d, f"Image could not be converted: {exc}", target)
            pdfs[d.info.sha256] = target
        elif suffix in SHEET_SUFFIXES:
            plan.sheets.append((d, src, target))
            pdfs[d.info.sha256] = target
        elif suffix in OFFICE_SUFFIXES and convert_office:
            link = work / "office" / f"{d.ref}{suffix}"
            link.parent.mkdir(exist_ok=True)
            link.write_bytes(src.read_bytes())
            office[link] = d
        else:
            _placeholder_page(d, f"Not converted ({suffix or 'no suffix'}); listed by sha256.", target)
            pdfs[d.info.sha256] = target
    return plan


def draw_sheets(plan: EvidencePlan) -> None:
    """Draw the spreadsheet originals, the cells the package cites highlighted; one that cannot be read
    becomes a listed placeholder."""
    for d, src, target in plan.sheets:
        try:
            sheet_to_pdf(src, f"{d.ref} {d.info.filename}", target, cited=sorted(d.cells))
        except Exception as exc:  # noqa: BLE001 - openpyxl/xlrd raise many types on broken files
            plan.warnings.append(f"{d.ref} {d.info.filename}: spreadsheet could not be drawn ({exc}); "
                                 "listed by sha256")
            _placeholder_page(d, f"Spreadsheet could not be drawn: {exc}", target)


def finish_evidence(office: dict[Path, EvidenceDoc], done: dict[Path, Path], work: Path,
                    pdfs: dict[str, Path], warnings: list[str]) -> None:
    """Record LibreOffice's results for the office originals; failures become listed placeholders."""
    for link, d in sorted(office.items()):
        if link in done:
            pdfs[d.info.sha256] = done[link]
        else:
            warnings.append(f"{d.ref} {d.info.filename}: LibreOffice could not convert it; listed by sha256")
            _placeholder_page(d, "LibreOffice could not convert this file.", work / f"{d.ref}.pdf")
            pdfs[d.info.sha256] = work / f"{d.ref}.pdf"


def _write(writer, out: Path) -> None:  # noqa: ANN001
    writer.add_metadata(PDF_METADATA)
    writer.page_mode = "/UseOutlines"
    buf = io.BytesIO()
    writer.write(buf)
    out.write_bytes(buf.getvalue())


def appendix_pdf(index: tuple[str, Path], evidence: list[tuple[str, Path]], out: Path) -> list[str]:
    """The evidence appendix as its own PDF: the index pages, then every original, one
    bookmark each nested under the index bookmark, so an inspector can open the appendix
    alone (or send it on) and still jump to E-n; every page of an original is stamped
    `E-n p. k/m` so a citation can be found on paper too."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    writer = PdfWriter()
    warnings: list[str] = []
    title, index_pdf = index
    writer.append(PdfReader(str(index_pdf)), import_outline=False)
    parent = writer.add_outline_item(title, 0)
    font = stamp_font(writer)
    for doc_title, pdf in evidence:
        start = len(writer.pages)
        try:
            writer.append(PdfReader(str(pdf)), import_outline=False)
        except (PdfReadError, ValueError, KeyError, OSError) as exc:
            warnings.append(f"{doc_title}: unreadable PDF left out of the appendix ({exc})")
            continue
        if len(writer.pages) > start:
            writer.add_outline_item(doc_title, start, parent=parent)
        ref, count = doc_title.split(" ", 1)[0], len(writer.pages) - start
        for i in range(count):
            stamp_page(writer, writer.pages[start + i], f"{ref} p. {i + 1}/{count}", font)
    _write(writer, out)
    return warnings


def combined_pdf(sections: list[tuple[str, Path]], out: Path, appendix_title: str | None = None) -> None:
    """Merge section PDFs with one bookmark each; the appendix (already bookmarked by
    `appendix_pdf`) brings its own outline, so its E-n bookmarks stay nested under it."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for title, pdf in sections:
        start = len(writer.pages)
        if title == appendix_title:
            writer.append(PdfReader(str(pdf)), import_outline=True)
        else:
            # LibreOffice exports heading bookmarks; one bookmark per section is what we want.
            writer.append(PdfReader(str(pdf)), import_outline=False)
            writer.add_outline_item(title, start)
    _write(writer, out)


def write_zip(out_dir: Path, files: list[Path], zip_path: Path) -> None:
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(files, key=lambda p: p.relative_to(out_dir).as_posix()):
            info = zipfile.ZipInfo(f.relative_to(out_dir).as_posix(), date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, f.read_bytes())


def manifest_json(manifest: dict) -> str:
    return json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n"
