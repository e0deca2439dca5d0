"""The truth of the real-documents bench (bench/real_documents.yaml) and the arithmetic that scores a reading.

Why apart from the runner: the scoring is what a test can check on a hand-made `Analysis` without
../shared, and the truth's shape is what a test checks against the MANIFEST. Nothing here prints a
value: a score holds field *names* (matched or missed) and kinds, never what a document says, because
several of these documents carry personal data (names, phone numbers, tax IDs).
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from auditpack.declarations import declarations
from ingest.accuracy import norm
from ingest.pipeline import Analysis

TRUTH = Path(__file__).with_name("real_documents.yaml")
NONE = "none"  # a document that is none of the declared kinds
IMAGES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
_NUMBERS = ("money", "number", "quantity", "percent")


class Companion(BaseModel):
    """A file of expected output next to the document (invoice2data's JSON, Mindee's API response)."""

    file: str
    format: str


class CompanionFormat(BaseModel):
    """Where a companion format keeps each of our fields: `root` is the path to the result, `fields` maps our
    field name to a dotted path under it, `strip` lists characters the format keeps that the document's
    value does not have."""

    root: list[str] = Field(default_factory=list)
    fields: dict[str, str]
    strip: dict[str, str] = Field(default_factory=dict)


class DocTruth(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    kind: str
    accept: list[str] = Field(default_factory=list, description="other answers that are also right")
    scanned: bool = False
    fields: dict[str, Any] = Field(default_factory=dict, description="values as the MANIFEST states them")
    companion: Companion | None = Field(default=None, alias="from")

    @property
    def answers(self) -> set[str]:
        return {self.kind, *self.accept}

    def needs_ocr(self, path: str) -> bool:
        return self.scanned or path.lower().endswith(IMAGES)


class Truth(BaseModel):
    model_config = ConfigDict(extra="forbid")

    formats: dict[str, CompanionFormat]
    documents: dict[str, DocTruth]
    companions: list[str] = Field(default_factory=list)


def load_truth(path: Path = TRUTH) -> Truth:
    return Truth.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def _dig(data: Any, path: list[str]) -> Any:
    for step in path:
        if data is None:
            return None
        data = data[int(step)] if isinstance(data, list) else data.get(step)
    return data


def coerce(kind: str, name: str, value: Any) -> Any:
    """A truth value in the form a record holds it, by the field's declared type (JSON amounts may be strings,
    YAML reads dates as dates)."""
    if value is None or value == "":
        return None
    ftype = declarations()[kind].fields[name].type
    if ftype in _NUMBERS:
        return float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
    if ftype == "date":
        return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]
    return value if isinstance(value, list) else str(value)


def expected_fields(doc: DocTruth, root: Path, formats: dict[str, CompanionFormat]) -> dict[str, Any]:
    """The values to compare: the companion file's (read now, never copied), then the MANIFEST's."""
    out: dict[str, Any] = {}
    if doc.companion is not None:
        fmt = formats[doc.companion.format]
        data = _dig(json.loads((root / doc.companion.file).read_text(encoding="utf-8")), fmt.root)
        for name, where in fmt.fields.items():
            value = _dig(data, where.split("."))
            if isinstance(value, str) and name in fmt.strip:
                value = value.lstrip(fmt.strip[name])
            out[name] = value
    out.update(doc.fields)
    values = {name: coerce(doc.kind, name, v) for name, v in out.items()}
    return {name: v for name, v in values.items() if v is not None}


class DocScore(BaseModel):
    """One document's result: kinds, status and field names, never values."""

    path: str
    expected: str
    read: str = Field(description="the record kind read, 'none' when no records, 'mixed:a+b' for several")
    status: str
    records: int
    right: bool = Field(description="the kind read is the expected one or an accepted alternative")
    matched: list[str] = Field(default_factory=list)
    missed: list[str] = Field(default_factory=list)
    bug: bool = False
    seconds: float = 0.0


def read_kind(analysis: Analysis) -> str:
    """The kind of what was read, by its records (a document kind name such as "cleaning_log" is a parser's
    name for its pages; the records say the record kind)."""
    kinds = sorted({str(r.get("kind")) for r in analysis.records})
    if not kinds:
        return NONE
    return kinds[0] if len(kinds) == 1 else "mixed:" + "+".join(kinds)


def _compare(want: dict[str, Any], record: dict) -> list[str]:
    return [name for name, value in want.items() if norm(record.get(name)) == norm(value)]


def score(path: str, doc: DocTruth, want: dict[str, Any], analysis: Analysis, seconds: float = 0.0) -> DocScore:
    """Score one reading. Fields are compared on the record of the expected kind that matches most of them
    (a bundle may hold several); a document read as another kind misses every expected field."""
    read = read_kind(analysis)
    same = [r for r in analysis.records if r.get("kind") == doc.kind]
    matched = max((_compare(want, r) for r in same), key=len, default=[])
    return DocScore(path=path, expected=doc.kind, read=read, status=str(getattr(analysis.status, "value",
                    analysis.status)), records=len(analysis.records),
                    right=read in doc.answers, matched=matched, missed=[n for n in want if n not in matched],
                    bug=bool(analysis.traceback) or (analysis.reason or "").startswith("internal error"),
                    seconds=seconds)


class Summary(BaseModel):
    """The figures the bench prints, computed from the scores alone."""

    ours: int = 0
    ours_right: int = 0
    by_kind: dict[str, tuple[int, int]] = Field(default_factory=dict, description="kind -> (right, documents)")
    others: int = 0
    others_left: int = 0
    claimed: list[tuple[str, str]] = Field(default_factory=list, description="(path, kind claimed)")
    fields_by_kind: dict[str, tuple[int, int]] = Field(default_factory=dict, description="kind -> (matched, total)")
    misses_by_field: dict[str, int] = Field(default_factory=dict, description="kind.field -> documents missing it")
    statuses: dict[str, int] = Field(default_factory=dict)
    bugs: list[str] = Field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.ours_right / self.ours if self.ours else 0.0


def summarize(scores: list[DocScore]) -> Summary:
    s = Summary()
    misses: Counter[str] = Counter()
    for d in scores:
        s.statuses[d.status] = s.statuses.get(d.status, 0) + 1
        if d.bug:
            s.bugs.append(d.path)
        if d.expected == NONE:
            s.others += 1
            s.others_left += d.right
            if not d.right:
                s.claimed.append((d.path, d.read))
            continue
        s.ours += 1
        s.ours_right += d.right
        right, n = s.by_kind.get(d.expected, (0, 0))
        s.by_kind[d.expected] = (right + d.right, n + 1)
        if d.matched or d.missed:
            m, t = s.fields_by_kind.get(d.expected, (0, 0))
            s.fields_by_kind[d.expected] = (m + len(d.matched), t + len(d.matched) + len(d.missed))
            misses.update(f"{d.expected}.{name}" for name in d.missed)
    s.misses_by_field = dict(misses.most_common())
    return s
