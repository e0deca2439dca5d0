"""A label's words that name a field its value cannot be are a modifier, not what the label names.

"Item made: Rye loaf" shares "made" with the date field's "Made on"; that word pulls the label towards the
date and away from the product, although "Rye loaf" cannot be a date. The words a label shares only with
fields whose type rejects the value (a date, an identifier, a unit for a value of plain words) are left out,
and the rest of the label is scored again, a little less surely than a label that says nothing more
(`MODIFIED`). A word that is one of the words of a field that could take the value is kept: it is evidence
either way (a word only of the same family, "made" beside "maker", is not). The rest must still hold a word
of the field itself; a label whose every word names a rejecting field says nothing of the others.
"""
from __future__ import annotations

from collections.abc import Iterable

from ingest.resolve.labels import LabelIndex, token_similarity, tokens

MODIFIED = 0.85  # a label that says one more thing (how or when) names its field less surely than alone
SHARED = 0.6     # a word sharing this much of its beginning with a rejecting field's word is of its family
OWN = 4          # the rest must hold a word of the field this long (not a particle such as "de")


def _has(index: LabelIndex, path: str, word: str, share: float = 1.0) -> bool:
    """Is `word` one of the words of `path`'s labels (or of its family: `share` of a long beginning)?"""
    fw = index.fields[path]
    return word in fw.bag or share < 1.0 and any(token_similarity(word, b) >= share
                                                 for b in fw.by_prefix.get(word[:4], ()))


def without_modifiers(index: LabelIndex, label: str, rejecting: Iterable[str], accepting: Iterable[str]) -> str:
    """`label` without its words that belong to a `rejecting` field and to no `accepting` one ("" when
    nothing is left out, or nothing else is left)."""
    rejecting, accepting = list(rejecting), list(accepting)
    words = tokens(label)
    drop = {w for w in words
            if any(_has(index, p, w, SHARED) for p in rejecting) and not any(_has(index, p, w) for p in accepting)}
    if not drop or drop >= set(words):
        return ""
    return " ".join(w for w in words if w not in drop)


def modified_score(index: LabelIndex, label: str, path: str, rejecting: Iterable[str],
                   accepting: Iterable[str]) -> float:
    """The label's score for `path` once the words naming only rejecting fields are left out (0 when none is)."""
    rest = without_modifiers(index, label, rejecting, accepting)
    if not rest or not any(len(w) >= OWN and _has(index, path, w) for w in rest.split()):
        return 0.0
    return MODIFIED * index.lexical(rest, path)
