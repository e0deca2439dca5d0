"""The one list of names a document holds, for the kind's one list field that declares no answers.

A certificate lists the goods it covers under a caption of the certifier's own ("Range", "Assortment" in
some wording no declaration holds): the label then names nothing, but the arrangement does. A value that is
a run of several short names (";", a new line, "|", a bullet or ", " between them; `composite.py` splits at
", " only between values with digits, so this shape test splits itself, and the list is then read as any list
value is, by `read_value`), without digits, figures or a closing full stop, is a list, not a party, a date or
a sentence. When the kind
has exactly one list field without declared answers still empty, and the document holds exactly one such
run that filled no field (its items are no declared answers of another field, and its label names no other
field of the kind), that run is the field's value. Two such runs tell nothing: neither is taken.
"""
from __future__ import annotations

import re
from typing import Any

from auditpack.declarations import KindDeclaration
from ingest.layout import KeyValue
from ingest.resolve.labels import LabelIndex
from ingest.resolve.values import DocFormat, answer_share, read_value

MIN_ITEMS = 2        # one name is a party or a product: it is no list by its shape
ITEM_WORDS = 6       # an item of a list is a name, not a clause
NAMED_ELSE = 0.5     # a label scoring this for another field of the kind is that field's
CONFIDENCE = 0.4     # no label vouches for it: a person should glance at it
_SPLIT = re.compile(r"\s*(?:[;\n|•]|,\s)\s*")


def _names(value: str) -> list[str] | None:
    """The items of a run of short names, or None when the value is not one."""
    text = value.strip()
    if text.endswith((".", "!", "?", ":")) or any(ch.isdigit() for ch in text):
        return None
    items = [p for p in _SPLIT.split(text) if p]
    if len(items) < MIN_ITEMS or any(len(p.split()) > ITEM_WORDS or not p[:1].isalpha() for p in items):
        return None
    return items


def lone_list(decl: KindDeclaration, index: LabelIndex, kvs: list[KeyValue], paths: list[str], filled: set[str],
              used: set[tuple[str, Any]], fmt: DocFormat) -> tuple[str, Any, KeyValue] | None:
    """(path, value, key-value) for the kind's one open list field without answers, or None."""
    open_ = [p for p in paths if decl.field(p).type == "list" and not decl.field(p).values and p not in filled]
    lists = [p for p in paths if decl.field(p).type == "list" and not decl.field(p).values]
    if len(open_) != 1 or len(lists) != 1:
        return None
    path = open_[0]
    answered = [decl.field(p) for p in paths if decl.field(p).values]
    found = []
    for kv in kvs:
        if (kv.label, kv.value_where) in used or kv.arrangement == "question":
            continue
        items = _names(kv.value)
        if items is None or any(answer_share(it, f) >= 0.5 for it in items for f in answered):
            continue
        if any(index.lexical(kv.label, p) >= NAMED_ELSE for p in paths if p != path):
            continue
        value = read_value(kv.value, decl.field(path), fmt)
        if isinstance(value, list) and len(value) >= MIN_ITEMS:
            found.append((path, value, kv))
    return found[0] if len(found) == 1 else None
