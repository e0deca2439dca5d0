"""The bench's figures: per kind field recall/precision, records, classification, misses, confusion.

Why: one figure hides where generalization fails; per kind we keep the scores
(`ingest.accuracy.Score`, the same arithmetic as the sample bench), the records
expected and found, how many documents were classified as their kind, and the most
common misses by field path ("lines[].lot_number: not found").
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ingest.accuracy import Score

_ERROR = re.compile(r"^(?P<file>\S+)(?: \(extra\))? (?P<path>\S+): want (?P<want>.*) got (?P<got>.*)$")


def miss_pattern(error: str) -> str:
    """"docs/doc-0001.pdf lines[2].unit: want 'kg' got None" -> "lines[].unit: not found"."""
    m = _ERROR.match(error)
    if not m:
        return error
    path = re.sub(r"\[\d+\]", "[]", m.group("path"))
    how = "not found" if m.group("got") == "None" else "extra value" if m.group("want") == "None" else "wrong value"
    return f"{path}: {how}"


def record_kind(got: str | None) -> str:
    """The record kind a document kind holds ("cleaning_log" -> "cleaning_event"); "unknown" for none."""
    if not got:
        return "unknown"
    from ingest.parsers import by_kind

    parser = by_kind(got)
    return parser.record_kind.value if parser is not None else got


@dataclass
class KindReport:
    kind: str
    documents: int = 0
    classified: int = 0                      # documents whose analysed kind is this kind
    expected: int = 0                        # truth records
    found: int = 0                           # extracted records of this kind, in documents of this kind
    score: Score = field(default_factory=Score)
    misses: Counter = field(default_factory=Counter)
    got_kinds: Counter = field(default_factory=Counter)  # what ingest called these documents

    @property
    def recall(self) -> float:
        return self.score.recall

    @property
    def precision(self) -> float:
        return self.score.precision


@dataclass
class DocResult:
    """One document's outcome, for breakdowns by format and language."""

    file: str
    kind: str
    format: str
    lang: str
    got: str | None
    classified: bool
    score: Score


@dataclass
class Report:
    kinds: dict[str, KindReport]
    seconds: float = 0.0
    docs: list[DocResult] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return sum(k.documents for k in self.kinds.values())

    @property
    def classification_accuracy(self) -> float:
        return sum(k.classified for k in self.kinds.values()) / self.documents if self.documents else 0.0

    @property
    def overall(self) -> Score:
        total = Score()
        for k in self.kinds.values():
            total.tp, total.fp, total.fn = total.tp + k.score.tp, total.fp + k.score.fp, total.fn + k.score.fn
        return total

    def table(self) -> str:
        lines = [f"{'kind':22} {'docs':>5} {'classified':>10} {'records':>9} {'found':>6} {'recall':>7} "
                 f"{'precision':>9}"]
        for k in self.kinds.values():
            lines.append(f"{k.kind:22} {k.documents:5d} {k.classified / max(k.documents, 1):10.3f} {k.expected:9d} "
                         f"{k.found:6d} {k.recall:7.3f} {k.precision:9.3f}")
        o = self.overall
        lines.append(f"{'all':22} {self.documents:5d} {self.classification_accuracy:10.3f} "
                     f"{sum(k.expected for k in self.kinds.values()):9d} {sum(k.found for k in self.kinds.values()):6d} "
                     f"{o.recall:7.3f} {o.precision:9.3f}")
        return "\n".join(lines)

    def breakdown(self, attr: str) -> str:
        """Classification and field recall/precision by document `attr` ("format" or "lang")."""
        groups: dict[str, list[DocResult]] = {}
        for d in self.docs:
            groups.setdefault(getattr(d, attr), []).append(d)
        lines = [f"{attr:8} {'docs':>5} {'classified':>10} {'recall':>7} {'precision':>9}"]
        for key, docs in sorted(groups.items()):
            s = Score()
            for d in docs:
                s.tp, s.fp, s.fn = s.tp + d.score.tp, s.fp + d.score.fp, s.fn + d.score.fn
            lines.append(f"{key:8} {len(docs):5d} {sum(d.classified for d in docs) / len(docs):10.3f} "
                         f"{s.recall:7.3f} {s.precision:9.3f}")
        return "\n".join(lines)

    def confusion(self) -> str:
        """True kind (rows) against what ingest called the document (columns, "unknown" when nothing):
        where a kind's documents go tells which evidence is missing (unknown) or misleading (another kind)."""
        called = [record_kind(d.got) for d in self.docs]
        columns = sorted({c for c in called if c != "unknown"} | set(self.kinds)) + ["unknown"]
        counts = Counter(zip((d.kind for d in self.docs), called))
        head = "true kind / read as"
        width = max(len(k) for k in [*self.kinds, head])
        lines = [f"{head:{width}} " + " ".join(f"{c:>{len(c)}}" for c in columns)]
        for kind in self.kinds:
            if any(counts[(kind, c)] for c in columns):
                lines.append(f"{kind:{width}} " + " ".join(f"{counts[(kind, c)] or '.':>{len(c)}}" for c in columns))
        return "\n".join(lines)

    def misses(self, top: int = 10) -> str:
        out = []
        for k in self.kinds.values():
            called = ", ".join(f"{name or 'unknown'} {n}" for name, n in k.got_kinds.most_common())
            out.append(f"\n{k.kind} (read as: {called})")
            out += [f"  {n:5d}  {pattern}" for pattern, n in k.misses.most_common(top)]
        return "\n".join(out)
