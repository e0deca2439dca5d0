"""Text stacked in one column: a label over its value, a caption over its list, questions.

A sheet block that fills one column is read row by row as a person reads a
column of text. First each row is what it says on its own: a numbered question
(the rows under it are its answer), "Label: value", a line of check boxes (named
by a lone label just above it). The rows left are explained together, as a label
over its value (a short row without a digit over any row) or a caption over a
list of short items (bulleted, numbered or plain: one value, the items joined by
"; "). Of the ways to read a run of rows, the one that explains the most rows
wins, then the one with more evidence (a colon after a label, digits in a value,
bullets), then the one with fewer pieces. A plain list runs to its last short
row, so it never swallows the label of a pair under it; a title (the sheet's
first row) is the worst label, and the caption of a table or of questions below
the block labels nothing here.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest.layout.candidates import CellText, CheckLine, KeyValue, Method, Where
from ingest.layout.checks import MARK, check_line
from ingest.layout.inline import row_pairs
from ingest.layout.questions import line_questions, numbered, table_row
from ingest.layout.segments import Segment
from ingest.layout.shapes import has_digits, is_label, is_sentence
from ingest.models import Line

_BULLET = re.compile(r"^\s*[•\-*–·▪◦‣]\s+(\S.*)$")
Score = tuple[int, int, int]  # rows explained, evidence, minus the pieces


def bullet_item(text: str) -> str | None:
    """The item of a bulleted ("• a", "- a", "* a") or numbered ("1. a") row that asks nothing."""
    m = _BULLET.match(text)
    if m:
        return m.group(1).strip()
    item = numbered(text)
    return item if item and not item.endswith(("?", "？", ":", "：")) and len(item) <= 80 else None


def colon_label(text: str) -> bool:
    t = text.strip()
    return t.endswith((":", "：")) and is_label(t)


def plain_label(text: str) -> bool:
    """A short row without a digit, a label or a caption by its shape."""
    return is_label(text) and not has_digits(text) and bullet_item(text) is None


@dataclass
class StackReading:
    key_values: list[KeyValue] = field(default_factory=list)
    checks: list[CheckLine] = field(default_factory=list)


def _list_kv(caption: CellText, items: list[CellText], score: float) -> KeyValue:
    texts = [bullet_item(c.text) or c.text.strip() for c in items]
    first = items[0].where
    boxes = [c.where.bbox for c in items if c.where.bbox]
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes)) if boxes else None
    where = Where(first.page, "\n".join(c.text for c in items), bbox, first.cell, first.method)
    return KeyValue(caption.text.strip().rstrip(":：").strip(), "; ".join(texts), "below", caption.where, where,
                    score)


def _streak(flags: list[bool]) -> list[int]:
    """For each row, how many rows from it on have the flag (a run of items, in one pass)."""
    out = [0] * (len(flags) + 1)
    for k in range(len(flags) - 1, -1, -1):
        out[k] = out[k + 1] + 1 if flags[k] else 0
    return out


def _add(a: Score, b: Score) -> Score:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _explain(run: list[CellText], top: bool) -> list[KeyValue]:
    """The label/value pairs and caption/list values of a run of rows, read the way that explains most."""
    n = len(run)
    texts = [c.text.strip() for c in run]
    colons = [colon_label(t) for t in texts]
    labels = [c or plain_label(t) for c, t in zip(colons, texts, strict=True)]
    bullets = [bullet_item(t) is not None for t in texts]
    bullet_run = _streak(bullets)
    plain_run = _streak([not b and not c and is_label(t) for t, b, c in zip(texts, bullets, colons, strict=True)])
    # best[k]: the best reading of rows k.. as (score, the piece starting at k, where it ends)
    best: list[tuple[Score, str, int]] = [((0, 0, 0), "", n)] * (n + 1)
    for k in range(n - 1, -1, -1):
        options = [(best[k + 1][0], "skip", k + 1)]
        title = int(top and k == 0)
        if labels[k] and k + 1 < n:
            if not colons[k + 1] and not bullets[k + 1]:
                digits = has_digits(texts[k + 1]) and not is_sentence(texts[k + 1])  # a note's "7 CFR 205" is no value
                options.append((_add((2, colons[k] + digits - title, -1), best[k + 2][0]),
                                "pair", k + 2))
            items = bullet_run[k + 1] or plain_run[k + 1]
            if items >= (1 if bullets[k + 1] else 2):
                options.append((_add((items + 1, colons[k] + bullets[k + 1] - title, -1), best[k + 1 + items][0]),
                                "list", k + 1 + items))
        best[k] = max(options, key=lambda o: o[0])
    out = []
    k = 0
    while k < n:
        _, piece, end = best[k]
        if piece == "pair":
            score = 0.75 if colons[k] else (0.65 if has_digits(texts[k + 1]) else 0.55)
            out.append(KeyValue(texts[k].rstrip(":：").strip(), texts[k + 1], "below", run[k].where,
                                run[k + 1].where, score))
        elif piece == "list":
            out.append(_list_kv(run[k], run[k + 1:end], 0.75 if colons[k] or bullets[k + 1] else 0.6))
        k = end
    return out


def read_stack(rows: list[CellText], method: Method, top: bool = False, caption_last: bool = False) -> StackReading:
    """Key-values and check lines of one column of text rows (one filled cell each, in order).

    `top`: the first row is the sheet's first (a title); `caption_last`: the last row is the
    caption of the table under the block."""
    out = StackReading()
    if not rows:
        return out
    page = rows[0].where.page
    lines = [Line(text=c.text) for c in rows]
    kvs, used = line_questions(lines, range(len(rows)), page, method, [c.where.cell for c in rows], True)
    out.key_values += kvs
    if caption_last and plain_label(rows[-1].text):
        used.add(len(rows) - 1)
    for q in sorted(used):  # a short row right above a question is the heading of its section
        if q > 0 and q - 1 not in used and plain_label(rows[q - 1].text) and rows[q].text != rows[q - 1].text:
            if numbered(rows[q].text) is not None or rows[q].text.rstrip().endswith(("?", "？")):
                used.add(q - 1)
    run: list[CellText] = []
    for k, cell in enumerate([*rows, None]):
        alone = cell is None or k in used or _alone(cell, run, out)
        if alone:
            out.key_values += _explain(run, top and bool(run) and run[0] is rows[0])
            run = []
        elif cell is not None:
            run.append(cell)
    return out


def _alone(cell: CellText, run: list[CellText], out: StackReading) -> bool:
    """Read a row that says what it is on its own (check boxes, "Label: value"); False for the others."""
    if MARK.search(cell.text):
        found = check_line(cell.text, cell.where)
        if found:
            if not found.label and run and (colon_label(run[-1].text) or plain_label(run[-1].text)):
                found = CheckLine(run.pop().text.strip().rstrip(":：").strip(), found.options, found.where)
            out.checks.append(found)
            return True
    pairs = row_pairs([Segment(cell.text, cell.where)])
    out.key_values += pairs.key_values
    return bool(pairs.key_values)


def line_lists(lines: Sequence[Line], free: Sequence[int], page: int,
               method: Method) -> tuple[list[KeyValue], set[int]]:
    """A caption line followed by bulleted or numbered item lines (a page's lines, `free` in order):
    one key-value each, the items joined by "; "; returns them and the lines they used."""
    out: list[KeyValue] = []
    used: set[int] = set()
    k = 0
    while k < len(free) - 1:
        i = free[k]
        m = k + 1
        # a line of five phrases set apart is a table's row even when it starts with a number ("0.2   Luis ...")
        while m < len(free) and free[m] == free[m - 1] + 1 and bullet_item(lines[free[m]].text) is not None \
                and not table_row(lines[free[m]]):
            m += 1
        text = lines[i].text.strip()
        if m == k + 1 or not (colon_label(text) or plain_label(text)):
            k = m if m > k + 1 else k + 1
            continue
        items = [_line_cell(lines[free[j]], page, method) for j in range(k + 1, m)]
        out.append(_list_kv(_line_cell(lines[i], page, method), items, 0.75))
        used.update(free[j] for j in range(k, m))
        k = m
    return out, used


def _line_cell(line: Line, page: int, method: Method) -> CellText:
    return CellText(line.text, Where(page, line.text, line.bbox, None, method))
