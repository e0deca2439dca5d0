"""The faster header scorer of `ingest/tables.py` picks exactly what the old one picked.

`ingest/tables.py` now scores each distinct header text once per column set and asks rapidfuzz with a
score cutoff. A different score would move a table's header row or its columns, so the rows a parser
reads (and the fields a user sees) would change. The scorer as it was before (issue 17, round 2) is kept
here as the reference; the sample's documents, documents of layouts nobody here wrote
(`bench/layout_variations`) and generated header variations must score, map and read the same with both.
"""
from __future__ import annotations

import hashlib
import random
import re
import sys
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from ingest import tables

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # pragma: no cover - run from elsewhere without the root on sys.path
    sys.path.insert(0, str(REPO))


def reference_score(header: str, columns: dict[str, list[str]]) -> tuple[str | None, float]:
    """`ingest.tables._score` before round 2 of issue 17, verbatim."""
    h = tables.header_text(header)
    if not h:
        return None, 0.0
    bare = re.sub(r"\s*\([^)]*\)\s*", " ", h).strip()
    best, best_score = None, 0.0
    for name, aliases in columns.items():
        for i, a in enumerate(aliases):
            if h == a or bare == a or (len(a) <= 8 and h.replace(" ", "") == a.replace(" ", "")):
                s = 100.0
            else:
                s = max(fuzz.ratio(h, a), fuzz.ratio(bare, a)) if len(a) > 3 else 0.0
                if len(a) >= 6 and h.endswith(a) and h[-len(a) - 1: -len(a)].isalpha():
                    s = max(s, 89.0)
            s -= 0.01 * i
            if s > best_score:
                best, best_score = name, s
    return (best, best_score) if best_score >= 88 else (None, 0.0)


def _reference_scorer(self: tables._Columns, header: str) -> tuple[str | None, float]:
    return reference_score(header, self.columns)


def _documents(folder: Path) -> list:
    from ingest.loaders import LoadOptions
    from ingest.pipeline import load

    docs = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".json"):
        data = path.read_bytes()
        if path.suffix.lower() == ".pdf" and b"/Image" in data:
            continue  # scans: OCR adds nothing to header matching and costs seconds here
        docs.append(load(data, path.name, hashlib.sha256(data).hexdigest(), LoadOptions())[0])
    return docs


def _column_sets(docs: list, monkeypatch: pytest.MonkeyPatch) -> list[tuple[dict, set]]:
    """Every (columns, required) a parser asks `find_rows` for while the documents are parsed."""
    from ingest.parsers import base  # noqa: F401 - parsers import find_rows from ingest.tables
    from ingest.pipeline import parse_document

    seen: list[tuple[dict, set]] = []
    original = tables.find_rows

    def spy(doc, columns, required=None):
        if not any(c == columns and r == (required or set()) for c, r in seen):
            seen.append((columns, set(required or set())))
        return original(doc, columns, required)

    modules = [m for m in list(sys.modules.values()) if getattr(m, "find_rows", None) is original]
    for module in modules:
        monkeypatch.setattr(module, "find_rows", spy)
    for doc in docs:
        parse_document(doc)
    for module in modules:
        monkeypatch.setattr(module, "find_rows", original)
    return seen


def _headers(docs: list) -> set[str]:
    """Every text `find_rows` may score: table cells, runs of 1-3 words on a line, split cells of a line."""
    out: set[str] = set()
    for doc in docs:
        for page in doc.pages:
            for t in page.tables:
                for row in t.rows[:25]:
                    out.update(row)
            for ln in page.lines:
                texts = [w.text for w in ln.words]
                for n in (1, 2, 3):
                    out.update(" ".join(texts[k:k + n]) for k in range(len(texts) - n + 1))
                out.update(c for c in tables._CELL_SEP.split(ln.text.strip()) if c)
    return out


def _variations(columns: dict[str, list[str]], rng: random.Random, n: int) -> list[str]:
    """Headers near the aliases: case, underscores, units in brackets, a glued previous header, a
    letter dropped, doubled or changed, split mid-word, words swapped."""
    aliases = [a for values in columns.values() for a in values]
    out = []
    for _ in range(n):
        a = list(rng.choice(aliases))
        for _ in range(rng.randint(0, 3)):
            op, k = rng.random(), rng.randrange(len(a) + 1)
            if op < 0.3:
                a.insert(k, rng.choice("abcdeilnorstu "))
            elif op < 0.55 and len(a) > 1:
                a.pop(min(k, len(a) - 1))
            elif op < 0.8:
                a[min(k, len(a) - 1)] = rng.choice("abcdeilnorstu ")
            else:
                a.insert(k, " ")
        text = "".join(a)
        style = rng.random()
        if style < 0.2:
            text = text.upper().replace(" ", "_")
        elif style < 0.4:
            text = f"{text.title()} ({rng.choice(['kg', 'ppm', 'USD', 'lb'])})"
        elif style < 0.5:
            text = rng.choice(["ppm", "qty", "kg", "x"]) + text.title()
        elif style < 0.6:
            text = " ".join(reversed(text.split()))
        elif style < 0.7:
            text = f"{text}:*"
        out.append(text)
    return out


@pytest.fixture(scope="module")
def read_documents(sample_small: Path, tmp_path_factory: pytest.TempPathFactory) -> list:
    from bench.layout_variations import generate

    variations = tmp_path_factory.mktemp("variations")
    generate(variations, n=14, seed=5)
    return _documents(sample_small) + _documents(variations)


@pytest.fixture(scope="module")
def column_sets(read_documents: list) -> list[tuple[dict, set]]:
    with pytest.MonkeyPatch.context() as mp:
        return _column_sets(read_documents, mp)


def test_every_parsers_columns_are_seen(column_sets) -> None:
    assert len(column_sets) >= 8  # invoice, cleaning log, batch record (2), certificate, OSP (4), ...


def test_each_header_text_scores_as_before(read_documents, column_sets) -> None:
    headers = sorted(_headers(read_documents))
    rng = random.Random(17)
    checked = matched = 0
    for columns, _ in column_sets:
        scorer = tables._Columns(columns)
        for h in headers + _variations(columns, rng, 400):
            assert scorer.score(h) == reference_score(h, columns), (h, columns)
            checked += 1
            matched += scorer.score(h)[0] is not None
    assert matched > 200 and checked > matched  # both sides of the threshold were exercised


def test_found_rows_are_the_same(read_documents, column_sets, monkeypatch: pytest.MonkeyPatch) -> None:
    def rows(doc, columns, required) -> list[tuple]:
        return [(r.line, r.page.number if r.page else None,
                 {k: (c.text, c.cell, c.bbox) for k, c in r.cells.items()},
                 {k: (c.text, c.cell) for k, c in r.raw.items()})
                for r in tables.find_rows(doc, columns, required)]

    found = 0
    for columns, required in column_sets:
        for doc in read_documents:
            tables._MATCHERS.clear()
            now = rows(doc, columns, required)
            with monkeypatch.context() as mp:
                mp.setattr(tables._Columns, "score", _reference_scorer)
                tables._MATCHERS.clear()
                before = rows(doc, columns, required)
            assert now == before, (doc.filename, columns)
            found += len(now)
    tables._MATCHERS.clear()
    assert found > 50


def test_a_repeated_header_text_is_scored_once(monkeypatch: pytest.MonkeyPatch) -> None:
    columns = {"date": ["date", "service date"], "equipment": ["equipment", "line"]}
    scorer = tables._Columns(columns)
    calls: list[str] = []
    inner = tables._Columns._score
    monkeypatch.setattr(tables._Columns, "_score", lambda self, h: calls.append(h) or inner(self, h))
    for _ in range(3):
        assert scorer.header_map(["Service Date", "Equipment", "Notes"]) == {0: "date", 1: "equipment"}
    assert sorted(calls) == ["Equipment", "Notes", "Service Date"]
