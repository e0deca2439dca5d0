"""Does a document look like a profile's layout? The fingerprint, checked cheaply first.

Issuer words are looked for in the text; only a profile whose words are all there (or that has none)
needs the document's labels, so the layout is read for fingerprinting only when it can matter.
Best match wins: the most conditions met, then the largest share of the profile's labels, then the
most specific profile (more words and labels), then the first listed (workspace before shipped).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from auditpack.declarations import normalise_label
from ingest.layout import DocumentReading, read_document
from ingest.models import LoadedDocument
from ingest.profiles.model import Fingerprint, LayoutProfile

TEXT_LIMIT = 200_000


@dataclass(frozen=True)
class Match:
    profile: LayoutProfile
    score: float


@lru_cache(maxsize=512)
def _phrase(words: str) -> re.Pattern:
    body = r"\s+".join(re.escape(w) for w in words.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.I)


def issuer_present(fp: Fingerprint, text: str) -> bool:
    return all(_phrase(w).search(text) for w in fp.issuer)


def document_labels(reading: DocumentReading) -> set[str]:
    """Every label and table header text the layout reader found, normalised."""
    out = {normalise_label(kv.label) for kv in reading.key_values}
    out |= {normalise_label(h) for t in reading.tables for h in t.header}
    return {x for x in out if x}


def _headers(reading: DocumentReading) -> list[set[str]]:
    return [{normalise_label(h) for h in t.header} for t in reading.tables]


def fingerprint_score(fp: Fingerprint, text: str, reading: Callable[[], DocumentReading]) -> float | None:
    """None when a condition fails; else how well the document fits (one point per condition met,
    labels counting their share)."""
    score = 0.0
    if fp.issuer:
        if not issuer_present(fp, text):
            return None
        score += 1.0
    if fp.labels:
        have = document_labels(reading())
        share = sum(1 for lab in fp.labels if normalise_label(lab) in have) / len(fp.labels)
        if share < fp.min_share:
            return None
        score += share
    if fp.header:
        want = {normalise_label(h) for h in fp.header}
        if not any(want <= h for h in _headers(reading())):
            return None
        score += 1.0
    return score


def best_match(doc: LoadedDocument, profiles: Sequence[LayoutProfile],
               reading: DocumentReading | None = None) -> Match | None:
    """The profile that fits `doc` best, or None."""
    if not profiles:
        return None
    text = doc.text[:TEXT_LIMIT]
    held: list[DocumentReading] = [reading] if reading is not None else []

    def lazily() -> DocumentReading:
        if not held:
            held.append(read_document(doc))
        return held[0]

    best: tuple[tuple, Match] | None = None
    for order, p in enumerate(profiles):
        if p.retired:
            continue
        score = fingerprint_score(p.fingerprint, text, lazily)
        if score is None:
            continue
        key = (score, len(p.fingerprint.issuer) + len(p.fingerprint.labels) + len(p.fingerprint.header), -order)
        if best is None or key > best[0]:
            best = (key, Match(p, round(score, 3)))
    return best[1] if best else None
