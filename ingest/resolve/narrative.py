"""Narrative answers of a questionnaire (the OSP's sections) from its questions.

A numbered question followed by its answer, or a question/answer table row, is matched to the
declared section whose labels (the ways questionnaires ask it) and meaning fit it best; each
question answers one section and each section takes its best question. Where the words are weak
(a language the labels barely cover), the order of the questions helps: a questionnaire asks its
topics in the regulation's order (the declared order of the sections). A long pair whose value is a
list of names is a form's list field, never an answer.
"""
from __future__ import annotations

import re

import numpy as np
from scipy.optimize import linear_sum_assignment

from auditpack.declarations import KindDeclaration
from ingest.layout import DocumentReading
from ingest.layout.candidates import KeyValue
from ingest.resolve.labels import LabelIndex
from ingest.resolve.scalars import Resolved, label_scores

MIN_SCORE = 0.35     # a long label/value pair must name its section clearly
MIN_QUESTION = 0.12  # a numbered question is an answer to some section: the assignment decides which
ORDER_MARGIN = 0.04  # the gain per question a matching in the declared order may give up (`questions_in_order`)
GAP_CONFIDENCE = 0.2  # a section placed by the order of the questions alone (`fill_gaps`)
WEAK_WORDS = 0.4     # words placing the questions this well on average (or less) barely cover the language ...
WEAK_MARGIN = 0.3    # ... so the order may then give up this share of their gain (`questions_in_order`)
LIST_ITEM_WORDS = 6  # an item of a list is a name, not a clause
_ITEMS = re.compile(r"[;\n|•]|,\s")


def listing(value: str) -> bool:
    """A list of names ("Rye bread; Oat bars; Apple butter", "Mill M-1, Press P-2"), not a written
    answer: two items or more, each a few words, and no closing full stop. A long label/value pair
    of this shape is a form's list field (the goods made, the equipment), never a section's answer."""
    t = value.strip()
    items = [p.strip() for p in _ITEMS.split(t) if p.strip()]
    return len(items) >= 2 and not t.endswith((".", "!", "?", "。")) and \
        all(len(p.split()) <= LIST_ITEM_WORDS for p in items)


def _candidate(kv: KeyValue) -> bool:
    """A question and its answer, or a long label over written text (a section printed as a pair)."""
    if kv.arrangement == "question":
        return True
    return len(kv.value) >= 40 and len(kv.label) >= 12 and not listing(kv.value)


def resolve_sections(decl: KindDeclaration, index: LabelIndex, name: str, reading: DocumentReading,
                     embedder: str | None) -> dict[str, Resolved]:
    columns = decl.fields[name].columns
    paths = [f"{name}.{c}" for c in columns]
    candidates = [kv for kv in reading.key_values if _candidate(kv)]
    if not candidates:
        return {}
    labels = list(dict.fromkeys(kv.label for kv in candidates))
    scores = label_scores(index, labels, paths, embedder)
    # a questionnaire asks each topic once: questions and sections are matched as one assignment, so a
    # question whose words fit two topics goes to the one no other question fits better
    gain = np.zeros((len(candidates), len(paths)))
    leaning = np.zeros((len(candidates), len(paths)))
    for i, kv in enumerate(candidates):
        if sum(ch.isalpha() for ch in kv.value) < 3:
            continue
        for j, p in enumerate(paths):
            s = scores[(kv.label, p)]
            leaning[i, j] = s
            gain[i, j] = s if s >= (MIN_SCORE if kv.arrangement != "question" else MIN_QUESTION) else 0.0
    pairs = {int(i): int(j) for i, j in zip(*linear_sum_assignment(gain, maximize=True)) if gain[i, j] > 0}
    answered = [i for i, kv in enumerate(candidates)
                if kv.arrangement == "question" and sum(ch.isalpha() for ch in kv.value) >= 3]
    pairs = questions_in_order(pairs, answered, gain, leaning)
    pairs |= fill_gaps(pairs, answered, len(paths))
    out: dict[str, Resolved] = {}
    for i, j in pairs.items():
        kv = candidates[i]
        confidence = round(float(gain[i, j]), 3) if gain[i, j] > 0 else GAP_CONFIDENCE
        out[paths[j].split(".", 1)[1]] = Resolved(kv.value.strip(), kv.value_where, confidence, kv.label)
    return out


def questions_in_order(pairs: dict[int, int], questions: list[int], gain: np.ndarray,
                       leaning: np.ndarray | None = None) -> dict[int, int]:
    """The questions placed in the declared order of the sections, when that costs (almost) nothing.
    Weak words place a question where another fits a little better ("keep products apart ... from
    prohibited substances" leans to the substances when no question asks for them, pushing the next
    question onto the commingling); a questionnaire asks its topics in the regulation's order, so the
    best order-keeping matching is taken when its gain is within ORDER_MARGIN a question of the free one's
    (one question misplaced by words that fit it well costs more than that: a form that asks in its own
    order keeps its own order).

    Where the words are weak throughout (the free matching places its questions at WEAK_WORDS or less on
    average: a language the declared labels barely cover), they are little better than noise. A score
    below MIN_QUESTION still says which way a question leans once the order is kept, so the order-keeping
    matching then reads `leaning` (the scores before that floor) and may give up WEAK_MARGIN of the free gain."""
    if len(questions) < 3:
        return pairs
    asked = set(questions)
    free = sum(gain[i, j] for i, j in pairs.items() if i in asked)
    margin = ORDER_MARGIN * len(questions)
    scores = gain
    if leaning is not None and free <= WEAK_WORDS * len(questions):
        scores, margin = leaning, max(margin, WEAK_MARGIN * free)
    ordered = _monotone(scores[questions])
    kept = sum(scores[questions[a], j] for a, j in ordered.items())
    if kept < free - margin:
        return pairs
    out = {questions[a]: j for a, j in ordered.items()}
    taken = set(out.values())
    return out | {i: j for i, j in pairs.items() if i not in asked and j not in taken}


def _monotone(gain: np.ndarray) -> dict[int, int]:
    """Row -> column of the matching of greatest gain in which later rows take later columns
    (positive gains only)."""
    n, m = gain.shape
    best = np.zeros((n + 1, m + 1))
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            take = gain[a, b] + best[a + 1, b + 1] if gain[a, b] > 0 else -1.0
            best[a, b] = max(take, best[a + 1, b], best[a, b + 1])
    out: dict[int, int] = {}
    a = b = 0
    while a < n and b < m:
        if gain[a, b] > 0 and best[a, b] == gain[a, b] + best[a + 1, b + 1]:
            out[a] = b
            a, b = a + 1, b + 1
        elif best[a, b] == best[a + 1, b]:
            a += 1
        else:
            b += 1
    return out


def fill_gaps(pairs: dict[int, int], questions: list[int], sections: int) -> dict[int, int]:
    """Questions whose words name no section, placed by where they stand. A questionnaire asks its
    topics in the order the regulation lists them (the declared order of the sections): a lone
    unplaced question between a question placed on section 2 and one placed on section 4 asks for
    section 3, when 3 is still free. Only a gap of one question and one free section is filled, and
    only between neighbours placed in the declared order, so a form that asks in its own order, or
    asks things no section holds, is left as the words placed it."""
    placed = [i for i in questions if i in pairs]
    taken = set(pairs.values())
    out: dict[int, int] = {}
    bounds = [(-1, -1), *((i, pairs[i]) for i in placed), (max(questions, default=-1) + 1, sections)]
    for (q_lo, s_lo), (q_hi, s_hi) in zip(bounds, bounds[1:]):
        between = [i for i in questions if q_lo < i < q_hi and i not in pairs]
        free = [j for j in range(s_lo + 1, s_hi) if j not in taken]
        if s_lo < s_hi and len(between) == 1 and len(free) == 1:
            out[between[0]] = free[0]
    return out
