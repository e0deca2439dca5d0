"""Pydantic models the knowledge stage returns to the CLI, the UI and the generators.

They are results, not records: nothing here is stored as a record; findings
go through `auditpack.records.Finding` and the store's `sync_findings`.
"""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from auditpack.records import Finding


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SyncCounts(_Model):
    """What `store.sync_findings` did with this run's findings."""

    new: int = 0
    still_open: int = 0
    kept_decisions: int = 0
    reopened: int = 0
    resolved: int = 0


class CheckRun(_Model):
    """The outcome of `auditpack check`."""

    findings: list[Finding]
    sync: SyncCounts = Field(default_factory=SyncCounts)
    corpus_loaded: bool = False
    corpus_version: str | None = None
    as_of: date | None = None
    rules_run: int = 0
    seconds: float = 0.0
    warnings: list[str] = Field(default_factory=list)


class Passage(_Model):
    """One retrieved chunk of the regulation (a section or a paragraph of one)."""

    citation: str = Field(description="e.g. '7 CFR 205.201(a)(3)'")
    section: str = Field(description="e.g. '205.201'")
    heading: str
    text: str
    score: float = Field(description="fused reciprocal-rank score (higher is better)")
    currency: str | None = None


class SectionCurrency(_Model):
    section: str
    heading: str = ""
    currency: str
    state: str = Field(description="current | outdated | absent")


class CorpusStatus(_Model):
    loaded: bool
    source: str | None = None
    version_date: str | None = None
    sections: int = 0
    chunks: int = 0
    indexed: bool = False
    present: list[SectionCurrency] = Field(default_factory=list)
    outdated: list[SectionCurrency] = Field(default_factory=list)
    absent: list[SectionCurrency] = Field(default_factory=list)
    message: str = ""

    def __str__(self) -> str:  # the demo prints the status object directly
        return self.message
