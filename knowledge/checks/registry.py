"""The rule registry and what every check receives besides the records.

Rules arrive through the `auditpack_rules` plugin hook (the built-ins from
`knowledge.plugin`), each a pure check function under a rule id that a
requirement catalog entry defines (severity, citations, summary).

`CheckContext` carries everything a check needs that is not a record (the
evaluation date, thresholds from settings, OID entries, OSP coverage scores
computed beforehand by the retrieval index), so checks stay pure: no I/O,
no clock, no model calls.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from auditpack.plugins import collect
from auditpack.records import Evidence, Finding, RecordBase, Subject, finding_id
from auditpack.settings import CheckSettings
from knowledge.catalog import NationalList, Requirement, load_national_list, load_requirements
from knowledge.errors import RuleRegistrationError

if TYPE_CHECKING:  # a type only: importing the store would load SQLAlchemy into every command that lists rules
    from auditpack.store import OidEntry


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
    requirements: dict[str, Requirement] = field(default_factory=lambda: requirements())
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


@dataclass(frozen=True)
class Rule:
    """A check under its rule id; `requirements` is the YAML file or folder that defines a plugin's ids
    (the built-in rules are defined by the catalog in `knowledge/requirements/`)."""

    id: str
    check: CheckFn
    requirements: Path | None = None


def rule(rule_id: str) -> Callable[[CheckFn], CheckFn]:
    """Mark a check function with its rule id; `knowledge.plugin` (or a plugin's hook) registers it."""

    def wrap(fn: CheckFn) -> CheckFn:
        fn.rule_id = rule_id  # type: ignore[attr-defined]
        return fn

    return wrap


def rules() -> dict[str, Rule]:
    """Every registered rule by id; an id registered twice or missing from the catalog is refused."""
    out: dict[str, Rule] = {}
    for r in collect("auditpack_rules"):
        if r.id in out:
            raise RuleRegistrationError(r.id, "registered twice")
        out[r.id] = r
    catalog = requirements()
    for rid in out:
        if rid not in catalog:
            raise RuleRegistrationError(rid, "no requirement catalog entry defines it (severity, citations)")
    return out


def requirements() -> dict[str, Requirement]:
    """The built-in requirement catalog plus the entries of every plugin rule's own YAML."""
    out = dict(load_requirements())
    for r in collect("auditpack_rules"):
        if r.requirements is not None:
            out.update(load_requirements(r.requirements))
    return out


def of_kind(records: Sequence[RecordBase], cls: type) -> list:
    return [r for r in records if isinstance(r, cls)]
