"""Parser registry: one module per document kind, picked by content score.

Adding a kind means adding a module here that defines a `Parser` subclass
and listing it in `_MODULES`; nothing else in the stage changes.
"""
from __future__ import annotations

import importlib
from functools import lru_cache

from ingest.parsers.base import Parser

_MODULES = ("certificate", "invoice", "cleaning_log", "osp", "product_profile", "batch_record", "pest_control")
MIN_SCORE = 0.5


@lru_cache(maxsize=1)
def parsers() -> tuple[Parser, ...]:
    out = []
    for name in _MODULES:
        mod = importlib.import_module(f"ingest.parsers.{name}")
        out.append(mod.PARSER)
    return tuple(out)


def by_kind(kind: str) -> Parser | None:
    return next((p for p in parsers() if p.kind == kind), None)


def kinds() -> list[str]:
    return [p.kind for p in parsers()]
