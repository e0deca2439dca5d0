"""Hybrid retrieval over the regulation: BM25 and embeddings in Chroma, fused by reciprocal rank.

The Chroma collection is persistent in the workspace (``index/chroma``) or on
a Chroma server (settings.vector_store.kind == "chroma-server"). It is
rebuilt only when the corpus or the embedding kind changes (a fingerprint of
the chunks is kept in the collection's metadata).
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from auditpack.store import CorpusSection, Store
from auditpack.workspace import Workspace
from knowledge.corpus.chunking import Chunk, chunk_corpus
from auditpack.embeddings import Embedder, get_embedder
from knowledge.corpus.lexical import LexicalIndex
from knowledge.models import Passage

Mode = Literal["lexical", "dense", "fused"]
RRF_K = 60
CANDIDATES = 50


def chroma_client(ws: Workspace | None) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if ws is None:
        return chromadb.EphemeralClient(settings=settings)
    vs = ws.settings.vector_store
    if vs.kind == "chroma-server" and vs.url:
        from urllib.parse import urlparse

        u = urlparse(vs.url)
        return chromadb.HttpClient(host=u.hostname or "127.0.0.1", port=u.port or 8000,
                                   ssl=u.scheme == "https", settings=settings)
    path = ws.index_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


def fingerprint(chunks: list[Chunk], embedder: Embedder) -> str:
    h = hashlib.sha256(embedder.name.encode())
    for c in chunks:
        h.update(c.id.encode())
        h.update(c.indexed_text.encode())
    return h.hexdigest()[:32]


@dataclass(frozen=True)
class Hit:
    """One fused candidate with the signals an answer needs: its place in `Retriever.chunks`, the fused
    reciprocal-rank score (orders candidates; says nothing absolute), and the embedding cosine between
    question and passage (an absolute similarity, which `relevance.py` turns into a plain label)."""

    pos: int
    fused: float
    cosine: float


def _cos(a: list[float], b: list[float]) -> float:
    na, nb = sum(x * x for x in a) ** 0.5, sum(x * x for x in b) ** 0.5
    return float(sum(x * y for x, y in zip(a, b)) / (na * nb)) if na and nb else 0.0


class Retriever:
    def __init__(self, chunks: list[Chunk], embedder: Embedder, client: Any,
                 on_progress: Callable[[int, int], None] | None = None) -> None:
        self.chunks = chunks
        self.embedder = embedder
        self._pos = {c.id: i for i, c in enumerate(chunks)}
        self.lexical = LexicalIndex([c.indexed_text for c in chunks])
        self.collection = self._collection(client, on_progress)

    @classmethod
    def from_sections(cls, sections: list[CorpusSection], embedder: Embedder, client: Any,
                      on_progress: Callable[[int, int], None] | None = None) -> "Retriever":
        return cls(chunk_corpus(sections), embedder, client, on_progress)

    def _collection(self, client: Any, on_progress: Callable[[int, int], None] | None) -> Any:
        name = f"part205-{self.embedder.name}"
        fp = fingerprint(self.chunks, self.embedder)
        try:
            col = client.get_collection(name, embedding_function=None)
            if (col.metadata or {}).get("fingerprint") == fp and col.count() == len(self.chunks):
                return col
            client.delete_collection(name)
        except Exception:  # noqa: BLE001 - chroma raises different errors for "no such collection"
            pass
        col = client.create_collection(name, embedding_function=None,
                                       metadata={"fingerprint": fp, "hnsw:space": "cosine"})
        step = 128
        for start in range(0, len(self.chunks), step):
            batch = self.chunks[start:start + step]
            col.add(ids=[c.id for c in batch], embeddings=self.embedder.embed([c.indexed_text for c in batch]),
                    metadatas=[{"citation": c.citation, "section": c.section} for c in batch])
            if on_progress:
                on_progress(min(start + step, len(self.chunks)), len(self.chunks))
        return col

    def _dense(self, query: str, k: int) -> list[tuple[int, float]]:
        if not self.chunks:
            return []
        res = self.collection.query(query_embeddings=self.embedder.embed([query]),
                                    n_results=min(k, len(self.chunks)), include=["distances"])
        return [(self._pos[i], 1.0 - d) for i, d in zip(res["ids"][0], res["distances"][0]) if i in self._pos]

    def rank(self, query: str, k: int = 5, mode: Mode = "fused") -> list[tuple[int, float]]:
        if mode == "lexical":
            return self.lexical.rank(query, k)
        if mode == "dense":
            return self._dense(query, k)
        fused: dict[int, float] = {}
        for ranking in (self.lexical.rank(query, CANDIDATES), self._dense(query, CANDIDATES)):
            for r, (pos, _score) in enumerate(ranking):
                fused[pos] = fused.get(pos, 0.0) + 1.0 / (RRF_K + r + 1)
        return sorted(fused.items(), key=lambda x: -x[1])[:k]

    def hits(self, query: str, n: int) -> list[Hit]:
        """The best `n` fused candidates with their cosine to the question. Cosines come from the dense
        ranking; a candidate only BM25 found gets its stored embedding from the collection."""
        qvec = self.embedder.embed([query])[0]
        res = self.collection.query(query_embeddings=[qvec], n_results=min(CANDIDATES, len(self.chunks)),
                                    include=["distances"]) if self.chunks else {"ids": [[]], "distances": [[]]}
        dense = [(self._pos[i], 1.0 - d) for i, d in zip(res["ids"][0], res["distances"][0]) if i in self._pos]
        cosine = dict(dense)
        fused: dict[int, float] = {}
        for ranking in (self.lexical.rank(query, CANDIDATES), dense):
            for r, (pos, _score) in enumerate(ranking):
                fused[pos] = fused.get(pos, 0.0) + 1.0 / (RRF_K + r + 1)
        best = sorted(fused.items(), key=lambda x: -x[1])[:n]
        missing = [self.chunks[pos].id for pos, _ in best if pos not in cosine]
        if missing:
            got = self.collection.get(ids=missing, include=["embeddings"])
            for cid, vec in zip(got["ids"], got["embeddings"]):
                cosine[self._pos[cid]] = _cos(qvec, list(vec))
        return [Hit(pos=pos, fused=score, cosine=round(cosine.get(pos, 0.0), 4)) for pos, score in best]

    def search(self, query: str, k: int = 5, mode: Mode = "fused") -> list[Passage]:
        out = []
        for pos, score in self.rank(query, k, mode):
            c = self.chunks[pos]
            out.append(Passage(citation=c.citation, section=c.section, heading=c.heading, text=c.text,
                               score=round(score, 5), currency=c.currency))
        return out

    def similarity(self, text: str, citations: list[str]) -> tuple[float, str, str]:
        """Best cosine similarity between `text` and the chunks of the given citations (prefix match).

        Used by OSP-COVERAGE: (score, citation, passage text). 0 when no chunk is cited.
        """
        targets = [c for c in self.chunks
                   if any(c.citation == t or c.citation.startswith(t + "(") for t in citations)]
        if not targets or not text.strip():
            return 0.0, citations[0] if citations else "", ""
        vecs = self.embedder.embed([text] + [c.indexed_text for c in targets])
        q = vecs[0]
        best = max(range(len(targets)), key=lambda j: sum(a * b for a, b in zip(q, vecs[j + 1])))
        score = sum(a * b for a, b in zip(q, vecs[best + 1]))
        return float(score), targets[best].citation, targets[best].text


_CACHE: dict[tuple[str, str, str], Retriever] = {}


def get_retriever(ws: Workspace, store: Store, on_progress: Callable[[int, int], None] | None = None) -> Retriever:
    """The workspace's retriever over the loaded corpus (built or reused; cached per process)."""
    from knowledge.errors import NotLoadedError

    meta = store.get_meta("corpus") or {}
    if not meta.get("sections"):
        raise NotLoadedError("no regulation text is loaded; run `auditpack corpus update` first")
    key = (str(ws.root), str(meta.get("load_id")), ws.settings.embeddings.kind)
    if key not in _CACHE:
        _CACHE[key] = Retriever.from_sections(store.corpus_sections(), get_embedder(ws.settings.embeddings.kind),
                                              chroma_client(ws), on_progress)
    return _CACHE[key]
