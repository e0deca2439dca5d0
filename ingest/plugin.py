"""The ingest stage's built-in extensions, registered through the same hooks a third-party plugin uses.

Loader and parser modules are imported inside the hooks: a hook runs the
first time a document is read, so `auditpack --help` never pays for
pdfplumber or openpyxl.
"""
from __future__ import annotations

from auditpack.plugins import hookimpl
from ingest.detect import CSV, DOCX, JPEG, OTHER_IMAGE, PDF, PNG, TEXT, TIFF, XLS, XLSX
from ingest.loaders import LoaderSpec
from ingest.parsers.base import Parser


@hookimpl
def auditpack_loaders() -> list[LoaderSpec]:
    from ingest.loaders import docx, image, pdf, sheets, text

    return [
        LoaderSpec((PDF,), pdf.load_pdf, "PDF"),
        LoaderSpec((DOCX,), docx.load_docx, "DOCX"),
        LoaderSpec((XLSX,), sheets.load_xlsx, "XLSX"),
        LoaderSpec((XLS,), sheets.load_xls, "XLS"),
        LoaderSpec((CSV,), sheets.load_csv, "CSV"),
        LoaderSpec((TEXT,), text.load_text, "plain text"),
        LoaderSpec((JPEG, PNG, TIFF, OTHER_IMAGE), image.load_image, "image"),
    ]


@hookimpl
def auditpack_parsers() -> list[Parser]:
    from ingest.parsers import batch_record, certificate, cleaning_log, invoice, osp, pest_control, product_profile

    return [module.PARSER for module in (certificate, invoice, cleaning_log, osp, product_profile, batch_record,
                                         pest_control)]
