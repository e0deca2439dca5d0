"""BM25 over the chunks (bm25s), with a small tokenizer that folds plurals.

Compliance questions use the regulation's words ("commingling", "sanitizer",
"recordkeeping"), so a lexical ranking catches exact terms the embedding model
may blur; the two are fused in `retriever.py`.
"""
from __future__ import annotations

import re

import bm25s
import numpy as np

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


class LexicalIndex:
    def __init__(self, texts: list[str]) -> None:
        self._model = bm25s.BM25()
        self._model.index([tokenize(t) or ["_empty_"] for t in texts], show_progress=False)
        self._n = len(texts)

    def rank(self, query: str, k: int) -> list[tuple[int, float]]:
        """Top-k (chunk position, score), best first; empty when no query word is in the corpus."""
        tokens = tokenize(query)
        if not tokens or self._n == 0:
            return []
        scores = self._model.get_scores(tokens)
        order = np.argsort(-scores)[:k]
        return [(int(i), float(scores[i])) for i in order if scores[i] > 0]
