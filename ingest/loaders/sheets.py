"""Spreadsheets: XLSX (openpyxl), XLS (xlrd) and CSV, one page per sheet.

Merged cells are filled with their value over the whole range (a date merged
down over several log rows belongs to each row). The header row is detected
(title rows above it are common), and every cell keeps its address, e.g.
``Log!C7``, for provenance.

Cells are read as values, never as formulas: a cell holding ``=HYPERLINK(...)`` or ``=cmd|...``
is stored as that text and never evaluated (writers neutralise it: `auditpack.cells.safe_cell`).
The sheet budgets (`ingest.max_sheet_rows`, `ingest.max_sheet_cells`) are checked before a grid
is built: from the zip directory and a streaming count for large XLSX sheets, from the sheet
dimensions for XLS, and while reading for CSV.
"""
from __future__ import annotations

import csv
import io
import zipfile

from auditpack.cells import cell_text, decode_text
from ingest.detect import CSV, XLS, XLSX
from ingest.errors import CorruptFile, EncryptedFile, OverBudget, ZeroPages
from ingest.loaders import LoadOptions
from ingest.loaders.zipbudget import check_zip, sheet_xml_bytes
from ingest.models import Line, Page, Table

XLSX_LIBRARIES = ("openpyxl", "et_xmlfile", "defusedxml", "lxml")
XLS_LIBRARIES = ("xlrd",)
STREAM_COUNT_ABOVE = 10 * 1024 * 1024  # worksheet XML larger than this is counted before openpyxl loads it


def xlsx_errors() -> tuple[type[BaseException], ...]:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from lxml.etree import XMLSyntaxError
    from openpyxl.utils.exceptions import InvalidFileException

    return (InvalidFileException, XMLSyntaxError, ParseError, DefusedXmlException, zipfile.BadZipFile)


def xls_errors() -> tuple[type[BaseException], ...]:
    import xlrd

    return (xlrd.XLRDError, xlrd.compdoc.CompDocError)


def csv_errors() -> tuple[type[BaseException], ...]:
    return (csv.Error, UnicodeDecodeError)


class _Count:
    """Rows and cells read so far across the sheets of one file, against the budgets."""

    def __init__(self, opts: LoadOptions) -> None:
        self.limits = opts.limits
        self.rows = self.cells = 0

    def add(self, rows: int, cells: int) -> None:
        self.rows += rows
        self.cells += cells
        if self.rows > self.limits.max_sheet_rows:
            raise OverBudget("sheet rows", self.rows, self.limits.max_sheet_rows, "max_sheet_rows")
        if self.cells > self.limits.max_sheet_cells:
            raise OverBudget("sheet cells", self.cells, self.limits.max_sheet_cells, "max_sheet_cells")


def _stream_count(data: bytes, infos: list[zipfile.ZipInfo], count: _Count) -> None:
    """Count rows and cells of every worksheet with a streaming XML parser (constant memory,
    entities refused), stopping as soon as a budget is passed."""
    from defusedxml.ElementTree import iterparse

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in infos:
            if not info.filename.startswith("xl/worksheets/") or not info.filename.endswith(".xml"):
                continue
            with z.open(info) as f:
                for _, el in iterparse(f):
                    tag = el.tag.rsplit("}", 1)[-1]
                    if tag == "row":
                        count.add(1, len(el))
                        el.clear()


def _col(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _is_label(s: str) -> bool:
    if not s:
        return False
    try:
        float(s.replace(",", "."))
        return False
    except ValueError:
        return any(ch.isalpha() for ch in s) and len(s) <= 60


def detect_header(rows: list[list[str]]) -> int | None:
    """Index of the header row: the first of the top rows that is mostly short labels
    and as wide as the table (title rows above it have one or two cells)."""
    top = rows[:25]
    if not top:
        return None
    width = max(sum(1 for c in r if c) for r in top)
    for i, row in enumerate(top):
        filled = [c for c in row if c]
        if len(filled) >= max(2, 0.6 * width) and sum(_is_label(c) for c in filled) >= 0.8 * len(filled):
            return i
    return None


def _page(number: int, name: str, rows: list[list[str]]) -> Page:
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    cells = [[f"{name}!{_col(c)}{r + 1}" for c in range(width)] for r in range(len(rows))]
    keep = [i for i, r in enumerate(rows) if any(r)]
    rows, cells = [rows[i] for i in keep], [cells[i] for i in keep]
    table = Table(rows=rows, sheet=name, cells=cells, header_row=detect_header(rows))
    lines = [" | ".join(c for c in r if c) for r in rows]
    return Page(number=number, name=name, text="\n".join(lines), lines=[Line(text=t) for t in lines],
                tables=[table] if rows else [], method="cell")


def load_xlsx(data: bytes, opts: LoadOptions) -> tuple[list[Page], list[str]]:
    import openpyxl

    infos = check_zip(data, "XLSX", opts)
    if sheet_xml_bytes(infos) > STREAM_COUNT_ABOVE:
        _stream_count(data, infos, _Count(opts))
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many types on broken packages
        raise CorruptFile(f"XLSX: {type(exc).__name__}: {exc}") from exc
    pages = []
    count = _Count(opts)
    for n, ws in enumerate(wb.worksheets, start=1):
        count.add(ws.max_row, ws.max_row * ws.max_column)  # the grid about to be built, before building it
        merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        grid = [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        for r0, c0, r1, c1 in merged:
            if r0 - 1 < len(grid) and c0 - 1 < len(grid[r0 - 1]):
                v = grid[r0 - 1][c0 - 1]
                for r in range(r0 - 1, min(r1, len(grid))):
                    for c in range(c0 - 1, min(c1, len(grid[r]))):
                        grid[r][c] = v
        pages.append(_page(n, ws.title, grid))
    if not pages:
        raise ZeroPages("the workbook has no sheets")
    return pages, []


def load_xls(data: bytes, opts: LoadOptions) -> tuple[list[Page], list[str]]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise EncryptedFile() from exc
        raise CorruptFile(f"XLS: {exc}") from exc
    except Exception as exc:
        raise CorruptFile(f"XLS: {type(exc).__name__}: {exc}") from exc
    pages = []
    count = _Count(opts)
    for n, sh in enumerate(book.sheets(), start=1):
        count.add(sh.nrows, sh.nrows * sh.ncols)
        grid = []
        for r in range(sh.nrows):
            row = []
            for c in range(sh.ncols):
                cell = sh.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    row.append(cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode)))
                else:
                    row.append(cell_text(cell.value))
            grid.append(row)
        for r0, r1, c0, c1 in sh.merged_cells:
            v = grid[r0][c0]
            for r in range(r0, r1):
                for c in range(c0, c1):
                    grid[r][c] = v
        pages.append(_page(n, sh.name, grid))
    if not pages:
        raise ZeroPages("the workbook has no sheets")
    return pages, []


def load_csv(data: bytes, opts: LoadOptions) -> tuple[list[Page], list[str]]:
    text = decode_text(data)
    sample = "\n".join(text.splitlines()[:50])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    count = _Count(opts)
    rows = []
    for r in csv.reader(io.StringIO(text), dialect):
        count.add(1, len(r))
        rows.append([c.strip() for c in r])
    if not any(any(r) for r in rows):
        raise ZeroPages("the CSV file has no rows")
    return [_page(1, "csv", rows)], []
