"""A value that answers one closed question of the kind, under a label that names nothing of it.

"Natura del lotto: Biologico" or "Run status | ORG": the label is a wording no declaration holds, but the
value is, all of it, one of the declared answers of the kind's run type, and of nothing else the kind asks.
What the value says then tells which field it fills, as a check box's option words do (`scalars._from_checks`).
An answer that two fields of the kind share ("Organic" before and after a cleaning) tells neither, and a
letter or two ("A", "Y") is too little to go by.
"""
from __future__ import annotations

from typing import Any

from auditpack.declarations import KindDeclaration
from ingest.layout import KeyValue, Where
from ingest.resolve.labels import LabelIndex
from ingest.resolve.values import DocFormat, answer_share, read_value

ANSWER_ONLY = 0.6   # the share of the value that is the answer word (as `scalars.ANSWER_ONLY`)
MIN_LETTERS = 3     # "Eco" answers; "Y" or "A" could answer anything
NAMED_ELSE = 0.8    # a label scoring this for another field of the kind is that field's, whatever its value
CONFIDENCE = 0.5    # no label vouches for it: a person should glance at it


def answered(decl: KindDeclaration, index: LabelIndex, kvs: list[KeyValue], paths: list[str],
             filled: set[str], taken: set[Where], fmt: DocFormat) -> dict[str, tuple[Any, KeyValue]]:
    """Each enum field of `paths` not in `filled`, from the first key-value not `taken` (its value already
    read for a field) whose value is wholly one of the field's answers and of no other closed field's."""
    closed = [p for p in paths if decl.field(p).type in ("enum", "bool") and decl.field(p).values]
    out: dict[str, tuple[Any, KeyValue]] = {}
    for kv in kvs:
        if kv.value_where in taken or sum(ch.isalpha() for ch in kv.value) < MIN_LETTERS:
            continue
        fits = [p for p in closed if answer_share(kv.value, decl.field(p)) >= ANSWER_ONLY]
        if len(fits) != 1 or fits[0] in filled or fits[0] in out or decl.field(fits[0]).type != "enum":
            continue
        if any(index.lexical(kv.label, p) >= NAMED_ELSE for p in paths if p != fits[0]):
            continue
        value = read_value(kv.value, decl.field(fits[0]), fmt)
        if value is not None:
            out[fits[0]] = (value, kv)
    return out
