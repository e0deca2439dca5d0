"""The rule registry and what every check receives besides the records.

`CheckContext` carries everything a check needs that is not a record (the
evaluation date, thresholds from settings, OID entries, OSP coverage scores
computed beforehand by the retrieval index), so checks stay pure: no I/O,
no clock, no model calls.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from auditpack.records import Evidence, Finding, RecordBase, Subject, finding_id
from auditpack.settings import CheckSettings
from auditpack.store import OidEntry
from knowledge.catalog import NationalList, Requirement, load_national_list, load_requirements


@dataclass(frozen=True)
class CoverageScore:
    """How well one OSP section matches the regulation passage it must address (0-1)."""

    section: str
    citation: str
    score: float
    best_passage: str = ""


@dataclass
class CheckContext:
    as_of: date
    as_of_explicit: bool = False
    settings: CheckSettings = field(default_factory=CheckSettings)
    oid: Sequence[OidEntry] = ()
    osp_coverage: dict[str, CoverageScore] = field(default_factory=dict)
    coverage_threshold: float = 0.25
    requirements: dict[str, Requirement] = field(default_factory=load_requirements)
    national_list: NationalList = field(default_factory=load_national_list)
    warnings: list[str] = field(default_factory=list)
    rules_run: int = 0

    def finding(self, rule_id: str, subject_kind: str, key: str, message: str, *,
                subject_id: str | None = None, evidence: list[Evidence] | None = None,
                confidence: float = 1.0, facility: str | None = None, supplier: str | None = None,
                severity: str | None = None, citations: list[str] | None = None) -> Finding:
        """A finding whose severity and citations come from the catalog entry of `rule_id`."""
        req = self.requirements[rule_id]
        key = key.strip()
        return Finding(
            id=finding_id(rule_id, key.lower()), rule_id=rule_id, severity=severity or req.severity,
            citations=citations or list(req.citations), message=message,
            subject=Subject(kind=subject_kind, id=subject_id, key=key), evidence=evidence or [],
            confidence=confidence, facility=facility, supplier=supplier,
        )


CheckFn = Callable[[Sequence[RecordBase], CheckContext], list[Finding]]
REGISTRY: dict[str, CheckFn] = {}


def rule(rule_id: str) -> Callable[[CheckFn], CheckFn]:
    """Register a check under its rule id (which must exist in the catalog)."""

    def wrap(fn: CheckFn) -> CheckFn:
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id} registered twice")
        REGISTRY[rule_id] = fn
        fn.rule_id = rule_id  # type: ignore[attr-defined]
        return fn

    return wrap


def of_kind(records: Sequence[RecordBase], cls: type) -> list:
    return [r for r in records if isinstance(r, cls)]
