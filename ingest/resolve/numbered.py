"""A log's columns told apart by the shape of their cells: the numbered places, and the phrases no person
is called.

A log's entries are told apart by their key fields. The one key of words (where the check was made) is,
on paper, a numbered place: each cell carries an identifier that joins letters and digits ("Box K-7,
cellar", "Bin D-3"), the number that lets the next visit find the same spot. What was done or used there
is said in words ("Glue tray renewed"). So when the key's column holds no such code on any row while a
column placed for another word field, or no field, holds one on every row, the headers placed them the
wrong way round (`key_by_codes`).

A person's column (a log's `name` field of the row) holds names: a cell written as a phrase, a long word
in lower case ("Trap emptied and reset"), names no one (`phrases`).
"""
from __future__ import annotations

from collections.abc import Callable

from auditpack.declarations import FieldDeclaration, KindDeclaration
from ingest.layout import TableRow
from ingest.layout.shapes import is_empty, parts_of

SAMPLE = 25
PLACED = 0.3          # the score of a column placed by its cells alone
SURE_HEADER = 0.9     # a column placed this surely by its header stays
MIN_HEADER = 0.25     # a header naming a field this well can take it
PHRASE_SHARE = 0.8    # this share of a column's cells written as phrases: no one's name
MIN_LOWER = 4         # a lower-case word this long is a word of a phrase, not a particle of a name ("de", "van")


def _filled(rows: list[TableRow], col: int) -> list[str]:
    return [t for r in rows[:SAMPLE] if col < len(r.cells) and not is_empty(t := r.cells[col].text.strip())]


def has_code(text: str) -> bool:
    """A token joining letters and digits ("K-7", "D-3"); a date or a measure is no code."""
    return any(p.kind == "code" and any(ch.isalpha() for ch in p.text) and any(ch.isdigit() for ch in p.text)
               for p in parts_of(text))


def _coded(cells: list[str]) -> bool:
    return len(cells) >= 2 and all(has_code(c) for c in cells)


def phrases(cells: list[str]) -> bool:
    """Most filled cells written as phrases: a word of four letters or more in lower case."""
    said = [c for c in cells if not is_empty(c)]
    lower = [c for c in said if any(w.isalpha() and w.islower() and len(w) >= MIN_LOWER for w in c.split())]
    return bool(said) and len(lower) >= PHRASE_SHARE * len(said)


def key_by_codes(columns: dict[str, int], scores: dict[str, float], rows: list[TableRow], width: int,
                 paths: dict[str, FieldDeclaration], decl: KindDeclaration, fit: Callable[[int, str], float]) -> None:
    """Give a log's one key field of words (`type: text`) the one column whose every cell carries a code,
    when its own column (if any) carries none (updates `columns`, `scores`). The field that held the coded
    column takes the key's old column only when that column's header names it; a key column found by its
    cells alone is given up."""
    if decl.one_per != "row" or len(rows) < 2:
        return
    keys = [k for k in decl.key_fields if k in paths and paths[k].type == "text"]
    if len(keys) != 1:
        return
    key = keys[0]
    old = columns.get(key)
    if old is not None and any(has_code(c) for c in _filled(rows, old)):
        return
    owner = {c: p for p, c in columns.items()}
    found = []
    for col in range(width):
        if col == old or not _coded(_filled(rows, col)):
            continue
        holder = owner.get(col)
        if holder is not None and (
                "." in holder or paths[holder].type not in ("text", "name") or scores.get(holder, 0.0) >= SURE_HEADER):
            continue
        found.append((col, holder))
    if len(found) != 1:
        return
    col, holder = found[0]
    old_score = scores.get(key, 0.0)
    columns[key], scores[key] = col, max(PLACED, scores.get(holder, 0.0) if holder else PLACED)
    if holder is None:
        return
    if old is not None and old_score > PLACED and fit(old, holder) >= MIN_HEADER:
        columns[holder], scores[holder] = old, round(0.7 * fit(old, holder) + 0.3, 3)
    else:
        columns.pop(holder)
        scores.pop(holder, None)
