"""Narrative answers of a questionnaire (the OSP's sections) from its questions.

A numbered question followed by its answer, or a question/answer table row, is matched to the
declared section whose labels (the ways questionnaires ask it) and meaning fit it best; each
question answers one section and each section takes its best question.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from auditpack.declarations import KindDeclaration
from ingest.layout import DocumentReading
from ingest.resolve.labels import LabelIndex
from ingest.resolve.scalars import Resolved, label_scores

MIN_SCORE = 0.35     # a long label/value pair must name its section clearly
MIN_QUESTION = 0.12  # a numbered question is an answer to some section: the assignment decides which


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
    # a questionnaire asks each topic once: questions and sections are matched as one assignment, so a
    # question whose words fit two topics goes to the one no other question fits better
    gain = np.zeros((len(candidates), len(paths)))
    for i, kv in enumerate(candidates):
        if sum(ch.isalpha() for ch in kv.value) < 3:
            continue
        for j, p in enumerate(paths):
            s = scores[(kv.label, p)]
            gain[i, j] = s if s >= (MIN_SCORE if kv.arrangement != "question" else MIN_QUESTION) else 0.0
    out: dict[str, Resolved] = {}
    for i, j in zip(*linear_sum_assignment(gain, maximize=True)):
        if gain[i, j] > 0:
            kv = candidates[i]
            out[paths[j].split(".", 1)[1]] = Resolved(kv.value.strip(), kv.value_where, round(float(gain[i, j]), 3),
                                                       kv.label)
    return out
