"""What a finding's evidence looks like on screen: the cited cell in its sheet, the cited row on its page.

A finding's `Evidence` names a document, a page, maybe a cell ("Log!C7") and a snippet. The value the
check judged was read with a `SourceRef` (its record's `field_sources`), which may carry the value's
own box; that box is used first, so the highlight lands on the value and not on every word that looks
like it. By format:

- spreadsheet or CSV (a cell is cited): the rows around the cell as a grid with column letters and the
  sheet's row numbers, the header row kept on top, the cited cell highlighted and its row shaded;
- DOCX: the paragraph or table row that holds the snippet, in context, the value highlighted;
- PDF or image: the page cropped to the cited region, one box around the value's `bbox`; without a box,
  the page's text is searched for the snippet's parts and only the one row holding most of them is
  boxed (a log row's date, time and equipment together), never each word wherever it occurs.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditpack.records import Evidence, FindingState, SourceRef

from review_ui.pages import IMAGE_SUFFIXES, render_page
from review_ui.ports import Services
from review_ui.sheet_grid import column_letter

Box = tuple[float, float, float, float]
CONTEXT_ROWS = 3
MAX_COLUMNS = 16
SHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv", ".tsv", ".ods"}
_CELL = re.compile(r"^(?:(?P<sheet>.*)!)?\$?(?P<col>[A-Za-z]{1,3})\$?(?P<row>\d+)$")
CITED = "background:#ffe45c;outline:2px solid #d32f2f;font-weight:600"
ROW = "background:#fff8d6"


@dataclass
class EvidenceView:
    """One evidence entry as shown: an image (pages) or HTML (sheet grid, DOCX text), and a note."""

    image: Any = None
    html: str = ""
    note: str = ""
    boxes: int = 0


@dataclass(frozen=True)
class CellAddress:
    sheet: str | None
    column: int  # 0-based
    row: int  # the sheet's own 1-based row number

    @property
    def label(self) -> str:
        return f"{column_letter(self.column)}{self.row}"


def parse_cell(address: str | None) -> CellAddress | None:
    """'Log!C7' -> sheet 'Log', column 2, row 7; None for anything else."""
    m = _CELL.match((address or "").strip())
    if not m:
        return None
    col = 0
    for ch in m.group("col").upper():
        col = col * 26 + ord(ch) - 64
    return CellAddress(m.group("sheet"), col - 1, int(m.group("row")))


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def cited_refs(services: Services, state: FindingState, ev: Evidence) -> list[SourceRef]:
    """The source references of the finding's subject record that this evidence was built from.

    Checks build evidence from a record's `source` or one of its `field_sources` (knowledge/evidence.py);
    the same document, page and cell, and the same text when the check kept the stored one, name it.
    """
    rec_id = state.finding.subject.id
    rec = services.store.get_record(rec_id) if rec_id else None
    if rec is None:
        return []
    refs = [r for r in [*rec.field_sources.values(), rec.source]
            if r.document_sha256 == ev.document_sha256 and (r.page or 1) == (ev.page or 1)]
    if ev.cell:
        same = [r for r in refs if r.cell == ev.cell]
        return same + [r for r in refs if r.cell and r not in same]
    snippet = _norm(ev.snippet)
    exact = [r for r in refs if snippet and _norm(r.span) == snippet]
    inside = [r for r in refs if snippet and r.span and r not in exact and _norm(r.span) in snippet]
    return exact + sorted(inside, key=lambda r: -len(r.span or ""))


# --- sheets ----------------------------------------------------------------------------------------
def _sheet_page(doc: Any, ev: Evidence, cell: CellAddress) -> Any | None:
    pages = list(getattr(doc, "pages", []) or [])
    if cell.sheet:
        named = [p for p in pages if (p.name or "") == cell.sheet]
        if named:
            return named[0]
    return next((p for p in pages if p.number == (ev.page or 1)), pages[0] if pages else None)


def find_cell(page: Any, snippet: str | None) -> str | None:
    """The address of the cell a snippet cites when the evidence names no cell: among the rows holding
    most of the snippet's values, the cell with the longest of them ("L260026F" in "Sunflower Oil lot
    L260026F")."""
    table = next((t for t in getattr(page, "tables", []) or [] if t.cells), None)
    target = _norm(snippet)
    if table is None or not target:
        return None
    best: tuple[int, int, str] | None = None
    for cells, addresses in zip(table.rows, table.cells):
        found = [(len(str(c)), a) for c, a in zip(cells, addresses) if len(str(c).strip()) >= 3
                 and _norm(str(c)) in target]
        if found:
            length, address = max(found)
            cand = (len(found), length, address)
            best = cand if best is None or cand[:2] > best[:2] else best
    return best[2] if best else None


def grid_html(page: Any, cited: str, others: set[str] = frozenset()) -> str:
    """The rows around `cited` (and the header row) as an HTML grid; `cited` highlighted, `others` marked."""
    table = next((t for t in getattr(page, "tables", []) or [] if t.cells), None)
    if table is None:
        return ""
    where = next(((r, c) for r, row in enumerate(table.cells) for c, a in enumerate(row) if a == cited), None)
    if where is None:
        return ""
    r0, c0 = where
    keep = list(range(max(0, r0 - CONTEXT_ROWS), min(len(table.rows), r0 + CONTEXT_ROWS + 1)))
    if table.header_row is not None and table.header_row < keep[0]:
        keep = [table.header_row] + keep
    width = max(len(table.rows[r]) for r in keep)
    lo = max(0, min(c0 - MAX_COLUMNS // 2, width - MAX_COLUMNS))
    cols = range(lo, min(width, lo + MAX_COLUMNS))
    esc = html.escape
    head = "".join(f'<th style="padding:2px 6px;background:#eef1f4">{column_letter(c)}</th>' for c in cols)
    out = [f'<table class="ap-grid" style="border-collapse:collapse;font-size:0.85em">'
           f'<tr><th style="padding:2px 6px;background:#eef1f4">#</th>{head}</tr>']
    prev = None
    for r in keep:
        if prev is not None and r != prev + 1:
            out.append(f'<tr><td colspan="{len(cols) + 1}" style="text-align:center;color:#888">⋯</td></tr>')
        prev = r
        addresses, cells = table.cells[r], table.rows[r]
        number = (parse_cell(addresses[0]).row if addresses and parse_cell(addresses[0]) else r + 1)
        row_style = ROW if r == r0 else ("font-weight:600;background:#f4f6f8" if r == table.header_row else "")
        tds = []
        for c in cols:
            text = cells[c] if c < len(cells) else ""
            addr = addresses[c] if c < len(addresses) else ""
            style = CITED if addr == cited else ("background:#fff1a8" if addr in others else "")
            tds.append(f'<td title="{esc(addr)}" style="border:1px solid #ccd;padding:2px 6px;{style}">'
                       f'{esc(str(text))}</td>')
        out.append(f'<tr style="{row_style}"><th style="padding:2px 6px;color:#666;background:#eef1f4">{number}'
                   f'</th>{"".join(tds)}</tr>')
    return "".join(out) + "</table>"


# --- DOCX ------------------------------------------------------------------------------------------
def _parts(snippet: str) -> list[str]:
    return [p.strip() for p in re.split(r"\s*\|\s*|;\s+|:\s+", snippet or "") if len(p.strip()) >= 2]


def _mark(text: str, needles: list[str]) -> str:
    """`text` escaped, with each needle found in it highlighted."""
    out = html.escape(text)
    for n in sorted({html.escape(n) for n in needles if n}, key=len, reverse=True):
        out = re.sub(re.escape(n), lambda m: f'<mark style="{CITED}">{m.group(0)}</mark>', out, flags=re.I)
    return out


def docx_html(page: Any, snippet: str | None, value: str | None = None) -> str:
    """The paragraph or table row holding the snippet with two lines of context, the value highlighted."""
    lines = [ln.text for ln in getattr(page, "lines", []) or [] if ln.text.strip()]
    if not lines:
        return ""
    parts = _parts(snippet or "")
    target = _norm(snippet)

    def score(line: str) -> tuple[int, int]:
        low = _norm(line)
        return (2 if target and target in low else 0, sum(1 for p in parts if p.casefold() in low))

    best = max(range(len(lines)), key=lambda i: score(lines[i])) if (target or parts) else -1
    if best < 0 or score(lines[best]) == (0, 0):
        return ""
    # in a "label | value" row, the value is what is cited; else whatever of the snippet is on the line
    needles = [value] if value and value.casefold() in lines[best].casefold() else (
        parts[1:] if len(parts) > 1 and parts[0].casefold() in lines[best].casefold() else parts or [snippet or ""])
    rows = []
    for i in range(max(0, best - 2), min(len(lines), best + 3)):
        text = lines[i]
        if i == best:
            cells = text.split(" | ")
            body = ("<table style='border-collapse:collapse'><tr>" + "".join(
                f"<td style='border:1px solid #ccd;padding:2px 6px'>{_mark(c, needles)}</td>" for c in cells)
                + "</tr></table>") if len(cells) > 1 else _mark(text, needles)
            rows.append(f'<div style="{ROW};padding:3px 6px;border-left:3px solid #d32f2f">{body}</div>')
        else:
            rows.append(f'<div style="color:#666;padding:1px 6px">{html.escape(text)}</div>')
    return '<div class="ap-docx">' + "".join(rows) + "</div>"


# --- pages -----------------------------------------------------------------------------------------
def row_boxes(path: Path, page_no: int | None, snippet: str | None) -> list[Box]:
    """Boxes (PDF points, top-left origin) of the snippet's parts on the one text row holding most of them."""
    parts = list(dict.fromkeys(_parts(snippet or "")))[:12]
    if not parts or path.suffix.lower() != ".pdf":
        return []
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[min(max((page_no or 1) - 1, 0), len(pdf) - 1)]
        height = page.get_size()[1]
        textpage = page.get_textpage()
        hits: list[tuple[int, Box]] = []
        for i, part in enumerate(parts):
            search = textpage.search(part, match_case=False)
            for _ in range(200):
                hit = search.get_next()
                if not hit:
                    break
                start, count = hit
                for k in range(textpage.count_rects(start, count)):
                    left, bottom, right, top = textpage.get_rect(k)
                    hits.append((i, (left, height - top, right, height - bottom)))
        textpage.close()
        page.close()
    finally:
        pdf.close()
    best: tuple[int, float, list[Box]] | None = None
    for _, anchor in hits:  # a row: boxes whose vertical centres are within half a line of this one's
        mid, tol = (anchor[1] + anchor[3]) / 2, max(2.0, (anchor[3] - anchor[1]) * 0.6)
        on_row = [(i, b) for i, b in hits if abs((b[1] + b[3]) / 2 - mid) <= tol]
        found = {i for i, _ in on_row}
        cand = (len(found), -mid, [b for _, b in on_row])
        if best is None or cand[:2] > best[:2]:
            best = cand
    if not best:
        return []
    xs0, ts, xs1, bs = zip(*best[2])
    return [(min(xs0), min(ts), max(xs1), max(bs))]  # one box around the row's cited values


def zoom(img: Any, boxes: list[Box], margin_y: int = 110, min_width: int = 560) -> Any:
    """The region around the boxes (pixels), a few lines above and below and at least `min_width` wide,
    so the cited value is readable at panel size; the full page stays one click away (full screen)."""
    if not boxes:
        return img
    x0, x1 = min(b[0] for b in boxes), max(b[2] for b in boxes)
    top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
    pad_x = max(40.0, (min_width - (x1 - x0)) / 2)
    box = (max(0, int(x0 - pad_x)), max(0, int(top - margin_y)), min(img.width, int(x1 + pad_x)),
           min(img.height, int(bottom + margin_y)))
    return img.crop(box)


def evidence_view(services: Services, state: FindingState, index: int) -> EvidenceView:
    ev_list = state.finding.evidence
    if not ev_list:
        return EvidenceView(note="No evidence document is attached to this finding.")
    ev = ev_list[min(max(index, 0), len(ev_list) - 1)]
    doc = services.store.get_document(ev.document_sha256)
    if doc is None:
        return EvidenceView(note="The evidence document is not in the store.")
    path = services.workspace.root / doc.stored_path
    name, suffix = html.escape(doc.filename), Path(doc.filename).suffix.lower() or path.suffix.lower()
    refs = cited_refs(services, state, ev)
    snippet = f" · “{html.escape(ev.snippet[:160])}”" if ev.snippet else ""
    cell = parse_cell(ev.cell) or next((parse_cell(r.cell) for r in refs if parse_cell(r.cell)), None)
    if cell is not None or suffix in SHEET_SUFFIXES or suffix == ".docx":
        try:
            loaded = services.loaded_document(ev.document_sha256)
        except Exception as exc:  # noqa: BLE001 - an unreadable original must not hide the finding
            return EvidenceView(note=f"{name}: the original could not be read again ({html.escape(str(exc))}).")
        if cell is not None:
            page = _sheet_page(loaded, ev, cell)
            address = ev.cell or next(r.cell for r in refs if parse_cell(r.cell))
            others = {r.cell for r in refs if r.cell and r.cell != address}
            grid = grid_html(page, address, others) if page is not None else ""
            if grid:
                sheet = f"sheet {html.escape(page.name)} · " if page.name else ""
                return EvidenceView(html=grid, note=f"{name} · {sheet}cell <b>{html.escape(cell.label)}</b>{snippet}",
                                    boxes=1)
            return EvidenceView(note=f"{name}: cell {html.escape(address)} is not in the sheet as read now.")
        page = next((p for p in loaded.pages if p.number == (ev.page or 1)), loaded.pages[0] if loaded.pages else None)
        found = find_cell(page, ev.snippet) if page is not None and suffix in SHEET_SUFFIXES else None
        if found:
            return EvidenceView(html=grid_html(page, found), boxes=1,
                                note=f"{name} · cell <b>{html.escape(found)}</b> (holds the cited value){snippet}")
        text = docx_html(page, ev.snippet or (refs[0].span if refs else None)) if page is not None else ""
        if text:
            return EvidenceView(html=text, note=f"{name}{snippet}", boxes=1)
        return EvidenceView(note=f"{name}: the cited text is not in the document"
                                 + (f"{snippet}" if ev.snippet else " (the finding is about something absent)."))
    boxes = [r.bbox for r in refs if r.bbox][:1]
    how = "the value's recorded position"
    if not boxes and suffix not in IMAGE_SUFFIXES:
        boxes, how = row_boxes(path, ev.page, ev.snippet), "the row holding the cited text"
    view = render_page(path, ev.page, boxes, None, crop=not boxes)
    if boxes and view.image is not None:
        view.image = zoom(view.image, view.boxes)
    how = how if boxes else "no position recorded"
    return EvidenceView(image=view.image, note=f"{name} · {html.escape(view.note)} · boxed: {how}{snippet}",
                        boxes=len(boxes))
