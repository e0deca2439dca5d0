"""Findings, reviewer suggestions and reviewer decisions.

A finding is produced by `knowledge` checks, triaged by people in the review
UI or the CLI, and reported by `generators`. Its `id` is derived from the
rule and the subject so that re-running a check finds the same finding again
and the decisions made on it survive.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["critical", "major", "minor"]
SEVERITY_ORDER: dict[str, int] = {"critical": 0, "major": 1, "minor": 2}


class FindingStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"      # the gap is real; a corrective action is planned
    DISMISSED = "dismissed"    # a reviewer judged it not a gap, with a reason
    RESOLVED = "resolved"      # the check no longer raises it


class Subject(BaseModel):
    """What the finding is about: a record (kind, id) and a human key."""

    model_config = ConfigDict(extra="forbid")

    kind: str
    id: str | None = None
    key: str = Field(description="human-readable subject, e.g. a supplier or lot number")


class Evidence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document_sha256: str
    filename: str
    page: int | None = None
    cell: str | None = Field(default=None, description="spreadsheet cell, e.g. 'Log!C7', when read from a sheet")
    snippet: str | None = None


class RegulationPassage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    citation: str
    text: str
    currency: str | None = Field(default=None, description="e.g. current, outdated, absent")


class Finding(BaseModel):
    """One gap. The JSON shape printed by `auditpack check --json`."""

    model_config = ConfigDict(extra="forbid")

    id: str
    rule_id: str
    severity: Severity
    citations: list[str]
    message: str
    subject: Subject
    evidence: list[Evidence] = Field(default_factory=list)
    regulation: list[RegulationPassage] = Field(default_factory=list)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    status: FindingStatus = FindingStatus.OPEN
    facility: str | None = None
    supplier: str | None = None


def finding_id(rule_id: str, subject_key: str) -> str:
    """Stable id: the same rule on the same subject is the same finding."""
    digest = hashlib.sha256(f"{rule_id}\x1f{subject_key}".encode()).hexdigest()[:16]
    return f"{rule_id}:{digest}"


class Suggestion(BaseModel):
    """What a reviewer (offline or LLM) proposes; never a decision."""

    model_config = ConfigDict(extra="forbid")

    finding_id: str
    reviewer: str = Field(description="'offline' or the model name")
    explanation: str
    corrective_action: str
    cited_sections: list[str] = Field(default_factory=list)
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    additional_gaps: list[str] = Field(default_factory=list)


class DecisionAction(StrEnum):
    ACCEPT = "accept"
    DISMISS = "dismiss"
    ASSIGN = "assign"
    COMMENT = "comment"
    REOPEN = "reopen"


class Decision(BaseModel):
    """A person's decision on a finding. Accept needs an action and due date;
    dismiss needs a reason (validated by the store before anything is written)."""

    model_config = ConfigDict(extra="forbid")

    finding_id: str
    action: DecisionAction
    actor: str
    at: datetime | None = None
    reason: str | None = None
    corrective_action: str | None = None
    due_date: date | None = None
    assignee: str | None = None
    comment: str | None = None


class FindingState(BaseModel):
    """A stored finding with its triage state, as reviewers and packages see it."""

    model_config = ConfigDict(extra="forbid")

    finding: Finding
    version: int = Field(description="bumped on every change; a stale version is a conflict")
    assignee: str | None = None
    corrective_action: str | None = None
    due_date: date | None = None
    reason: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    first_seen: datetime
    last_seen: datetime
    resolved_at: datetime | None = None

    @property
    def status(self) -> FindingStatus:
        return self.finding.status
