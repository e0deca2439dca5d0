"""Questionnaires: "3. Describe ...?" and the answer under it.

A question is a numbered line ("3.", "3)", "(3)", "3.1", "a)", "C.2", "Q3."), or a
line of three or more words ending in "?" (word processors keep automatic
numbers out of the text). Its answer is what follows on the same line after
"?" or ":", else the lines down to the next question (or a wide vertical gap,
or a short "Label:" line that opens the next field; after a line that ends a
sentence, a "Label: value" line or a short caption without a closing mark). A numbered question that
wraps onto a second line ending in "?" or ":", or stops mid-sentence and goes
on in lower case ("... into the" / "silos."), is joined first. In tables, a
row whose cell asks ("...?", or a numbered request of four words or more) and
whose next cells hold text is a question and its answer.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.layout.candidates import CellText, KeyValue, Method, Where
from ingest.layout.segments import height, phrases, union
from ingest.layout.shapes import is_label
from ingest.models import Line
from ingest.normalize import find_date_text

_NUMBERED = re.compile(r"^\s*(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+|\(?[a-z]\)"
                       r"|[A-Z]\.\d{1,3}(?:\.\d{1,3})*\.?|[A-Z]\d{1,3}[.):])\s+(\S.*)$")
_ASKS = re.compile(r"^(.*?[?:：])\s+(\S.*)$")
MAX_ANSWER_LINES = 30


def numbered(text: str) -> str | None:
    """The text after a question number, or None when the line is not numbered. A line that is a
    calendar day as a whole ("24. Februar 2026") starts with the day of the month, not a number."""
    m = _NUMBERED.match(text)
    if not m:
        return None
    day = find_date_text(text)
    if day is not None and day.start() <= len(text) - len(text.lstrip()) and day.end() >= len(text.rstrip()) - 1:
        return None
    return m.group(1).strip()


def _asks(text: str) -> bool:
    """An unnumbered line that is a question by itself."""
    t = text.strip()
    return t.endswith(("?", "？")) and len(t.split()) >= 3


def _starts(text: str) -> bool:
    return numbered(text) is not None or _asks(text)


def _wraps(question: str, nxt: str) -> bool:
    """The next line goes on with the question: it ends asking ("?", ":"), or the question stopped
    mid-sentence (no closing mark) and the line carries on in lower case (an answer starts a sentence)."""
    if re.search(r"[?:：]\s*$", nxt):
        return True
    t = nxt.strip()
    return bool(t) and t[0].islower() and not question.rstrip().endswith((".", "!", ";")) and \
        t.endswith((".", "?", ":", "：")) and len(t.split()) <= 12


def _opens_label(text: str) -> bool:
    """A short "Label:" line: the next field of the form, not more of an answer."""
    t = text.strip()
    return t.endswith((":", "：")) and is_label(t)


_PAIR = re.compile(r"^([^:：]{2,40})[:：]\s+\S")


def _closes(text: str) -> bool:
    """The line ends a sentence: an answer may stop here."""
    return text.rstrip().endswith((".", "!", "?", "？", "。", ")"))


def _next_part(prev: str, text: str) -> bool:
    """After an answer line that ends a sentence, a line that is a "Label: value" pair ("Goods made:
    bread, rolls") or a short caption without a closing mark ("Approved sources") is the next part of
    the form (a field, the title of a table), not more of the answer: an answer that goes on starts
    another sentence, and a caption does not end like one."""
    if not _closes(prev):
        return False
    t = text.strip()
    pair = _PAIR.match(t)
    if pair:
        return is_label(pair.group(1))
    return is_label(t) and not _closes(t) and not t.startswith(("-", "•", "*", "–"))


def _where(page: int, method: Method, lines: Sequence[Line], cell: str | None = None) -> Where:
    words = [w for ln in lines for w in ln.words]
    return Where(page, "\n".join(ln.text for ln in lines), union(words), cell, method)


def _gap_breaks(prev: Line, nxt: Line) -> bool:
    if not (prev.words and nxt.words):
        return False
    return nxt.words[0].bbox[1] - max(w.bbox[3] for w in prev.words) > 2.0 * height(prev.words)


ROW_PHRASES = 5  # phrases set apart on one line from which it is a table's row, not a question


def table_row(line: Line) -> bool:
    """A line whose words stand in five or more phrases set apart ("0.2   Luis   Carmen   27 de marzo ...")
    is a row of a table drawn with text, whatever number it starts with (a reading of 0.2 looks like a
    question's number): a question is one sentence, with at most its answer and a note beside it."""
    return bool(line.words) and len(phrases(line.words)) >= ROW_PHRASES


def line_questions(lines: Sequence[Line], free: Sequence[int], page: int, method: Method,
                   cells: Sequence[str | None] | None = None,
                   take_answers: bool = False) -> tuple[list[KeyValue], set[int]]:
    """Questions among the lines at `free` (indices into `lines`, in order); returns their
    key-values and the indices of the question lines (answers stay free for other pairs, unless
    `take_answers`). `cells` gives each line's cell address when the lines are a sheet's rows."""

    def cell(i: int) -> str | None:
        return cells[i] if cells is not None and i < len(cells) else None

    out: list[KeyValue] = []
    used: set[int] = set()
    k = 0
    while k < len(free):
        i = free[k]
        text = numbered(lines[i].text)
        unnumbered = text is None and _asks(lines[i].text)
        text = lines[i].text.strip() if unnumbered else text
        k += 1
        if text is None or table_row(lines[i]):
            continue
        q_lines = [lines[i]]
        # a question wrapped onto the next line: join it while the question has not yet asked
        while k < len(free) and not re.search(r"[?:：]", text) and numbered(lines[free[k]].text) is None \
                and _wraps(text, lines[free[k]].text) and free[k] == free[k - 1] + 1:
            q_lines.append(lines[free[k]])
            text = f"{text} {lines[free[k]].text.strip()}"
            k += 1
        q_where = _where(page, method, q_lines, cell(i))
        inline = None if unnumbered else _ASKS.match(text)
        if inline:
            out.append(KeyValue(inline.group(1).rstrip(":： ").strip(), inline.group(2).strip(), "question",
                                q_where, q_where, 0.8))
            used.update(range(i, i + len(q_lines)))
            continue
        answer: list[Line] = []
        while k < len(free) and len(answer) < MAX_ANSWER_LINES and not _starts(lines[free[k]].text) \
                and not _opens_label(lines[free[k]].text) \
                and not (answer and _next_part(answer[-1].text, lines[free[k]].text)) \
                and free[k] == free[k - 1] + 1 and not _gap_breaks(lines[free[k - 1]], lines[free[k]]):
            answer.append(lines[free[k]])
            k += 1
        asks = bool(re.search(r"[?:：]\s*$", text))
        if not answer and (not asks or unnumbered):
            continue  # a numbered list item, or a question nobody answered below
        label = text.rstrip(":： ").strip()
        value = "\n".join(ln.text.strip() for ln in answer)
        where = _where(page, method, answer, cell(i + len(q_lines))) if answer else q_where
        score = (0.8 if asks else 0.55) if answer else 0.3
        out.append(KeyValue(label, value, "question", q_where, where, score - (0.1 if unnumbered else 0.0)))
        used.update(range(i, i + len(q_lines) + (len(answer) if take_answers else 0)))
    return out, used


def row_question(cells: Sequence[CellText]) -> KeyValue | None:
    """A table row that asks in one cell and answers in the cells after it (a numbered request
    that does not end in "?" needs an answer of a few words: "3. Oat flakes | 20" is a list row)."""
    filled = [c for c in cells if c.text.strip()]
    for n, cell in enumerate(filled[:-1]):
        item = numbered(cell.text)
        text = item or cell.text.strip()
        if text.endswith("?") or (text.endswith((":", "：")) or item) and len(text.split()) >= 4:
            rest = [c for c in filled[n + 1:] if c.text.strip() != cell.text.strip()]
            if rest and (not item or text.endswith(("?", ":", "：")) or len(rest[0].text.split()) >= 4):
                value = " ".join(c.text.strip() for c in rest)
                return KeyValue(text.rstrip(":： ").strip(), value, "question", cell.where, rest[0].where, 0.75)
    return None
