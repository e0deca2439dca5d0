"""Generate `n` documents in randomized layouts, with their truth.json.

Why: the bench measures how ingest reads layouts nobody on the team designed. Kinds and
formats are dealt round-robin so every kind appears in every format; language, wording,
arrangement and value formats are drawn per document from a seeded generator
(`random.Random(f"{seed}:{i}")`), so a document is the same whatever `n` is.
File names are neutral ("doc-0007.pdf"): they say nothing about the kind.
"""
from __future__ import annotations

import random
from pathlib import Path

from bench.layout_variations import truth
from bench.layout_variations.formats import choose_style
from bench.layout_variations.kinds import BY_KIND, KINDS
from bench.layout_variations.vocabulary import LANGUAGES
from bench.layout_variations.writers import FORMATS, glyphs_for, write

LANGUAGE_WEIGHTS = (4, 1, 1, 1, 1, 1, 1)  # English most, every other language as often as each other


def plan(i: int) -> tuple[str, str]:
    """(kind, format) of document `i`: 7 kinds and 4 formats are coprime, so every 28 documents hold
    all 28 pairs, and any 7k documents hold k of each kind in mixed formats."""
    return KINDS[i % len(KINDS)], FORMATS[i % len(FORMATS)]


def one(out_dir: Path, i: int, seed: int) -> truth.TruthDoc:
    kind, fmt = plan(i)
    rng = random.Random(f"{seed}:{i}")
    lang = rng.choices(LANGUAGES, weights=LANGUAGE_WEIGHTS)[0]
    style = choose_style(rng, lang, glyphs=glyphs_for(fmt))
    doc, records = BY_KIND[kind].document(rng, style, fmt)
    name = f"docs/doc-{i:04d}.{fmt}"
    write(doc, out_dir / name, fmt, rng, style)
    return truth.TruthDoc(file=name, kind=kind, format=fmt, lang=lang, records=records)


def generate(out_dir: Path, n: int = 500, seed: int = 1) -> Path:
    """Write `n` documents under `out_dir`/docs and return the path of `out_dir`/truth.json."""
    out_dir = Path(out_dir)
    (out_dir / "docs").mkdir(parents=True, exist_ok=True)
    docs = [one(out_dir, i, seed) for i in range(n)]
    return truth.write(out_dir, docs, seed)
