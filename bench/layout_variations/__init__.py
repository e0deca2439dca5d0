"""Layout-variation bench: documents in layouts and wordings the parsers were never shown.

Why (STYLE.md practice 16): AuditPack's own sample shares the parsers' vocabulary, so it
measures recall of our own words. This bench generates documents of all seven record
kinds in randomized layouts, languages and formats, with labels drawn from
`vocabulary.yaml`, which a test keeps disjoint from the extraction vocabulary, and
scores ingest against the truth of what each document prints.

    generate(out_dir, n, seed) -> truth.json path      evaluate(out_dir) -> Report
"""
from __future__ import annotations

from bench.layout_variations.evaluate import evaluate
from bench.layout_variations.generate import generate
from bench.layout_variations.report import Report

__all__ = ["Report", "evaluate", "generate"]
