"""Is the package ready to go to the certifier? Said before it is built.

A package with undecided findings tells the certifier "we found this and
have not looked at it yet"; sometimes that is what the reviewer wants (an
inspection next week), but it must never happen by accident. `assess`
states what is not ready: open findings by severity (critical ones listed),
record types the certifier expects that the package lacks, an operation
name the evidence contradicts, and records dated outside the package period
(left out of it). The CLI, the review UI and the REST API refuse
to build while findings are open unless the caller says so explicitly
(`allow_open`); the cover then says how many were open at build time.
"""
from __future__ import annotations

from auditpack.errors import AuditPackError
from auditpack.records import SEVERITY_ORDER
from generators.dataset import Dataset
from generators.models import ChecklistItem, OpenItem, Readiness
from generators.operation_check import operation_mismatches
from generators.period_check import period_mismatches

__all__ = ["NotReadyError", "OpenItem", "Readiness", "assess"]


class NotReadyError(AuditPackError):
    """Building was refused: findings are open and the caller did not allow them. Nothing was written."""

    def __init__(self, readiness: Readiness, flag: str = "allow_open=True") -> None:
        n = readiness.open_total
        crit = readiness.open_by_severity.get("critical", 0)
        super().__init__(f"not built: {n} finding{'s are' if n != 1 else ' is'} open with no decision"
                         f"{f' ({crit} critical)' if crit else ''}; decide them first, or build anyway with {flag}")
        self.readiness, self.flag = readiness, flag

    def with_flag(self, flag: str) -> NotReadyError:
        """The same refusal naming the caller's own switch (`--allow-open` on the CLI)."""
        return NotReadyError(self.readiness, flag)


def assess(ds: Dataset, checklist: list[ChecklistItem] | None = None) -> Readiness:
    opened = sorted(ds.open_findings, key=lambda f: (SEVERITY_ORDER.get(f.finding.severity, 9),
                                                    f.finding.rule_id, f.finding.subject.key))
    by_sev: dict[str, int] = {}
    for f in opened:
        by_sev[f.finding.severity] = by_sev.get(f.finding.severity, 0) + 1
    critical = [OpenItem(id=f.finding.id, rule_id=f.finding.rule_id, severity=f.finding.severity,
                         subject=f.finding.subject.key, message=f.finding.message)
                for f in opened if f.finding.severity == "critical"]
    return Readiness(certifier=ds.profile.id, operation=ds.cover_operation, open_total=len(opened),
                     open_by_severity=by_sev, critical=critical,
                     missing_records=[c.record_type for c in checklist or [] if c.status == "missing"],
                     operation_warnings=operation_mismatches(ds), period_warnings=period_mismatches(ds))
