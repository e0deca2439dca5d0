"""Layout name -> writer. A new layout is a new writer module plus one line here."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sample.writers import (batch_csv, cert_letterhead, cert_oid, cleaning_pdf, cleaning_sheets, docs,
                                      formulation_xlsx, invoice_pdf, invoice_xlsx, pest_log, scan)

Writer = Callable[[object, Path], list[int]]

WRITERS: dict[str, Writer] = {
    "oid_2024": cert_oid.write,
    "oid_with_cover_letter": cert_oid.write,
    "certifier_letterhead": cert_letterhead.write,
    "scanned_letterhead": scan.write,
    "vendor_classic": invoice_pdf.write,
    "vendor_modern": invoice_pdf.write,
    "vendor_coop": invoice_pdf.write,
    "multi_invoice_pdf": invoice_pdf.write,
    "invoice_xlsx": invoice_xlsx.write,
    "sanitation_xlsx_titled": cleaning_sheets.write,
    "cleaning_csv_export": cleaning_sheets.write,
    "cleaning_xlsx_export": cleaning_sheets.write,
    "sanitation_pdf_form": cleaning_pdf.write,
    "osp_docx_qa": docs.osp,
    "profile_docx": docs.profile,
    "formulation_xlsx": formulation_xlsx.write,
    "batch_csv_long": batch_csv.write,
    "batch_csv_wide": batch_csv.write,
    "pest_xlsx": pest_log.write,
    "pest_csv": pest_log.write,
}
