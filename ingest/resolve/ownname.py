"""A label that names a document's own name field by the word the kind calls itself.

"Recipe name" on a recipe, "Rezepturname" on a Rezeptur: the label is the kind's own name (one of the
declared `names`) and a word of the field ("name"). The kind's name says which thing is meant, the one the
document is about, so the rest of the label is read alone ("name" names the product). Only a document's own
name fields (a core field printed in its heading) are read so; a date or a number beside the kind's name
("Recipe date") could be any of several.
"""
from __future__ import annotations

import re
from functools import lru_cache

from auditpack.declarations import KindDeclaration
from ingest.resolve.labels import LabelIndex, fold

OWN_NAME = 0.9  # the rest of the label stands for the whole a little less surely
MIN_REST = 3    # letters left of a compound word once the kind's name is taken from its front


@lru_cache(maxsize=16)
def _own_names(names: tuple[str, ...]) -> re.Pattern | None:
    """The kind's names as one pattern: a whole phrase, or the front of a compound ("rezeptur|name")."""
    folded = sorted({fold(n).strip() for n in names if len(n.strip()) >= 3}, key=len, reverse=True)
    if not folded:
        return None
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(n) for n in folded) + r")(?=[a-z]{%d}|[^a-z0-9]|$)"
                      % MIN_REST)


def without_own_name(decl: KindDeclaration, label: str) -> str | None:
    """`label` with the kind's own name taken out ("Recipe name" -> "name"), None when it holds no such
    name or nothing beside it."""
    rx = _own_names(tuple(n for ns in decl.names.values() for n in ns))
    if rx is None:
        return None
    text = fold(label)
    rest = rx.sub(" ", text, count=1)
    if rest == text or not re.search(r"[a-z]{%d}" % MIN_REST, rest):
        return None
    return " ".join(rest.split())


def own_name_scores(index: LabelIndex, labels: list[str], paths: list[str]) -> dict[tuple[str, str], float]:
    """(label, path) -> score, for the document's own name fields among `paths` that a label names by the
    kind's own name and a word of the field."""
    decl = index.decl
    names = [p for p in paths if decl.field(p).type == "name" and decl.field(p).position in ("top", "header")
             and p in decl.core_fields]
    out: dict[tuple[str, str], float] = {}
    if not names:
        return out
    for lab in labels:
        rest = without_own_name(decl, lab)
        if rest:
            for p in names:
                if score := OWN_NAME * index.lexical(rest, p):
                    out[(lab, p)] = score
    return out
