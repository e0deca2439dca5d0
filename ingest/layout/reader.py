"""Reading a page the way a person does, and a document page after page.

Order matters only to keep one piece of text from being read twice: grids
first (their rows also appear among the page's lines and are skipped there),
then numbered questions, captions over bulleted lists, tables drawn with text
(two aligned columns are offered as a table and left to be read as pairs too),
pairs along each line, and values under labels. Check-box lines are read
everywhere. A sheet is read whole as its grid (cut into blocks there). Every
step looks at each line, cell or word a bounded number of times, so reading is
linear in the size of the page; nothing is cached between calls.
"""
from __future__ import annotations

import re

from ingest.layout.below import below_pairs
from ingest.layout.candidates import (CellText, CheckLine, CheckOption, DocumentReading, KeyValue, Method,
                                      PageReading, TableBlock, TableRow, Where)
from ingest.layout.checks import MARK, check_line
from ingest.layout.grids import grid_cells, read_grid
from ingest.layout.inline import row_pairs
from ingest.layout.plainlists import plain_lists
from ingest.layout.positioned import marked_tables, positioned_tables
from ingest.layout.questions import line_questions
from ingest.layout.roles import row_roles
from ingest.layout.segments import Segment, line_segments, page_method
from ingest.layout.stacks import colon_label, line_lists, plain_label
from ingest.layout.twocol import two_column_tables
from ingest.models import LoadedDocument, Page, Table

_SQUASH = re.compile(r"[\s|]+")


def _squash(text: str) -> str:
    return _SQUASH.sub("", text).lower()


class _TableText:
    """Which of a page's lines are a grid row written out again (DOCX writes rows as
    "a | b" lines; a ruled PDF table's words are also on the page's lines)."""

    def __init__(self, page: Page) -> None:
        self.rows: set[str] = set()
        self.tokens: dict[str, list[int]] = {}
        self.row_tokens: list[set[str]] = []
        for t in _grids(page):
            for row in t.rows:
                self.rows.add(_squash("".join(row)))
                toks = {w.lower() for c in row for w in c.split()}
                for w in toks:
                    self.tokens.setdefault(w, []).append(len(self.row_tokens))
                self.row_tokens.append(toks)

    def __contains__(self, text: str) -> bool:
        if _squash(text) in self.rows:
            return True
        words = [w.lower() for w in text.split() if w != "|"]
        if not words:
            return False
        # a wrapped cell puts part of a row on a line: every word of the line is in one row
        return any(all(w in self.row_tokens[r] for w in words) for r in self.tokens.get(words[0], [])[:50])


def _grids(page: Page) -> list[Table]:
    """The page's tables that have columns. A PDF frame drawn round the whole page comes back as a
    one-column "table" holding all the text: it is read as the lines it is made of instead."""
    return [t for t in page.tables if any(sum(1 for c in row if c.strip()) >= 2 for row in t.rows)]


def _line_checks(page: Page, free: list[int], method: Method) -> tuple[list[CheckLine], set[int]]:
    """Check-box lines; one without a label of its own takes a lone label line just above it
    (which is then used up)."""
    out, used = [], set()
    for k, i in enumerate(free):
        line = page.lines[i]
        if MARK.search(line.text):
            found = check_line(line.text, Where(page.number, line.text, line.bbox, None, method))
            above = page.lines[i - 1].text.strip() if k and free[k - 1] == i - 1 else ""
            if found and not found.label and (colon_label(above) or plain_label(above)):
                found = CheckLine(above.rstrip(":：").strip(), found.options, found.where)
                used.add(i - 1)
            below = page.lines[i + 1].text.strip() if k + 1 < len(free) and free[k + 1] == i + 1 else ""
            if found and len(found.options) >= 2 and not found.options[-1].text and below \
                    and plain_label(below) and not colon_label(below) and not MARK.search(below):
                last = found.options[-1]  # "☐ A ☒" over "B": the last box's option ran onto the next line
                found = CheckLine(found.label, [*found.options[:-1], CheckOption(below, last.checked)], found.where)
                used.add(i + 1)
            if found:
                out.append(found)
    return out, used


def read_page(page: Page) -> PageReading:
    """Every key-value, table and check-box line on one page, each with where it was read."""
    method = page_method(page)
    kvs: list[KeyValue] = []
    tables: list[TableBlock] = []
    checks: list[CheckLine] = []
    grids = page.tables if page.method == "cell" else _grids(page)  # a sheet of one column is cut into blocks too
    for t in grids:
        grid_method: Method = "cell" if (page.method == "cell" or t.cells) else "table"
        got = read_grid(grid_cells(t, page.number, grid_method), sheet=bool(t.sheet or t.cells))
        kvs += got.key_values
        tables += got.blocks
        checks += got.checks
    if page.method == "cell" and grids:
        return PageReading(page.number, kvs, tables, checks)  # a sheet's lines are its rows, read above
    in_tables = _TableText(page)
    free = [i for i, ln in enumerate(page.lines) if ln.text.strip() and (not grids or ln.text not in in_tables)]
    marked, in_marked = marked_tables(page.lines, [i for i in free if page.lines[i].words], page.number, method)
    tables += marked
    got_c, used = _line_checks(page, free, method)
    checks += got_c
    free = [i for i in free if i not in used and i not in in_marked]
    got_q, used = line_questions(page.lines, free, page.number, method)
    kvs += got_q
    free = [i for i in free if i not in used]
    got_l, used = line_lists(page.lines, free, page.number, method)
    kvs += got_l
    free = [i for i in free if i not in used]
    got_l, used = plain_lists(page.lines, free, page.number, method)
    kvs += got_l
    free = [i for i in free if i not in used]
    blocks, got_p, used = positioned_tables(page.lines, [i for i in free if page.lines[i].words], page.number, method)
    tables += blocks
    kvs += got_p
    free = [i for i in free if i not in used]
    tables += two_column_tables(page.lines, [i for i in free if page.lines[i].words], page.number, method)
    segs: dict[int, list[Segment]] = {}
    open_labels = {}
    for i in free:
        segs[i] = line_segments(page.lines[i], page.number, method)
        pairs = row_pairs(segs[i])
        kvs += pairs.key_values
        if pairs.open_labels:
            open_labels[i] = pairs.open_labels
    kvs += below_pairs(page.lines, free, segs, open_labels)
    return PageReading(page.number, kvs, tables, checks)


def _norm(header: list[str]) -> tuple[str, ...]:
    return tuple(" ".join(h.split()).lower() for h in header)


def _continues(prev: TableBlock, nxt: TableBlock) -> bool:
    width = len(prev.rows[0].cells) if prev.rows else len(prev.header)
    if prev.origin != nxt.origin:
        return False
    if nxt.header:
        return _norm(nxt.header) == _norm(prev.header)
    return bool(nxt.rows) and len(nxt.rows[0].cells) == width  # a page that goes on without a header


def _join(group: list[TableBlock]) -> TableBlock:
    """One block from a table's parts on consecutive pages. The roles are worked out again over
    the whole table: a sum at the end of page 3 may add up rows from page 1."""
    first = group[0]
    rows = list(first.rows)
    for part in group[1:]:
        if part.header:  # keep the repeated header as a marked row: it shows where the page broke
            rows.append(TableRow([CellText(h, part.where) for h in part.header], "repeat_header"))
        rows += part.rows
    roles = row_roles([first.header], [r.texts for r in rows])
    rows = [r if r.role == "repeat_header" else TableRow(r.cells, role) for r, role in zip(rows, roles, strict=True)]
    return TableBlock(first.header, rows, first.where, tuple(p for b in group for p in b.pages), first.origin)


def join_pages(pages: list[PageReading]) -> list[TableBlock]:
    """Tables in document order, a table that goes on at the top of the next page joined to the
    one that ended the previous page (same header repeated, or no header and the same width)."""
    groups: list[list[TableBlock]] = []
    last_page_ended_with_table = False
    for reading in pages:
        for n, block in enumerate(reading.tables):
            if n == 0 and last_page_ended_with_table and groups and _continues(groups[-1][0], block):
                groups[-1].append(block)
            else:
                groups.append([block])
        last_page_ended_with_table = bool(reading.tables)
    return [g[0] if len(g) == 1 else _join(g) for g in groups]


def read_document(doc: LoadedDocument) -> DocumentReading:
    """Every page read, and tables joined across page breaks."""
    pages = [read_page(p) for p in doc.pages]
    return DocumentReading(pages, join_pages(pages))
