"""The faster label search of `ingest/fields.py` finds exactly what the old one found.

Round 3 of issue 17 made `_locate` (the parsers' inner loop: every label against every line) cache what
depends only on the label (its compiled pattern, its squashed form) or only on the line (its words and
squashed word windows), skip the exact pattern where the label's text is absent, and ask rapidfuzz with a
score cutoff. A different answer would move or lose a field a user sees, so the search as it was before is
kept here as the reference: every (label, line) pair the parsers ask while reading the sample and
layouts nobody here wrote, plus OCR-like damage of those lines, must give the same matches, and the
parsed records must be the same with either search.
"""
from __future__ import annotations

import hashlib
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from ingest import fields

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # pragma: no cover - run from elsewhere without the root on sys.path
    sys.path.insert(0, str(REPO))


def _ref_squash(s: str) -> str:
    return re.sub(r"[\s:#.]+", "", s.lower())


def reference_locate(label: str, line: str, threshold: float, fuzzy: bool = True) -> Iterator[tuple[int, int, float]]:
    """`ingest.fields._locate` before round 3 of issue 17, verbatim."""
    low = line.lower()
    if not fuzzy:
        for m in re.finditer(rf"(?<!\w){re.escape(label)}(?!\w)" if label[-1].isalnum() else
                             rf"(?<!\w){re.escape(label)}", low):
            yield m.start(), m.end(), 1.0
        return
    if len(label) < 6:
        return
    words = list(re.finditer(r"\S+", low))
    n = len(label.split())
    target = _ref_squash(label)
    for i in range(len(words)):
        for k in (n, n + 1, n - 1):
            if k < 1 or i + k > len(words):
                continue
            start, end = words[i].start(), words[i + k - 1].end()
            cand = _ref_squash(low[start:end])
            score = fuzz.ratio(target, cand)
            if score >= max(threshold, 92) and score < 100 or (score == 100 and cand != label):
                yield start, end, score / 100
                break


def _needs_ocr(data: bytes) -> bool:
    import pypdfium2 as pdfium

    from ingest.loaders.pdf import text_unusable
    from ingest.loaders.pdfium_text import page_chars, words

    pdf = pdfium.PdfDocument(data)
    try:
        return any(text_unusable(" ".join(w.text for w in words(page_chars(pdf[i])))) for i in range(len(pdf)))
    finally:
        pdf.close()


def _documents(folder: Path) -> list:
    from ingest.loaders import LoadOptions
    from ingest.pipeline import load

    docs = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".json"):
        data = path.read_bytes()
        if path.suffix.lower() == ".pdf" and _needs_ocr(data):
            continue  # scans: OCR costs seconds here; lines are damaged below instead
        docs.append(load(data, path.name, hashlib.sha256(data).hexdigest(), LoadOptions())[0])
    return docs


@pytest.fixture(scope="module")
def read_documents(sample_small: Path, tmp_path_factory: pytest.TempPathFactory) -> list:
    from bench.layout_variations import generate

    variations = tmp_path_factory.mktemp("variations")
    generate(variations, n=14, seed=5)
    return _documents(sample_small) + _documents(variations)


def _parsed(docs: list) -> list[dict]:
    from ingest.pipeline import parse_document

    return [parse_document(doc).model_dump(mode="json") for doc in docs]


@pytest.fixture(scope="module")
def asked(read_documents: list) -> set[tuple[str, str, float, bool]]:
    """Every distinct (label, line, threshold, fuzzy) the parsers ask while reading the documents."""
    seen: set[tuple[str, str, float, bool]] = set()
    original = fields._locate

    def spy(label: str, line: str, threshold: float, fuzzy: bool = True):
        seen.add((label, line, threshold, fuzzy))
        return original(label, line, threshold, fuzzy)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(fields, "_locate", spy)
        _parsed(read_documents)
    return seen


def _damaged(line: str, rng: random.Random) -> str:
    """What OCR and kerning do to a line: a letter dropped, doubled or changed, a word split, case."""
    chars = list(line)
    for _ in range(rng.randint(1, 3)):
        k = rng.randrange(len(chars) + 1)
        op = rng.random()
        if op < 0.3:
            chars.insert(k, " ")
        elif op < 0.55 and len(chars) > 1:
            chars.pop(min(k, len(chars) - 1))
        elif op < 0.8 and chars:
            chars[min(k, len(chars) - 1)] = rng.choice("aeilnorstu1:.")
        else:
            chars.insert(k, rng.choice("aeilnorstu"))
    text = "".join(chars)
    return text.upper() if rng.random() < 0.2 else text


def test_every_asked_pair_matches_as_before(asked) -> None:
    rng = random.Random(17)
    checked = hits = fuzzy_hits = 0
    labelled = [(lb, ln, th, fz) for lb, ln, th, fz in asked if lb in ln.lower()]
    cases = sorted(asked) + [(lb, _damaged(ln, rng), th, True) for lb, ln, th, _ in rng.sample(sorted(labelled),
                                                                                            min(3000, len(labelled)))]
    for label, line, threshold, fuzzy in cases:
        now = list(fields._locate(label, line, threshold, fuzzy))
        assert now == list(reference_locate(label, line, threshold, fuzzy)), (label, line, threshold, fuzzy)
        checked += 1
        hits += bool(now)
        fuzzy_hits += bool(now) and fuzzy and any(score < 1.0 for _, _, score in now)
    # both sides of the decision were exercised, fuzzy near-misses included
    assert checked > 10000 and 100 < hits < checked and fuzzy_hits > 20


def test_parsed_records_are_the_same(read_documents, monkeypatch: pytest.MonkeyPatch) -> None:
    now = _parsed(read_documents)
    monkeypatch.setattr(fields, "_locate", reference_locate)
    before = _parsed(read_documents)
    assert now == before
    assert sum(len(a["records"]) for a in now) > 50
