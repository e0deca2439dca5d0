"""Findings and the decisions people make on them.

Decisions use optimistic concurrency: each change bumps `version`, and a
decision made on a stale version is refused with a ConflictError, so two
reviewers deciding at once never overwrite each other silently.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from auditpack.errors import ConflictError, DecisionError, StoreError
from auditpack.records import Decision, DecisionAction, Finding, FindingState, FindingStatus, Suggestion
from auditpack.store.base import StoreBase, now
from auditpack.store.schema import DecisionRow, FindingRow, SuggestionRow


@dataclass(frozen=True)
class SyncResult:
    new: int
    still_open: int
    kept_decisions: int
    reopened: int
    resolved: int


def _state(row: FindingRow) -> FindingState:
    finding = Finding.model_validate({**row.data, "status": row.status})
    return FindingState(
        finding=finding, version=row.version, assignee=row.assignee, corrective_action=row.corrective_action,
        due_date=row.due_date.date() if row.due_date else None, reason=row.reason, decided_by=row.decided_by,
        decided_at=row.decided_at, first_seen=row.first_seen, last_seen=row.last_seen, resolved_at=row.resolved_at,
    )


def _snapshot(row: FindingRow) -> dict:
    return {
        "status": row.status, "version": row.version, "assignee": row.assignee,
        "corrective_action": row.corrective_action,
        "due_date": row.due_date.date().isoformat() if row.due_date else None,
        "reason": row.reason, "decided_by": row.decided_by,
    }


def _validate(decision: Decision) -> None:
    a = decision.action
    if a is DecisionAction.ACCEPT and not ((decision.corrective_action or "").strip() and decision.due_date):
        raise DecisionError("accepting a finding needs a corrective action and a due date")
    if a is DecisionAction.DISMISS and not (decision.reason or "").strip():
        raise DecisionError("dismissing a finding needs a reason")
    if a is DecisionAction.ASSIGN and not (decision.assignee or "").strip():
        raise DecisionError("assigning a finding needs an assignee")
    if a is DecisionAction.COMMENT and not (decision.comment or "").strip():
        raise DecisionError("a comment cannot be empty")


class FindingsMixin(StoreBase):
    def sync_findings(self, findings: Sequence[Finding], actor: str = "auditpack check") -> SyncResult:
        """Replace the set of current findings with the result of a check run.

        Findings that still hold keep their decisions; findings that vanished
        are marked resolved (kept, with their history); a resolved finding that
        comes back is reopened.
        """
        at = now()
        new = still = kept = reopened = resolved = 0
        incoming = {f.id: f for f in findings}
        with self.transaction() as s:
            rows = {r.id: r for r in s.scalars(select(FindingRow))}
            for fid, f in incoming.items():
                data = f.model_dump(mode="json", exclude={"status"})
                row = rows.get(fid)
                if row is None:
                    s.add(FindingRow(
                        id=fid, rule_id=f.rule_id, severity=f.severity, status=FindingStatus.OPEN.value,
                        data=data, version=1, first_seen=at, last_seen=at,
                    ))
                    new += 1
                    continue
                row.data, row.severity, row.last_seen = data, f.severity, at
                if row.status == FindingStatus.RESOLVED.value:
                    before = _snapshot(row)
                    row.status, row.resolved_at, row.version = FindingStatus.OPEN.value, None, row.version + 1
                    self._audit(s, actor, "finding.reopen", "finding", fid, before, _snapshot(row))
                    reopened += 1
                elif row.status == FindingStatus.OPEN.value:
                    still += 1
                else:
                    kept += 1
            for fid, row in rows.items():
                if fid not in incoming and row.status != FindingStatus.RESOLVED.value:
                    before = _snapshot(row)
                    row.status, row.resolved_at, row.version = FindingStatus.RESOLVED.value, at, row.version + 1
                    self._audit(s, actor, "finding.resolve", "finding", fid, before, _snapshot(row))
                    resolved += 1
            self._audit(s, actor, "check.run", "check", at.isoformat(),
                        after={"new": new, "open": still, "kept": kept, "reopened": reopened, "resolved": resolved})
        return SyncResult(new, still, kept, reopened, resolved)

    def findings(
        self, status: FindingStatus | str | None = None, rule_id: str | None = None,
        include_resolved: bool = True,
    ) -> list[FindingState]:
        q = select(FindingRow).order_by(FindingRow.rule_id, FindingRow.id)
        if status:
            q = q.where(FindingRow.status == FindingStatus(status).value)
        elif not include_resolved:
            q = q.where(FindingRow.status != FindingStatus.RESOLVED.value)
        if rule_id:
            q = q.where(FindingRow.rule_id == rule_id)
        with self.transaction() as s:
            return [_state(r) for r in s.scalars(q)]

    def get_finding(self, finding_id: str) -> FindingState:
        with self.transaction() as s:
            row = s.get(FindingRow, finding_id)
            if row is None:
                raise StoreError(f"no finding with id {finding_id!r}")
            return _state(row)

    def decide(self, decision: Decision, expected_version: int | None = None) -> FindingState:
        """Apply a reviewer's decision; refuse it if the finding changed meanwhile."""
        _validate(decision)
        at = decision.at or now()
        with self.transaction() as s:
            row = s.get(FindingRow, decision.finding_id)
            if row is None:
                raise StoreError(f"no finding with id {decision.finding_id!r}")
            if expected_version is not None and row.version != expected_version:
                raise ConflictError(row.id, expected_version, row.version)
            before = _snapshot(row)
            values: dict = {"version": row.version + 1}
            a = decision.action
            if a is DecisionAction.ACCEPT:
                values.update(status=FindingStatus.ACCEPTED.value, corrective_action=decision.corrective_action,
                              due_date=datetime.combine(decision.due_date, datetime.min.time()),
                              decided_by=decision.actor, decided_at=at, reason=None)
            elif a is DecisionAction.DISMISS:
                values.update(status=FindingStatus.DISMISSED.value, reason=decision.reason,
                              decided_by=decision.actor, decided_at=at)
            elif a is DecisionAction.REOPEN:
                values.update(status=FindingStatus.OPEN.value, decided_by=decision.actor, decided_at=at)
            elif a is DecisionAction.ASSIGN:
                values.update(assignee=decision.assignee)
            # Compare-and-set: the WHERE on version makes the check atomic across processes.
            finding_id, seen = row.id, row.version  # read before a rollback expires the row
            result = s.execute(
                update(FindingRow).where(FindingRow.id == finding_id, FindingRow.version == seen).values(**values)
            )
            if result.rowcount != 1:
                s.rollback()
                raise ConflictError(finding_id, seen, seen + 1)
            s.refresh(row)
            s.add(DecisionRow(finding_id=row.id, action=a.value, actor=decision.actor, at=at,
                              data=decision.model_dump(mode="json", exclude={"at"})))
            after = _snapshot(row) | ({"comment": decision.comment} if decision.comment else {})  # what was said
            self._audit(s, decision.actor, f"finding.{a.value}", "finding", row.id, before, after)
            return _state(row)

    def decisions(self, finding_id: str | None = None) -> list[Decision]:
        q = select(DecisionRow).order_by(DecisionRow.id)
        if finding_id:
            q = q.where(DecisionRow.finding_id == finding_id)
        with self.transaction() as s:
            return [Decision.model_validate({**r.data, "at": r.at}) for r in s.scalars(q)]

    def save_suggestion(self, suggestion: Suggestion) -> None:
        with self.transaction() as s:
            s.add(SuggestionRow(finding_id=suggestion.finding_id, reviewer=suggestion.reviewer, at=now(),
                                data=suggestion.model_dump(mode="json")))

    def suggestions(self, finding_id: str) -> list[Suggestion]:
        q = select(SuggestionRow).where(SuggestionRow.finding_id == finding_id).order_by(SuggestionRow.id.desc())
        with self.transaction() as s:
            return [Suggestion.model_validate(r.data) for r in s.scalars(q)]
