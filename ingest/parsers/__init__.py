"""Parser registry: one parser per document kind, picked by content score.

Parsers arrive through the `auditpack_parsers` plugin hook (the built-ins
from `ingest.plugin`); adding a kind is a plugin returning one more parser,
with no list to edit here.
"""
from __future__ import annotations

from auditpack.plugins import collect
from ingest.parsers.base import Parser

MIN_SCORE = 0.5


def parsers() -> tuple[Parser, ...]:
    return tuple(collect("auditpack_parsers"))


def by_kind(kind: str) -> Parser | None:
    return next((p for p in parsers() if p.kind == kind), None)


def kinds() -> list[str]:
    return [p.kind for p in parsers()]
