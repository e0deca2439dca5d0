"""BM25 over the chunks (bm25s), with a small tokenizer that folds plurals.

Compliance questions use the regulation's words ("commingling", "sanitizer",
"recordkeeping"), so a lexical ranking catches exact terms the embedding model
may blur; the two are fused in `retriever.py`.
"""
from __future__ import annotations

import bm25s
import numpy as np

from auditpack.text import STOPWORDS, tokenize  # noqa: F401 - shared with the embeddings and ingest


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
