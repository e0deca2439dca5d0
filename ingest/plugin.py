"""The ingest stage's built-in extensions, registered through the same hooks a third-party plugin uses.

Loader and parser modules are imported inside the hooks: a hook runs the
first time a document is read, so `auditpack --help` never pays for
pdfplumber or openpyxl.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from auditpack.plugins import hookimpl
from ingest.detect import CSV, DOCX, JPEG, OTHER_IMAGE, PDF, PNG, TEXT, TIFF, XLS, XLSX
from ingest.loaders import LoaderSpec

if TYPE_CHECKING:  # the parser base pulls the field reader and the records' models: only a hook needs them
    from ingest.parsers.base import Parser


@hookimpl
def auditpack_loaders() -> list[LoaderSpec]:
    from ingest.loaders import docx, image, pdf, sheets, text

    # errors / libraries: what each reader's libraries raise on bad bytes (ingest/loaders/guard.py)
    return [
        LoaderSpec((PDF,), pdf.load_pdf, "PDF", errors=pdf.library_errors(), libraries=pdf.LIBRARIES),
        LoaderSpec((DOCX,), docx.load_docx, "DOCX", errors=docx.library_errors(), libraries=docx.LIBRARIES),
        LoaderSpec((XLSX,), sheets.load_xlsx, "XLSX", errors=sheets.xlsx_errors(), libraries=sheets.XLSX_LIBRARIES),
        LoaderSpec((XLS,), sheets.load_xls, "XLS", errors=sheets.xls_errors(), libraries=sheets.XLS_LIBRARIES),
        LoaderSpec((CSV,), sheets.load_csv, "CSV", errors=sheets.csv_errors()),
        LoaderSpec((TEXT,), text.load_text, "plain text", errors=(UnicodeDecodeError,)),
        LoaderSpec((JPEG, PNG, TIFF, OTHER_IMAGE), image.load_image, "image", errors=image.library_errors(),
                   libraries=image.LIBRARIES),
    ]


@hookimpl
def auditpack_parsers() -> list[Parser]:
    from ingest.parsers import batch_record, certificate, cleaning_log, invoice, osp, pest_control, product_profile

    return [module.PARSER for module in (certificate, invoice, cleaning_log, osp, product_profile, batch_record,
                                         pest_control)]


@hookimpl
def auditpack_layout_profiles() -> list[Path]:
    from ingest.profiles.io import BUILTIN_DIR

    return [BUILTIN_DIR]
