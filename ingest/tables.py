"""Rows of a table found by its header, in ruled tables, sheets or positioned text.

A parser names its columns with aliases (``{"quantity": ["qty", "quantity",
"menge"]}``); the header row is the row matching the most aliases, and each
following row becomes a `Row` mapping field -> `Cell` (text + where it was).
Text tables without ruling use the header words' x positions as columns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ingest.models import LoadedDocument, Page

_STOP = re.compile(r"^\s*(sub\s*total|total|grand total|invoice total|totaal|summe|somme|amount due|balance due)\b",
                   re.I)


_EMPTY = {"", "-", "--", "—", "–", "n/a", "na", "n.a."}


@dataclass
class Cell:
    text: str
    page: Page
    cell: str | None = None
    bbox: tuple[float, float, float, float] | None = None


@dataclass
class Row:
    cells: dict[str, Cell] = field(default_factory=dict)
    line: str = ""
    page: Page | None = None
    raw: dict[str, Cell] = field(default_factory=dict)  # every column by its header text (tables only)

    def get(self, name: str) -> str | None:
        """The cell's text; None when empty or a placeholder ("-", "n/a")."""
        c = self.cells.get(name)
        text = c.text.strip() if c else ""
        return None if text.lower() in _EMPTY else text


def header_text(header: str) -> str:
    """"Qty (kg)" -> "qty (kg)"; "service_date" -> "service date"."""
    return re.sub(r"\s+", " ", header.lower().replace("_", " ")).strip(" :*")


class _Columns:
    """A parser's columns, scored against header texts once each.

    A table's first 25 rows are all tried as its header, and the same header texts come back on every page
    and in every document of a batch, so each distinct text is scored once per column set; fuzzy ratios
    are asked with rapidfuzz's `score_cutoff` (88, the match threshold), which skips hopeless aliases by
    their lengths before comparing them. Scores equal the scorer's before this cache (its reference copy
    and the comparison are in tests/ingest/test_tables_speed.py).
    """

    _CACHE_MAX = 20000  # header texts remembered per column set (a worker reads many documents)

    def __init__(self, columns: dict[str, list[str]]) -> None:
        self.columns = columns
        self.aliases = [(name, i, a, a.replace(" ", ""), len(a)) for name, aliases in columns.items()
                        for i, a in enumerate(aliases)]
        self._seen: dict[str, tuple[str | None, float]] = {}
        # What a header must share with some alias to score 88 at all, checked in C before the loop below:
        # most texts tried as headers are values of body rows and match nothing.
        self._texts = {a for _, _, a, _, _ in self.aliases}
        self._short_squashed = {sq for _, _, _, sq, n in self.aliases if n <= 8}
        self._fuzzy = sorted({a for _, _, a, _, n in self.aliases if n > 3})
        self._tails = {a for _, _, a, _, n in self.aliases if n >= 6}

    def score(self, header: str) -> tuple[str | None, float]:
        """Best (column, score) for a header; earlier aliases win ties ("Description" over "Item")."""
        hit = self._seen.get(header)
        if hit is None:
            if len(self._seen) >= self._CACHE_MAX:
                self._seen.clear()
            hit = self._seen[header] = self._score(header)
        return hit

    def _score(self, header: str) -> tuple[str | None, float]:
        h = header_text(header)
        if not h:
            return None, 0.0
        bare = _PARENS.sub(" ", h).strip()  # "final rinse cl (ppm)" -> "final rinse cl"
        squashed = h.replace(" ", "")
        if not self._may_match(h, bare, squashed):
            return None, 0.0
        best, best_score = None, 0.0
        for name, i, a, a_squashed, n in self.aliases:
            if h == a or bare == a or (n <= 8 and squashed == a_squashed):
                s = 100.0  # incl. a narrow header cell that wrapped mid-word ("OR G")
            elif n > 3:
                # below 88 a ratio can never be the answer (a lower one cannot hide a higher one)
                s = max(fuzz.ratio(h, a, score_cutoff=88), fuzz.ratio(bare, a, score_cutoff=88))
                if n >= 6 and h.endswith(a) and h[-n - 1: -n].isalpha():
                    s = max(s, 89.0)  # glyphs of the previous header ran into this one ("ppmRinse OK")
            else:
                s = 0.0
            s -= 0.01 * i
            if s > best_score:
                best, best_score = name, s
        return (best, best_score) if best_score >= 88 else (None, 0.0)

    def _may_match(self, h: str, bare: str, squashed: str) -> bool:
        """Whether any alias can reach 88 in `_score`: equal text, equal squashed text (short aliases), a
        ratio of 88 or more (rapidfuzz's extractOne loops in C), or an alias of six letters or more ending
        the header. A False here is exactly the loop's (None, 0.0), found without it."""
        if h in self._texts or bare in self._texts or squashed in self._short_squashed:
            return True
        if process.extractOne(h, self._fuzzy, scorer=fuzz.ratio, score_cutoff=88) is not None:
            return True
        if bare != h and process.extractOne(bare, self._fuzzy, scorer=fuzz.ratio, score_cutoff=88) is not None:
            return True
        return any(h[-k:] in self._tails and h[-k - 1].isalpha() for k in range(6, len(h)))

    def match(self, header: str) -> str | None:
        return self.score(header)[0]

    def header_map(self, row: list[str]) -> dict[int, str]:
        """Cell index -> column for a candidate header row; each column once, to its best-scoring cell."""
        scored = [(i, *self.score(h)) for i, h in enumerate(row)]
        out: dict[int, str] = {}
        used: set[str] = set()
        for i, name, _ in sorted((x for x in scored if x[1]), key=lambda x: -x[2]):
            if name not in used:
                out[i] = name
                used.add(name)
        return out


_PARENS = re.compile(r"\s*\([^)]*\)\s*")
_MATCHERS: dict[tuple, _Columns] = {}


def _columns(columns: dict[str, list[str]]) -> _Columns:
    """The scorer of a column set, shared by every call with equal columns (parsers pass constants)."""
    key = tuple((name, tuple(aliases)) for name, aliases in columns.items())
    found = _MATCHERS.get(key)
    if found is None:
        if len(_MATCHERS) >= 256:
            _MATCHERS.clear()
        found = _MATCHERS[key] = _Columns(columns)
    return found


def _table_rows(page: Page, cols: _Columns, required: set[str]) -> list[Row]:
    rows: list[Row] = []
    for t in page.tables:
        candidates = [t.header_row] if t.header_row is not None else []
        candidates += range(min(len(t.rows), 25))
        best_i, best_map = None, {}
        for i in candidates:
            m = cols.header_map(t.rows[i])
            if len(m) > len(best_map):
                best_i, best_map = i, m
        if best_i is None or len(best_map) < 2 or not required <= set(best_map.values()):
            continue
        for r in range(best_i + 1, len(t.rows)):
            row = t.rows[r]
            again = cols.header_map(row)
            if again and len(again) >= len(best_map) - 1:
                continue  # a repeated header (page break inside a sheet)
            cells = {name: Cell(row[i], page, t.cells[r][i] if t.cells else None)
                     for i, name in best_map.items() if i < len(row)}
            header = t.rows[best_i]
            raw = {header_text(header[i]): Cell(row[i], page, t.cells[r][i] if t.cells else None)
                   for i in range(min(len(row), len(header))) if header[i]}
            if any(c.text for c in cells.values()):
                rows.append(Row(cells, " | ".join(x for x in row if x), page, raw))
    return rows


def _text_rows(page: Page, cols: _Columns, required: set[str]) -> list[Row]:
    """Header words give column x-ranges; following lines are cut at those positions."""
    lines = [ln for ln in page.lines if ln.words]
    for hi, line in enumerate(lines):
        # try single words and adjacent word pairs as header names ("Unit Price")
        spans: list[tuple[str, float, float]] = []
        ws = line.words
        k = used = 0
        while k < len(ws):
            for n in (3, 2, 1):
                chunk = ws[k:k + n]
                name = cols.match(" ".join(w.text for w in chunk)) if len(chunk) == n else None
                if name and name not in {s[0] for s in spans}:
                    spans.append((name, chunk[0].bbox[0], chunk[-1].bbox[2]))
                    k += n
                    used += n
                    break
            else:
                k += 1
        if len(spans) < 2 or not required <= {s[0] for s in spans} or used < 0.5 * len(ws):
            continue  # a sentence that mentions two column names is not a header
        spans.sort(key=lambda s: s[1])

        def column_of(w) -> str:
            """The header the word overlaps most; if none, the header starting left of it (headers are
            usually left-aligned over right-aligned numbers); else the first column."""
            best, best_overlap = None, 0.0
            for name, x0, x1 in spans:
                overlap = min(w.bbox[2], x1) - max(w.bbox[0], x0)
                if overlap > best_overlap:
                    best, best_overlap = name, overlap
            if best:
                return best
            left = [s for s in spans if s[1] <= w.bbox[0]]
            return left[-1][0] if left else spans[0][0]

        out: list[Row] = []
        for ln in lines[hi + 1:]:
            if _STOP.match(ln.text):
                break
            cells: dict[str, list] = {}
            for w in ln.words:
                cells.setdefault(column_of(w), []).append(w)
            row = Row({n: Cell(" ".join(w.text for w in ws_), page, None,
                               (ws_[0].bbox[0], ws_[0].bbox[1], ws_[-1].bbox[2], ws_[-1].bbox[3]))
                       for n, ws_ in cells.items()}, ln.text, page)
            out.append(row)
        return out
    return []


_CELL_SEP = re.compile(r"\s{2,}|\s*\|\s*|\t")


def _split_rows(page: Page, cols: _Columns, required: set[str]) -> list[Row]:
    """Plain text (no word boxes): columns separated by wide gaps, tabs or "|"."""
    lines = [ln.text for ln in page.lines if not ln.words and ln.text.strip()]
    for hi, text in enumerate(lines):
        header = [c for c in _CELL_SEP.split(text.strip()) if c]
        m = cols.header_map(header)
        if len(m) < 2 or not required <= set(m.values()):
            continue
        out = []
        for line in lines[hi + 1:]:
            if _STOP.match(line):
                break
            cells = [c for c in _CELL_SEP.split(line.strip()) if c]
            if len(cells) != len(header):
                continue
            out.append(Row({name: Cell(cells[i], page) for i, name in m.items()}, line, page,
                           {header_text(h): Cell(cells[i], page) for i, h in enumerate(header)}))
        return out
    return []


def find_rows(doc: LoadedDocument, columns: dict[str, list[str]], required: set[str] | None = None) -> list[Row]:
    """All data rows under a header that names at least two of `columns` (and all `required`)."""
    required = required or set()
    cols = _columns(columns)
    rows: list[Row] = []
    for page in doc.pages:
        found = _table_rows(page, cols, required)
        rows.extend(found or _text_rows(page, cols, required) or _split_rows(page, cols, required))
    return rows
