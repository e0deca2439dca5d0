"""A log's columns that no header names, placed by what their cells hold: who checked the work, the site,
the remarks, and which of two person columns is which.

A log names who did the work (a required person column, placed by its header) and often, in a column
headed in a word of the house's own (a stamp's caption), who checked it. When that column's header names
nothing, its cells still say what it is: the names of people, set apart from the worker's column, one
sign-off each. The log's optional person field left free takes the one such column. A column of one place
name on every row (the site) looks the same; a site is never left blank, is not written with an initial
("J. Marsh"), and its name does not lean to a person's meaning, so a column is taken only when one of those
says it holds people rather than a site. The other way round, the site's column (`place_site`) is the one
unplaced column that says one place's name on every row, never blank. Remarks (`place_remarks`) are phrases
written on some rows only.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from auditpack.declarations import FieldDeclaration, KindDeclaration
from ingest.layout import TableRow, split_composite
from ingest.layout.checks import MARK
from ingest.layout.shapes import has_digits, is_empty
from ingest.normalize import parse_bool
from ingest.resolve.semantic import leaning
from ingest.resolve.values import answer_share

SAMPLE = 25
PLACED = 0.3       # the score of a column placed by its cells alone
MAX_WORDS = 4      # a person's name is short; a longer cell is a remark
PEOPLE_TIE = 0.05  # headers fitting the worker and the checker this alike say nothing of which is which
PERSON_LEAN = 0.05  # cells leaning this much more to the person field's meaning than to the other's are people
MIN_PERSON_HEADER = 0.25  # a header naming the person this well, beside what it names better
_INITIAL = re.compile(r"^[^\W\d_]\.\s*[^\W\d_]{2,}")  # "J. Marsh"


def _person_like(cells: list[str]) -> bool:
    """Short names, every long word capitalised, no digits, no marks or answers ("Tom Becker", "K. Nguyen")."""
    if not cells or any(has_digits(c) or MARK.search(c) or parse_bool(c) is not None for c in cells):
        return False
    if any(len(c.split()) > MAX_WORDS or c.rstrip().endswith((".", "!", "?")) for c in cells):
        return False
    long_words = [w for c in cells for w in c.split() if sum(ch.isalpha() for ch in w) >= 4]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


def _column(rows: list[TableRow], col: int) -> list[str]:
    return [r.cells[col].text.strip() if col < len(r.cells) else "" for r in rows[:SAMPLE]]


def _row_names(paths: dict[str, FieldDeclaration]) -> list[str]:
    """The log's own person fields of the row (`type: name`, `position: row`; not a nested list's)."""
    return [p for p, f in paths.items() if "." not in p and f.type == "name" and f.position == "row"]


def _top_names(paths: dict[str, FieldDeclaration]) -> list[str]:
    """The log's heading names (`type: name`, `position: top`): the site."""
    return [p for p, f in paths.items() if "." not in p and f.type == "name" and f.position == "top"]


def _unplaced_workers(paths: dict[str, FieldDeclaration], decl: KindDeclaration, columns: dict[str, int]) -> list[str]:
    """The required person of the row (who did the work, not a key field such as the equipment) without a
    column yet."""
    return [p for p in _row_names(paths) if paths[p].required and p not in decl.key_fields and p not in columns]


def _names(cells: list[str]) -> set[str]:
    """The distinct names a column says, spacing and case aside."""
    return {" ".join(c.split()).casefold() for c in cells if not is_empty(c)}


def _free_columns(columns: dict[str, int], rows: list[TableRow],
                  width: int) -> Iterator[tuple[int, list[str], list[str]]]:
    """Each column no field has yet, with its sampled cells and those of them filled."""
    for col in range(width):
        if col not in columns.values():
            cells = _column(rows, col)
            yield col, cells, [c for c in cells if not is_empty(c)]


def place_second_person(columns: dict[str, int], scores: dict[str, float], rows: list[TableRow], width: int,
                        paths: dict[str, FieldDeclaration], decl: KindDeclaration, embedder: str | None) -> None:
    """Give a log's free optional person field (`type: name`, `position: row`) the one unplaced column of
    people's names, once its required person field is placed (updates `columns`, `scores`). The required
    name that is one of the log's key fields names what the row is about (the equipment), not a person."""
    if decl.one_per != "row" or len(rows) < 2:
        return
    people = _row_names(paths)
    worker = [p for p in people if paths[p].required and p in columns and p not in decl.key_fields]
    free = [p for p in people if not paths[p].required and p not in columns]
    if len(worker) != 1 or len(free) != 1:
        return
    closed = [f for f in paths.values() if f.type in ("enum", "bool") and f.values]
    done = {c.casefold() for c in _column(rows, columns[worker[0]]) if not is_empty(c)}
    found = []
    for col, cells, filled in _free_columns(columns, rows, width):
        if len(filled) < 2 or not _person_like(filled) or {c.casefold() for c in filled} <= done:
            continue
        if any(sum(answer_share(c, f) >= 0.6 for c in filled) >= 0.8 * len(filled) for f in closed):
            continue
        found.append((col, filled, len(filled) < len(cells)))
    if len(found) != 1:
        return  # no column of names, or several: nothing tells which one signed
    col, filled, gaps = found[0]
    sites = [p for p in _top_names(paths) if p not in columns]
    if sites and not gaps and not any(_INITIAL.match(c) for c in filled):
        if not _leans_to_person(embedder, decl, filled, free[0], sites[0]):
            return  # one name on every row, that may as well be the site's
    columns[free[0]], scores[free[0]] = col, PLACED


def place_worker(columns: dict[str, int], scores: dict[str, float], rows: list[TableRow], width: int,
                 paths: dict[str, FieldDeclaration], decl: KindDeclaration, embedder: str | None) -> None:
    """Give a log's required person (not a key field) left without a column the one unplaced column of
    people's names (updates `columns`, `scores`). One name on every row may as well be the site's: such a
    column is taken only when its cells lean to the person's meaning rather than the free site field's."""
    if decl.one_per != "row" or len(rows) < 2:
        return
    worker = _unplaced_workers(paths, decl, columns)
    if len(worker) != 1:
        return
    found = [(col, filled, len(filled) < len(cells)) for col, cells, filled in _free_columns(columns, rows, width)
             if len(filled) >= 2 and _person_like(filled)]
    if len(found) != 1:
        return
    col, filled, gaps = found[0]
    sites = _top_names(paths)
    one = len(_names(filled)) == 1
    if sites and one and not gaps and not _INITIAL.match(filled[0]):
        if not _leans_to_person(embedder, decl, filled, worker[0], sites[0]):
            return
    columns[worker[0]], scores[worker[0]] = col, PLACED


def _leans_to_person(embedder: str | None, decl: KindDeclaration, cells: list[str], person: str | None,
                     site: str) -> bool:
    return bool(embedder and person) and leaning(embedder, decl, cells[:8], person, site) >= PERSON_LEAN


def place_site(columns: dict[str, int], scores: dict[str, float], rows: list[TableRow], width: int,
               paths: dict[str, FieldDeclaration], decl: KindDeclaration, embedder: str | None) -> None:
    """Give a log's free site field (`type: name`, `position: top`) the one unplaced column that repeats one
    name on every row, without a gap, an initial or a digit ("Harbour Lane Creamery" down the whole log):
    a heading value written out on each row. A person's name said on every row (one supervisor) leans to
    the free person field's meaning instead, and is left to it."""
    if decl.one_per != "row" or len(rows) < 3:
        return
    sites = [p for p in _top_names(paths) if p not in columns]
    if len(sites) != 1:
        return
    persons = [p for p in _row_names(paths) if not paths[p].required and p not in columns]
    if _unplaced_workers(paths, decl, columns):
        return  # the worker has no column yet: one name on every row may be the one who did every row
    found = []
    for col, cells, filled in _free_columns(columns, rows, width):
        if len(filled) < len(cells) or len(_names(cells)) != 1:
            continue
        if not _person_like(cells[:1]) or _INITIAL.match(cells[0]):
            continue
        found.append((col, cells))
    if len(found) != 1:
        return
    col, cells = found[0]
    if _leans_to_person(embedder, decl, cells, persons[0] if persons else None, sites[0]):
        return
    columns[sites[0]], scores[sites[0]] = col, PLACED


def order_people(columns: dict[str, int], rows: list[TableRow], paths: dict[str, FieldDeclaration],
                 decl: KindDeclaration, fit: Callable[[int, str], float]) -> None:
    """Two columns of people under headers that fit the worker and the checker alike ("... by" twice):
    one person signs off a log while the work is shared, so the column of one name on every row is the
    checker's and the column of several names the worker's (swaps them in `columns` when placed the other
    way round)."""
    if decl.one_per != "row" or len(rows) < 3:
        return
    people = [p for p in _row_names(paths) if p in columns and p not in decl.key_fields]
    worker = [p for p in people if paths[p].required]
    checker = [p for p in people if not paths[p].required]
    if len(worker) != 1 or len(checker) != 1:
        return
    w, c = worker[0], checker[0]
    cw, cc = columns[w], columns[c]
    if abs(fit(cw, w) + fit(cc, c) - fit(cw, c) - fit(cc, w)) > PEOPLE_TIE:
        return
    if len(_names(_column(rows, cw))) == 1 and len(_names(_column(rows, cc))) >= 2:
        columns[w], columns[c] = cc, cw


def worker_from_items(columns: dict[str, int], scores: dict[str, float], rows: list[TableRow],
                      paths: dict[str, FieldDeclaration], decl: KindDeclaration, embedder: str | None,
                      fit: Callable[[int, str], float]) -> None:
    """A log's required person left without a column while a nested list's name column (a chemical's) was
    placed on a header that fits the person too, over cells that are people's names, one each: the column
    is the person's (updates `columns`, `scores`). The cells decide by their shape and their meaning."""
    if decl.one_per != "row" or not embedder or len(rows) < 2:
        return
    worker = _unplaced_workers(paths, decl, columns)
    if len(worker) != 1:
        return
    w = worker[0]
    for path in [p for p in columns if "." in p and paths[p].type in ("text", "name")]:
        col = columns[path]
        filled = [c for c in _column(rows, col) if not is_empty(c)]
        if fit(col, w) < MIN_PERSON_HEADER or len(filled) < 2 or not _person_like(filled):
            continue
        if any(len(split_composite(c)) >= 2 for c in filled):
            continue  # several things in one cell: a list of chemicals, not one person
        if leaning(embedder, decl, filled[:8], w, path) >= PERSON_LEAN:
            columns[w], scores[w] = columns.pop(path), PLACED
            scores.pop(path, None)
            return


def place_remarks(columns: dict[str, int], scores: dict[str, float], rows: list[TableRow], width: int,
                  paths: dict[str, FieldDeclaration], decl: KindDeclaration) -> None:
    """A log's free remarks field (an optional `text` field of the row) takes the one unplaced column of
    phrases: every filled cell several words with a word in lower case (a remark, not a name), no mark, answer
    or number alone, and some rows left blank (a remark is made when there is something to say). A column of
    phrases filled on every row is taken only when it is the last column no field took."""
    if decl.one_per != "row" or len(rows) < 2:
        return
    free = [p for p, f in paths.items() if "." not in p and f.type == "text" and not f.required
            and f.position == "row" and p not in columns]
    if len(free) != 1:
        return
    found, whole, left = [], [], 0
    for col, cells, filled in _free_columns(columns, rows, width):
        left += bool(filled)
        if not filled or not all(len(c.split()) >= 2 and any(w.isalpha() and w.islower() and len(w) >= 3
                                                             for w in c.split())
                                 and not MARK.search(c) and parse_bool(c) is None for c in filled):
            continue
        if len(filled) < len(cells):
            found.append(col)
        elif len(filled) >= 2 and len({c.casefold() for c in filled}) >= 2:
            whole.append(col)
    if len(found) == 1:
        columns[free[0]], scores[free[0]] = found[0], PLACED
    elif not found and left == 1 and len(whole) == 1:
        # the one column nobody took, of phrases on every row, is what the log says about each entry
        columns[free[0]], scores[free[0]] = whole[0], PLACED
