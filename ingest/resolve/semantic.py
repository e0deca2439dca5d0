"""Does a label mean what a field means? The embedding model answers for wordings no list has.

The model is the one the regulation index uses (`auditpack.embeddings`: the offline MiniLM by
default, a hashed bag of words in tests). It is asked only for labels the lexical match could
not place, and both sides are cached per process (bounded), so a year of invoices from the same
suppliers embeds each distinct label once.
"""
from __future__ import annotations

import numpy as np

from auditpack.declarations import KindDeclaration
from auditpack.embeddings import get_embedder
from ingest.resolve.labels import field_text

# MiniLM puts a label and an unrelated field's meaning or label at a cosine of about 0.1-0.35, and a
# label that names the field ("Staff member" / "Employee", "Billing doc #" / "Invoice number") at 0.5-0.8.
FLOOR, SPAN, WEIGHT = 0.35, 0.40, 0.8
# a title and a kind's name: "Organic Certification Document" / "organic certificate" ~0.8, unrelated < 0.3
TITLE_FLOOR, TITLE_SPAN = 0.35, 0.40


_SEEDED: dict[tuple[str, str], tuple[float, ...]] = {}  # (embedder, text) -> unit vector


LIMIT = 20000  # bounded: a long-running UI process never grows without limit


def similarity(embedder: str, decl: KindDeclaration, labels: list[str], paths: list[str]) -> dict[tuple[str, str], float]:
    """(label, field path) -> 0..1 semantic score for every pair."""
    if not labels or not paths:
        return {}
    # each field is its meaning and each of its English labels: a label close to any of them names it
    texts, owner = [], []
    for j, p in enumerate(paths):
        for t in [field_text(decl, p), *decl.field(p).labels.get("en", [])[:12]]:
            texts.append(t)
            owner.append(j)
    vecs = np.asarray(_vectors_seeded(embedder, list(labels) + texts), dtype=np.float32)
    every = vecs[:len(labels)] @ vecs[len(labels):].T  # unit vectors: the dot product is the cosine
    cos = np.full((len(labels), len(paths)), -1.0, dtype=np.float32)
    np.maximum.at(cos.T, np.asarray(owner), every.T)
    scaled = WEIGHT * np.clip((cos - FLOOR) / SPAN, 0.0, 1.0)
    return {(label, path): float(scaled[i, j]) for i, label in enumerate(labels) for j, path in enumerate(paths)}


def _vectors_seeded(kind: str, texts: list[str]) -> list[tuple[float, ...]]:
    new = [t for t in dict.fromkeys(texts) if (kind, t) not in _SEEDED]
    if new:
        if len(_SEEDED) + len(new) > LIMIT:
            _SEEDED.clear()
            new = list(dict.fromkeys(texts))
        for text, vec in zip(new, get_embedder(kind).embed(new)):
            _SEEDED[(kind, text)] = tuple(vec)
    return [_SEEDED[(kind, t)] for t in texts]


def title_similarity(embedder: str, lines: list[str], names: dict[str, list[str]]) -> dict[str, float]:
    """Kind -> 0..1: how close the document's first lines come to any of the kind's names."""
    kinds = list(names)
    texts, owner = [], []
    for j, k in enumerate(kinds):
        for t in names[k]:
            texts.append(t)
            owner.append(j)
    vecs = np.asarray(_vectors_seeded(embedder, list(lines) + texts), dtype=np.float32)
    every = (vecs[:len(lines)] @ vecs[len(lines):].T).max(axis=0)  # best line, per name
    best = np.full(len(kinds), -1.0, dtype=np.float32)
    np.maximum.at(best, np.asarray(owner), every)
    return {k: float(np.clip((best[j] - TITLE_FLOOR) / TITLE_SPAN, 0.0, 1.0)) for j, k in enumerate(kinds)}


def leaning(embedder: str, decl: KindDeclaration, texts: list[str], a: str, b: str) -> float:
    """How much closer `texts` (a column's cells) come to field `a`'s meaning than to field `b`'s, on
    average (cosine difference): company names lean to "the name of one company that supplies the
    operation", foods to "the ingredient or product that one supplier provides"."""
    if not texts:
        return 0.0
    vecs = np.asarray(_vectors_seeded(embedder, [*texts, field_text(decl, a), field_text(decl, b)]), dtype=np.float32)
    cos = vecs[:len(texts)] @ vecs[len(texts):].T
    return float(np.mean(cos[:, 0] - cos[:, 1]))
