"""Words of a text for lexical matching: lower-cased, stopwords out, plurals folded.

Shared by the regulation index (BM25), the test embedding and the label matcher of
ingest, so "sanitizers" and "sanitizer" are one word everywhere.
"""
from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")
STOPWORDS = frozenset(
    "a an and are as at be by can do does for from has have how i if in is it its may must my of on or our "
    "shall should that the their there these this to under us was we what when where which who why will with "
    "you your".split()
)


def _stem(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def tokenize(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS]
