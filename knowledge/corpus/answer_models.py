"""What `knowledge.api.answer` returns: an answer to a question over the loaded regulation copy.

Passages are grouped by section (heading, the copy's currency, one plain relevance label), each passage
complete with the list items its stem announces; warnings say which needed sections the copy lacks or
holds outdated; an optional model-composed answer carries a citation on every sentence it kept.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Relevance = Literal["strong match", "related", "weak"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AnswerPassage(_Model):
    """One retrieved paragraph, with the list items that complete it when it ends with a stem (':')."""

    citation: str = Field(description="e.g. '7 CFR 205.201(a)'")
    text: str = Field(description="the regulation's Markdown (eCFR copy): *italic* terms, (a)/(1) labels")
    items: list[str] = Field(default_factory=list, description="citations of the list items appended to text")
    more_items: int = Field(default=0, description="items of the list left out to keep the answer short")
    relevance: Relevance
    cosine: float = Field(description="embedding cosine between question and passage (for benches and tests)")


class SectionAnswer(_Model):
    """The passages of one section, best first, under the section's heading and currency."""

    section: str
    citation: str
    heading: str
    currency: str = Field(description="the loaded copy's note for this section, e.g. 'post-SOE'")
    state: Literal["current", "outdated"]
    relevance: Relevance = Field(description="the label of the section's best passage")
    passages: list[AnswerPassage]


class NeededSection(_Model):
    """A section the question needs that the loaded copy lacks or holds in an outdated version."""

    section: str
    state: Literal["absent", "outdated"]
    reason: Literal["cited in the question", "the question's topic", "an answer passage"]
    heading: str = ""
    currency: str = Field(default="", description="the copy's currency note for an outdated section")
    summary: str | None = Field(default=None, description="AuditPack's own summary (not regulation text)")


class CitedSentence(_Model):
    text: str
    citations: list[str]


class ComposedAnswer(_Model):
    """A model's short answer, kept only where each sentence cites a passage shown with it."""

    model: str
    sentences: list[CitedSentence] = Field(default_factory=list)
    dropped: int = Field(default=0, description="sentences without a citation or citing no shown passage")
    error: str | None = Field(default=None, description="why no composed answer is shown (the passages are)")


class Answer(_Model):
    question: str
    sections: list[SectionAnswer]
    needed: list[NeededSection] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list, description="one line per needed section, for people")
    source: str | None = Field(default=None, description="where the loaded copy came from")
    version_date: str | None = Field(default=None, description="the copy's as-of date, when it has one")
    composed: ComposedAnswer | None = None
    mode: Literal["extractive", "composed"] = "extractive"
