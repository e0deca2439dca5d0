"""Narrative answers of a questionnaire (the OSP's sections) from its questions.

A numbered question followed by its answer, or a question/answer table row, is matched to the
declared section whose labels (the ways questionnaires ask it) and meaning fit it best; each
question answers one section and each section takes its best question.
"""
from __future__ import annotations

from auditpack.declarations import KindDeclaration
from ingest.layout import DocumentReading
from ingest.resolve.labels import LabelIndex
from ingest.resolve.scalars import Resolved, label_scores

MIN_SCORE = 0.35


def resolve_sections(decl: KindDeclaration, index: LabelIndex, name: str, reading: DocumentReading,
                     embedder: str | None) -> dict[str, Resolved]:
    columns = decl.fields[name].columns
    paths = [f"{name}.{c}" for c in columns]
    candidates = [kv for kv in reading.key_values
                  if kv.arrangement == "question" or (len(kv.value) >= 40 and len(kv.label) >= 12)]
    if not candidates:
        return {}
    labels = list(dict.fromkeys(kv.label for kv in candidates))
    scores = label_scores(index, labels, paths, embedder)
    pairs = sorted(((scores[(kv.label, p)], i, p) for i, kv in enumerate(candidates) for p in paths),
                   key=lambda t: -t[0])
    out: dict[str, Resolved] = {}
    used: set[int] = set()
    for score, i, path in pairs:
        if score < MIN_SCORE:
            break
        col = path.split(".", 1)[1]
        if col in out or i in used or sum(ch.isalpha() for ch in candidates[i].value) < 3:
            continue
        kv = candidates[i]
        out[col] = Resolved(kv.value.strip(), kv.value_where, round(score, 3), kv.label)
        used.add(i)
    return out
