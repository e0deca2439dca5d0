"""Matching names the way paperwork writes them.

Suppliers appear as "Valley Grain Co.", "VALLEY GRAIN COMPANY" and "Valley
Grain, Inc." on different documents; products as "Organic Rolled Oats" vs
"oats". Exact matching would raise false gaps, so names are normalised first
and then compared with rapidfuzz. Lookups go through `NameIndex`, which keys
exact normalised names in a dict and only falls back to a fuzzy scan of the
(short) list of distinct names, so no check is quadratic in records.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

T = TypeVar("T")

_SUFFIXES = {
    "inc", "incorporated", "llc", "l l c", "ltd", "limited", "co", "company", "corp", "corporation",
    "gmbh", "sa", "srl", "bv", "plc", "lp", "llp", "pllc", "the", "dba",
}
_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")
FUZZY_THRESHOLD = 90.0


def normalize_name(name: str | None) -> str:
    """Lower case, no punctuation, no legal-form suffixes ('Inc', 'LLC', 'Co')."""
    if not name:
        return ""
    s = _PUNCT.sub(" ", name.lower().replace("&", " and "))
    words = [w for w in _SPACE.split(s) if w]
    while words and words[-1] in _SUFFIXES:
        words.pop()
    while words and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_PRODUCT_NOISE = {"organic", "certified", "usda", "nop", "100", "percent", "bulk", "lb", "lbs", "kg", "bag", "bags"}


def normalize_product(name: str | None) -> str:
    """Product names without case, plurals, 'organic' prefixes and packaging words."""
    if not name:
        return ""
    s = _PUNCT.sub(" ", name.lower())
    words = [_singular(w) for w in _SPACE.split(s) if w and w not in _PRODUCT_NOISE and not w.isdigit()]
    return " ".join(words)


def product_matches(received: str, certified: Iterable[str], threshold: float = 85.0) -> tuple[str | None, float]:
    """Best certified product for a received one: (match, score 0-100).

    Exact after normalisation scores 100; a certified product whose words are
    all in the received description (\"oats\" vs \"rolled oats\") scores 95;
    otherwise rapidfuzz token-set ratio, accepted at `threshold`.
    """
    r = normalize_product(received)
    if not r:
        return None, 0.0
    rwords = set(r.split())
    best: tuple[str | None, float] = (None, 0.0)
    for c in certified:
        n = normalize_product(c)
        if not n:
            continue
        if n == r:
            return c, 100.0
        score = 95.0 if set(n.split()) <= rwords or rwords <= set(n.split()) else fuzz.token_set_ratio(r, n)
        if score > best[1]:
            best = (c, float(score))
    return best if best[1] >= threshold else (None, best[1])


class NameIndex(Generic[T]):
    """Items keyed by normalised name; exact dict hit first, fuzzy fallback second."""

    def __init__(self, threshold: float = FUZZY_THRESHOLD) -> None:
        self._by_name: dict[str, list[T]] = {}
        self._threshold = threshold

    def add(self, name: str | None, item: T) -> None:
        key = normalize_name(name)
        if key:
            self._by_name.setdefault(key, []).append(item)

    def names(self) -> list[str]:
        return list(self._by_name)

    def lookup(self, name: str | None) -> list[T]:
        key = normalize_name(name)
        if not key:
            return []
        if key in self._by_name:
            return self._by_name[key]
        hit = process.extractOne(key, self._by_name.keys(), scorer=fuzz.token_sort_ratio,
                                 score_cutoff=self._threshold)
        return self._by_name[hit[0]] if hit else []

    def __contains__(self, name: str | None) -> bool:
        return bool(self.lookup(name))
