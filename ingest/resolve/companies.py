"""A column of company names that no header names: placed by what its cells look like.

A recipe's ingredient table says who supplies each ingredient under headers no declaration holds
("Bought from", "Sourced via", a word of the document's own trade). Its cells still say what they are:
the names of companies, several words each, in capitals, without digits, beside the column that names the
items. When the list declares an optional column of companies (a supplier, a certifier) that no header
placed, such a column is it. With two such fields free, the embedding model tells them apart by the cells:
certifiers' names ("... Certification Services", "Istituto Controllo Biologico") lean to the certifier's
meaning far more than suppliers' names do.
"""
from __future__ import annotations

from auditpack.declarations import FieldDeclaration, KindDeclaration
from ingest.layout import TableRow
from ingest.layout.checks import MARK
from ingest.layout.shapes import has_digits, is_empty
from ingest.normalize import parse_bool
from ingest.resolve.semantic import leaning
from ingest.resolve.values import answer_share

SAMPLE = 25
CERTIFIER_LEAN = 0.1  # cells leaning this much more to one company field's meaning than the other's are it
PLACED = 0.3          # the score of a column placed by its cells alone
SENTENCE_WORDS = 8    # a cell of more words than this is a sentence, not an item's name


def company_like(cells: list[str]) -> bool:
    """Names, most of several words, each word of four letters or more capitalised as a
    name is ("Huilerie Artisanale du Périgord", "Graanhandel Oostpolder B.V."), no digits."""
    if not cells or any(has_digits(c) or MARK.search(c) or parse_bool(c) is not None for c in cells):
        return False
    long_words = [w for c in cells for w in c.split() if sum(ch.isalpha() for ch in w) >= 4]
    several = sum(len(c.split()) >= 2 for c in cells)
    capital = sum(w[0].isupper() for w in long_words)
    return several >= 0.8 * len(cells) and bool(long_words) and capital >= 0.8 * len(long_words)


def names_items(cells: list[str]) -> bool:
    """The column said to name the items holds names, not sentences: a table of hazards and how they are
    controlled ("Mislabeling origin | Falsely labeling the origin could deceive ...") has a column of
    title-cased phrases beside one of sentences, and those phrases are no suppliers of anything."""
    sentences = sum(len(c.split()) > SENTENCE_WORDS or c.rstrip().endswith(".") for c in cells)
    return bool(cells) and sentences <= len(cells) / 2


def _cells(rows: list[TableRow], col: int) -> list[str]:
    return [r.cells[col].text.strip() for r in rows[:SAMPLE] if col < len(r.cells) and not is_empty(r.cells[col].text)]


def place_companies(columns: dict[str, int], scores: dict[str, float], rows: list[TableRow], width: int,
                    paths: dict[str, FieldDeclaration], decl: KindDeclaration, embedder: str | None) -> None:
    """Give the free optional company columns of a list (`type: name`, not required) the unplaced columns
    whose cells are company names, once the column naming the items is placed (updates `columns`, `scores`)."""
    free = [p for p, f in paths.items() if "." in p and f.type == "name" and not f.required and p not in columns]
    named = [columns[p] for p in columns if p in paths and paths[p].required and paths[p].type in ("text", "name")]
    if not free or not named or not rows or not any(names_items(_cells(rows, col)) for col in named):
        return
    closed = [f for f in paths.values() if f.type in ("enum", "bool") and f.values]
    found = []
    for col in range(width):
        cells = _cells(rows, col)
        if col in columns.values() or len(cells) < max(1, len(rows[:SAMPLE]) // 2) or not company_like(cells):
            continue
        if any(sum(answer_share(c, f) >= 0.6 for c in cells) >= 0.8 * len(cells) for f in closed):
            continue
        found.append((col, cells))
    if not found or len(found) > len(free):
        return  # more columns of names than company fields: nothing tells which is which
    if len(free) == 1 or not embedder:
        if len(found) == 1:
            columns[free[0]], scores[free[0]] = found[0][0], PLACED
        return
    a, b = free[0], free[1]
    lean = {col: leaning(embedder, decl, cells, a, b) for col, cells in found}
    if len(found) == 2:
        (c1, _), (c2, _) = found
        first, second = (c1, c2) if lean[c1] >= lean[c2] else (c2, c1)
        columns[a], columns[b] = first, second
        scores[a] = scores[b] = PLACED
        return
    col = found[0][0]
    if abs(lean[col]) >= CERTIFIER_LEAN:
        target = a if lean[col] > 0 else b
    else:
        target = a if _first_declared(paths, a, b) else b  # no clear lean: the list's first company field
    columns[target], scores[target] = col, PLACED


def _first_declared(paths: dict[str, FieldDeclaration], a: str, b: str) -> bool:
    order = list(paths)
    return order.index(a) < order.index(b)

