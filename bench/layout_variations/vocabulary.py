"""The bench's own label wordings, kept apart from the extraction vocabulary.

Why: a bench that prints the very labels the parsers search for measures recall of our
own words, not generalization (STYLE.md practice 16). The wordings live in
`vocabulary.yaml` (labels, titles, captions, questions) and `values.yaml` (value words);
`bench_vocabulary()` is what the disjointness test compares with the extraction side.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
LANGUAGES = ("en", "fr", "de", "es", "pt", "nl", "it")


@lru_cache(maxsize=None)
def _load(name: str) -> dict[str, Any]:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


def vocabulary() -> dict[str, Any]:
    """{kind: {"titles", "fields", "captions", "questions"}} as written in vocabulary.yaml."""
    return _load("vocabulary.yaml")


def values() -> dict[str, Any]:
    """Value words (yes/no, run types, statuses, scopes, months...) from values.yaml."""
    return _load("values.yaml")


def _in(by_lang: dict[str, list[str]], lang: str) -> list[str]:
    return list(by_lang.get(lang) or by_lang["en"])


def labels(kind: str, field: str, lang: str) -> list[str]:
    """Every wording of `field` (a path such as "lines.amount") of `kind` in `lang`."""
    return _in(vocabulary()[kind]["fields"][field], lang)


def titles(kind: str, lang: str) -> list[str]:
    return _in(vocabulary()[kind]["titles"], lang)


def captions(kind: str, name: str, lang: str) -> list[str]:
    return _in(vocabulary()[kind]["captions"][name], lang)


def questions(section: str, lang: str) -> list[str]:
    return _in(vocabulary()["organic_system_plan"]["questions"][section], lang)


def _strings(node: object) -> set[str]:
    if isinstance(node, str):
        return {node}
    if isinstance(node, dict):
        return set().union(*(_strings(v) for v in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(_strings(v) for v in node)) if node else set()
    return set()


def bench_vocabulary() -> set[str]:
    """Every label, title, caption and question string the bench may print."""
    return _strings(vocabulary())
