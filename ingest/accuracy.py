"""Field-level precision and recall of extraction against a sample's truth.json.

Used by `bench/accuracy.py` and by the accuracy-floor tests. Records are
matched to truth records by a key per kind (invoice number, batch lot...);
every scalar field (and every field of every nested line, by position) is
one comparison. A value where the truth has none counts against precision;
a truth value we did not extract counts against recall.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from auditpack.declarations import declarations
from ingest.loaders import LoadOptions
from ingest.pipeline import analyze, sha256_file

_META = {"id", "kind", "source", "field_sources", "missing_fields", "page"}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: "Score") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.errors += other.errors


def norm(v: object) -> object:
    if v is None or v == [] or v == "":
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return round(float(v), 3)
    if isinstance(v, str):
        s = re.sub(r"\s+", " ", v).strip().casefold()
        m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[t ](\d{2}:\d{2})(?::00)?)?", s)
        if m:
            return m.group(1) + (f"T{m.group(2)}" if m.group(2) and m.group(2) != "00:00" else "")
        return s
    if isinstance(v, (dt.date, dt.datetime)):
        return norm(v.isoformat())
    if isinstance(v, list) and all(not isinstance(x, dict) for x in v):
        return tuple(sorted(str(norm(x)) for x in v))
    return v


def flatten(rec: dict, prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for k, v in rec.items():
        if k in _META:
            continue
        path = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flatten(v, path + "."))
        elif isinstance(v, list) and v and isinstance(v[0], dict):
            for i, item in enumerate(v):
                out.update(flatten(item, f"{path}[{i}]."))
        else:
            out[path] = norm(v)
    return out


def key_fields(kind: str) -> tuple[str, ...]:
    """What tells one record of `kind` from another: the kind declaration's key fields."""
    decl = declarations().get(kind)
    return tuple(decl.key_fields) if decl else ()


def key_of(rec: dict) -> tuple:
    return tuple(norm(rec.get(k)) for k in key_fields(rec["kind"]))


def _key_overlap(a: dict, b: dict) -> int:
    """How many key fields two records share (non-empty and equal): matching is lenient, so one wrong
    key (a misread supplier name) costs that field, not every field of the record."""
    return sum(1 for k in key_fields(a["kind"]) if norm(a.get(k)) is not None and norm(a.get(k)) == norm(b.get(k)))


def compare(truth: dict, got: dict | None, where: str) -> Score:
    s = Score()
    t, g = flatten(truth), flatten(got) if got else {}
    for path in set(t) | set(g):
        tv, gv = t.get(path), g.get(path)
        if tv is None and gv is None:
            continue
        if tv == gv:
            s.tp += 1
            continue
        if gv is not None:
            s.fp += 1
        if tv is not None:
            s.fn += 1
        if len(s.errors) < 50:
            s.errors.append(f"{where} {path}: want {tv!r} got {gv!r}")
    return s


def score_document(truth_records: list[dict], got: list[dict], where: str) -> dict[str, Score]:
    scores: dict[str, Score] = defaultdict(Score)
    pool = list(got)
    for tr in truth_records:
        same = [g for g in pool if g["kind"] == tr["kind"]]
        match = next((g for g in same if key_of(g) == key_of(tr)), None)
        if match is None and same:
            best = max(same, key=lambda g: _key_overlap(tr, g))
            match = best if _key_overlap(tr, best) or len(same) == 1 else None
        if match is not None:
            pool.remove(match)
        scores[tr["kind"]].add(compare(tr, match, where))
    for g in pool:  # records the truth does not have
        scores[g["kind"]].add(compare({"kind": g["kind"]}, g, where + " (extra)"))
    return scores


def _run(args: tuple[str, str]) -> tuple[str, list[dict], str | None, list[str]]:
    path, name = args
    a = analyze(path, name, sha256_file(Path(path)), LoadOptions())
    return name, a.records, a.reason, a.problems


def evaluate(sample: Path, workers: int | None = None, only_scanned: bool | None = None) -> dict[str, dict[str, Score]]:
    """{"all"|"text"|"scanned": {record kind: Score}} for every document in `sample`/truth.json."""
    truth = json.loads((sample / "truth.json").read_text(encoding="utf-8"))
    docs = [d for d in truth["documents"] if only_scanned is None or bool(d.get("scanned")) == only_scanned]
    jobs = [(str(sample / d["file"]), Path(d["file"]).name) for d in docs]
    n = workers or os.cpu_count() or 1
    if n > 1:
        with ProcessPoolExecutor(n) as ex:
            results = list(ex.map(_run, jobs))
    else:
        results = [_run(j) for j in jobs]
    out: dict[str, dict[str, Score]] = {"all": defaultdict(Score), "text": defaultdict(Score),
                                        "scanned": defaultdict(Score)}
    for d, (name, records, reason, problems) in zip(docs, results):
        group = "scanned" if d.get("scanned") else "text"
        for kind, sc in score_document(d["records"], records, d["file"]).items():
            out["all"][kind].add(sc)
            out[group][kind].add(sc)
    return out
