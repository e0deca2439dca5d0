"""DOCX: paragraphs and tables in body order (python-docx).

Table rows are also written into the page text as "cell | cell" lines, so a
"Label | value" row is found by the same label search as "Label: value".
Horizontally merged cells repeat in python-docx; repeats are dropped.
"""
from __future__ import annotations

import io

from ingest.detect import DOCX
from ingest.errors import CorruptFile
from ingest.loaders import LoadOptions
from ingest.loaders.zipbudget import check_zip
from ingest.models import Line, Page, Table

# python-docx parses with lxml, entities not resolved (its parser sets resolve_entities=False)
LIBRARIES = ("docx", "lxml")


def library_errors() -> tuple[type[BaseException], ...]:
    import zipfile

    from docx.opc.exceptions import OpcError
    from lxml.etree import XMLSyntaxError

    return (zipfile.BadZipFile, XMLSyntaxError, OpcError)


def _row_cells(row) -> list[str]:
    out: list[str] = []
    seen: set[int] = set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        out.append(cell.text.strip())
    return out


def load_docx(data: bytes, opts: LoadOptions) -> tuple[list[Page], list[str]]:
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    check_zip(data, "DOCX", opts)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises bare KeyError/ValueError/lxml errors on broken files
        raise CorruptFile(f"DOCX: {type(exc).__name__}: {exc}") from exc
    lines: list[str] = []
    tables: list[Table] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if block.text.strip():
                lines.append(block.text.strip())
        elif isinstance(block, DocxTable):
            rows = [_row_cells(r) for r in block.rows]
            rows = [r for r in rows if any(r)]
            if rows:
                tables.append(Table(rows=rows))
                lines.extend(" | ".join(c for c in r if c) for r in rows)
    for section in document.sections:
        for para in section.header.paragraphs:
            if para.text.strip():
                lines.insert(0, para.text.strip())
    text = "\n".join(lines)
    return [Page(number=1, text=text, lines=[Line(text=t) for t in lines], tables=tables)], []
