"""A questionnaire by its shape: questions, each with a written answer, as evidence for the kinds that declare one.

A kind whose declaration holds a `narrative` field with sections (the plan's topics) is filled in as a
questionnaire: its pages are questions and the operator's written answers. That arrangement says what the
document is even when its title is in words no list holds ("Handling questionnaire" in another wording, a
sheet named after the operation). So the number of answered questions stands in for the kind's name, as far
as they would fill the declared sections; and when the questions also ask the declared topics (their wording
scores for the sections), they name the kind as well as a title would.

Only written answers count: a sentence of several words, mostly words of letters. A log's rows misread as
numbered lines ("23. July  Oven  J. Smith  50 ppm" over "2026  OV-2") answer in codes and figures, and a
form's lone question ("Organic? yes") is no questionnaire.
"""
from __future__ import annotations

import re

from auditpack.declarations import KindDeclaration
from ingest.layout import DocumentReading
from ingest.layout.candidates import KeyValue
from ingest.resolve.labels import LabelIndex
from ingest.resolve.scalars import label_scores

MIN_QUESTIONS = 4       # fewer answered questions are a form's odd question, not a questionnaire
ANSWER_WORDS = 5        # a written answer is a sentence of at least this many words ...
WORDY_SHARE = 0.7       # ... most of them words of letters (not codes, figures or times)
SHAPE_NAME = 0.6        # the questionnaire's shape alone stands in for a name this far (a found title: 1.0)
ASKS_SECTION = 0.35     # a question whose wording scores this for a section asks that topic
_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*[.,;:!?)]*$")


def written(kv: KeyValue) -> bool:
    """A question answered in prose: several words, most of them words of letters."""
    if kv.arrangement != "question":
        return False
    words = kv.value.split()
    return len(words) >= ANSWER_WORDS and sum(1 for w in words if _WORD.match(w)) >= WORDY_SHARE * len(words)


def narrative_sections(decl: KindDeclaration) -> list[str]:
    """The paths of the sections of the kind's questionnaire fields (`sections.practices`, ...)."""
    return [f"{name}.{c}" for name, f in decl.fields.items() if f.type == "narrative" and f.columns
            for c in f.columns]


def questionnaire_evidence(decl: KindDeclaration, index: LabelIndex, reading: DocumentReading,
                           embedder: str | None) -> float:
    """0..1: how far the document is this kind's questionnaire. Answered questions up to the number of
    declared sections give up to SHAPE_NAME; the share of sections their wording asks adds the rest."""
    sections = narrative_sections(decl)
    answered = [kv for kv in reading.key_values if written(kv)]
    if not sections or len(answered) < MIN_QUESTIONS:
        return 0.0
    filled = min(1.0, len(answered) / len(sections))
    labels = list(dict.fromkeys(kv.label for kv in answered))
    scores = label_scores(index, labels, sections, embedder)
    asked = sum(1 for p in sections if max(scores[(lab, p)] for lab in labels) >= ASKS_SECTION) / len(sections)
    return filled * (SHAPE_NAME + (1.0 - SHAPE_NAME) * asked)
