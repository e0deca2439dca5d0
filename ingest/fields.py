"""Find values by their labels, fuzzily, wherever the layout put them.

Supported placements, tried in order for each line where a label matches:
``Label: value`` / ``Label   value`` / ``Label | value`` on the same line, then
the value *below* the label (header row over a value row, matched by x
position when word boxes are known). No fixed positions anywhere.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from auditpack.records import SourceRef
from auditpack.records.provenance import ExtractionMethod
from ingest.models import LoadedDocument, Page

_SEP = re.compile(r"\s{3,}|\s\|\s|\t")


@dataclass
class Found:
    value: object
    text: str
    page: Page
    line: str
    score: float
    bbox: tuple[float, float, float, float] | None = None
    cell: str | None = None
    method: str | None = None

    def source(self, doc: LoadedDocument) -> SourceRef:
        method = self.method or {"ocr": "ocr", "cell": "cell"}.get(self.page.method, "text")
        return SourceRef(
            document_sha256=doc.sha256, filename=doc.filename, page=self.page.number, span=self.line[:300],
            cell=self.cell, bbox=self.bbox, extraction_method=ExtractionMethod(method),
            confidence=round(max(0.0, min(1.0, self.score * self.page.confidence)), 3),
        )


_SPACES = re.compile(r"\s+")


def norm(s: str) -> str:
    return _SPACES.sub(" ", s.lower()).strip()


_WORD = re.compile(r"\S+")
_SQUASH = re.compile(r"[\s:#.]+")


def _squash(s: str) -> str:
    return _SQUASH.sub("", s.lower())


# Label search is the parsers' inner loop (every label x every line, three passes): what depends only on
# the label or only on the line is computed once per distinct text, in bounded caches.
@lru_cache(maxsize=1024)
def _exact_pattern(label: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(label)}(?!\w)" if label[-1].isalnum() else rf"(?<!\w){re.escape(label)}")


@lru_cache(maxsize=1024)
def _fuzzy_target(label: str) -> tuple[str, int]:
    return _squash(label), len(label.split())


class _Windows:
    """A line's lower-cased text, its words' spans, and each word window's squashed text (made on first use)."""

    __slots__ = ("low", "spans", "_squashed")

    def __init__(self, line: str) -> None:
        self.low = line.lower()
        self.spans = [m.span() for m in _WORD.finditer(self.low)]
        self._squashed: dict[tuple[int, int], str] = {}

    def squashed(self, i: int, k: int) -> str:
        key = (i, k)
        out = self._squashed.get(key)
        if out is None:
            out = self._squashed[key] = _squash(self.low[self.spans[i][0]:self.spans[i + k - 1][1]])
        return out


@lru_cache(maxsize=4096)
def _windows(line: str) -> _Windows:
    return _Windows(line)


def _locate(label: str, line: str, threshold: float, fuzzy: bool = True) -> Iterator[tuple[int, int, float]]:
    """Every (start, end, score) of `label` in `line`. Fuzzy matching compares whole-word windows
    (so "F actuurnummer:" matches "factuurnummer", but "Invoice INV/2023" never matches "invoice no")."""
    if not fuzzy:
        low = line.lower()
        if label in low:  # the pattern can only match where the label's text is
            for m in _exact_pattern(label).finditer(low):
                yield m.start(), m.end(), 1.0
        return
    yield from _fuzzy_hits(label, line, threshold)


@lru_cache(maxsize=65536)
def _fuzzy_hits(label: str, line: str, threshold: float) -> tuple[tuple[int, int, float], ...]:
    """The fuzzy hits of `_locate`, once per (label, line): a parser asks the same labels of the same lines
    again (a page's split key, then the whole document; a number label, then a date label's fallback), and
    the same lines recur from document to document (headers, footers, a supplier's template)."""
    if len(label) < 6:
        return ()
    hits: list[tuple[int, int, float]] = []
    win = _windows(line)
    spans = win.spans
    target, n = _fuzzy_target(label)
    cutoff = max(threshold, 92)
    for i in range(len(spans)):
        for k in (n, n + 1, n - 1):
            if k < 1 or i + k > len(spans):
                continue
            cand = win.squashed(i, k)
            # below the cutoff rapidfuzz answers 0, which the condition below refuses as it refused the full score
            score = fuzz.ratio(target, cand, score_cutoff=cutoff)
            if score >= cutoff and score < 100 or (score == 100 and cand != label):
                hits.append((spans[i][0], spans[i + k - 1][1], score / 100))
                break
    return tuple(hits)


def _anchored(text: str, start: int) -> bool:
    """The label starts the line or a column (after a wide gap or a cell separator)."""
    before = text[:start]
    return not before.strip() or bool(_COLUMN_END.search(before))


_COLUMN_END = re.compile(r"(\s{3,}|\|\s*|\t)$")
_LEAD = re.compile(r"^[\s:#.\-–=|_]*")
_NEXT_LABEL = re.compile(r"^[A-Za-z][A-Za-z /.]{0,30}:(\s|$)")


def _value_after(line: str, end: int) -> str:
    if end < len(line) and line[end].isalnum():
        return ""  # the label is only the start of a longer word
    rest = line[end:]
    rest = _LEAD.sub("", rest, count=1)
    value = _SEP.split(rest, maxsplit=1)[0].strip() if rest else ""
    return "" if _NEXT_LABEL.match(value) else value


def _value_below(page: Page, idx: int, start: int, end: int) -> tuple[str, tuple | None]:
    """Text in the next line under the label (x overlap), for header-over-value layouts."""
    line = page.lines[idx]
    for nxt in page.lines[idx + 1: idx + 3]:
        if not nxt.text.strip():
            continue
        if line.words and nxt.words:
            lx0, lx1 = _span_x(line, start, end)
            start_k = next((k for k, w in enumerate(nxt.words) if w.bbox[2] > lx0 - 4 and w.bbox[0] < lx1 + 4), None)
            if start_k is not None:
                group = [nxt.words[start_k]]
                for w in nxt.words[start_k + 1:]:  # the value may be wider than its label
                    if w.bbox[0] - group[-1].bbox[2] > 2.0 * max(w.bbox[3] - w.bbox[1], 1):
                        break
                    group.append(w)
                return " ".join(w.text for w in group), (group[0].bbox[0], group[0].bbox[1],
                                                         group[-1].bbox[2], group[-1].bbox[3])
            return "", None
        return _SEP.split(nxt.text.strip(), maxsplit=1)[0], None
    return "", None


def _span_x(line, start: int, end: int) -> tuple[float, float]:
    pos, xs = 0, []
    for w in line.words:
        i = line.text.find(w.text, pos)
        if i < 0:
            continue
        j = i + len(w.text)
        if j > start and i < end:
            xs.append(w.bbox)
        pos = j
    if not xs:
        return line.words[0].bbox[0], line.words[-1].bbox[2]
    return min(b[0] for b in xs), max(b[2] for b in xs)


def bbox_of(line, text: str) -> tuple | None:
    if not line.words or not text:
        return None
    first = text.split()[0]
    for k, w in enumerate(line.words):
        if w.text == first or first in w.text:
            n = len(text.split())
            ws = line.words[k: k + n]
            return (ws[0].bbox[0], min(x.bbox[1] for x in ws), ws[-1].bbox[2], max(x.bbox[3] for x in ws))
    return None


def _cell_of(page: Page, value: str) -> str | None:
    for t in page.tables:
        if t.cells:
            for r, row in enumerate(t.rows):
                for c, v in enumerate(row):
                    if v == value:
                        return t.cells[r][c]
    return None


def text_value(s: str) -> str | None:
    """A plain text value: not empty, not another label ("Address:"), not just punctuation."""
    s = s.strip().strip("|").strip()
    if not s or s.endswith(":") or not any(ch.isalnum() for ch in s) or len(s) > 200:
        return None
    return s


def find(doc: LoadedDocument, labels: Iterable[str], convert: Callable[[str], object] = text_value,
         threshold: float = 88.0, below: bool = True, pages: Iterable[Page] | None = None,
         block: int = 0, anchored: bool = False) -> Found | None:
    """First value next to (or under) one of `labels` that `convert` accepts (returns non-None).

    Labels are tried in order (specific ones first), each exactly everywhere before fuzzily; a label
    that starts a line or a column is preferred to one inside a sentence (`anchored` requires it).
    `block` > 0 takes that many whole lines under the label instead (an address block)."""
    labels = [norm(lb) for lb in labels]
    pages = list(pages if pages is not None else doc.pages)
    for label in labels:
        for fuzzy, need_anchor in ((False, True), (False, False), (True, False)):
            if anchored and not need_anchor:
                continue
            for page in pages:
                if fuzzy and page.method == "cell":
                    continue  # spreadsheet text is exact: fuzzy matching is for OCR and kerning splits
                for idx, line in enumerate(page.lines[:60] if page.method == "cell" else page.lines):
                    if fuzzy and len(line.text) > 200:
                        continue
                    for start, end, score in _locate(label, line.text, threshold, fuzzy):
                        if need_anchor and not _anchored(line.text, start):
                            continue
                        if block:
                            if _value_after(line.text, end) and not re.fullmatch(
                                    r"[A-Z ]{3,}", _value_after(line.text, end)):
                                continue  # a same-line value: not a block label here
                            nxt = [ln.text.strip() for ln in page.lines[idx + 1: idx + 1 + block]]
                            raw = ", ".join(t for t in nxt if t)
                            value = convert(raw) if raw else None
                            if value is not None:
                                return Found(value, raw, page, f"{line.text}\n" + "\n".join(nxt), score)
                            continue
                        raw = _value_after(line.text, end)
                        if raw:
                            value = convert(raw)
                            if value is not None:
                                return Found(value, raw, page, line.text, score, bbox_of(line, raw),
                                             _cell_of(page, raw))
                        if below:
                            raw, bbox = _value_below(page, idx, start, end)
                            value = convert(raw) if raw else None
                            if value is not None:
                                return Found(value, raw, page, f"{line.text}\n{raw}", score * 0.95, bbox)
    return None


def find_all(doc: LoadedDocument, labels: Iterable[str], convert: Callable[[str], object],
             threshold: float = 88.0, whole_rest: bool = False) -> list[Found]:
    """Every same-line value of any of `labels` (e.g. all "total" amounts, to pick the largest).
    `whole_rest` hands `convert` everything right of the label ("Total EUR   34,73")."""
    out = []
    for label in [norm(lb) for lb in labels]:
        for page in doc.pages:
            for line in page.lines:
                hits = list(_locate(label, line.text, threshold, False))
                if not hits and page.method != "cell" and len(line.text) <= 200:
                    hits = list(_locate(label, line.text, threshold, True))
                for start, end, score in hits:
                    raw = _value_after(line.text, end) if not whole_rest else \
                        re.sub(r"^\s*[:#.\-–=|]*\s*", "", line.text[end:]).strip()
                    value = convert(raw) if raw else None
                    if value is not None:
                        out.append(Found(value, raw, page, line.text, score, bbox_of(line, raw), _cell_of(page, raw)))
    return out


def find_regex(doc: LoadedDocument, pattern: str, group: int = 1, convert=text_value,
               flags: int = re.I) -> Found | None:
    rx = re.compile(pattern, flags)
    for page in doc.pages:
        for line in page.lines:
            m = rx.search(line.text)
            if m:
                value = convert(m.group(group))
                if value is not None:
                    return Found(value, m.group(group), page, line.text, 0.9, bbox_of(line, m.group(group)))
    return None


_KW_CACHE: dict[str, re.Pattern] = {}


def label_score(text: str, keywords: dict[str, float]) -> float:
    """Sum of weights of the keywords present in `text` (case-insensitive, word-bounded)."""
    low = text[:60000].lower().replace("_", " ")
    total = 0.0
    for k, w in keywords.items():
        if k not in low:
            continue
        rx = _KW_CACHE.get(k)
        if rx is None:
            rx = _KW_CACHE[k] = re.compile(rf"(?<![a-z]){re.escape(k)}(?![a-z])")
        if rx.search(low):
            total += w
    return total
