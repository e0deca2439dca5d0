"""What the UI does on a user's behalf: upload, decide, bulk-decide.

Kept apart from the Gradio code so the same operations are testable at the
service level (two reviewers at once, hostile file names) without a browser.
Every write names the signed-in user as the actor, so the audit log says who.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from auditpack.errors import ConflictError, DecisionError
from auditpack.records import Decision, DecisionAction, FindingState

from review_ui.auth import Session
from review_ui.ports import Services, StageMissing

_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


def safe_filename(name: str) -> str:
    """The last path component only, without control characters.

    The store keeps originals by content hash, so the name is only a label;
    still, a label like ``../../evil.pdf`` is reduced to ``evil.pdf`` so that
    nothing downstream can mistake it for a path.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = _UNSAFE.sub("", name).strip().lstrip(".") or "upload"
    return name[:200]


def require(services: Services, session: Session, action: str, entity_kind: str = "ui", entity_id: str = "") -> None:
    """Refuse what the session's role may not do, leaving an audit row that says who tried what.

    A refused attempt is evidence too (a staff account trying to decide findings
    is worth an administrator's look), so it is logged before PermissionDenied is raised.
    """
    if session.can(action):
        return
    services.store.log(session.user, "ui.refused", entity_kind, entity_id or action,
                       after={"action": action, "role": session.role})
    session.require(action)


@dataclass
class UploadRow:
    filename: str
    status: str
    kind: str | None = None
    records: int = 0
    reason: str | None = None


@dataclass
class UploadResult:
    rows: list[UploadRow] = field(default_factory=list)
    check_message: str = ""


def upload(services: Services, session: Session, files: Iterable[tuple[str, Path]],
           on_file: Callable[[int, str], None] | None = None) -> UploadResult:
    """Ingest each file through `ingest_bytes`, then run the checks once."""
    require(services, session, "upload", "upload")
    ingest = services.stage("ingest")
    limit = int(services.settings.ui.max_upload_mb * 1024 * 1024)
    result = UploadResult()
    for i, (name, path) in enumerate(files):
        label = safe_filename(name)
        if on_file:
            on_file(i, label)
        size = path.stat().st_size
        if size > limit:
            reason = f"larger than the {services.settings.ui.max_upload_mb:g} MB upload limit"
            services.store.log(session.user, "upload.refused", "upload", label, after={"size": size, "reason": reason})
            result.rows.append(UploadRow(label, "rejected", reason=reason))
            continue
        try:
            outcome = ingest.ingest_bytes(services.workspace, services.store, label, path.read_bytes(), session.user)
        except Exception as exc:  # noqa: BLE001 - one bad file must not lose the others' results
            services.store.log(session.user, "upload.failed", "upload", label, after={"error": repr(exc)})
            result.rows.append(UploadRow(label, "rejected", reason=f"unexpected error (a bug): {exc}"))
            continue
        reason = outcome.reason or ("; ".join(str(p) for p in outcome.problems) if outcome.problems else None)
        n = outcome.records if isinstance(outcome.records, int) else len(outcome.records or [])
        status = getattr(outcome.status, "value", outcome.status)
        result.rows.append(UploadRow(outcome.filename or label, str(status), outcome.kind, n, reason))
    if any(r.status in ("ingested", "needs_attention") for r in result.rows):
        try:
            result.check_message = run_checks(services, session)
        except StageMissing as exc:
            result.check_message = f"Checks not run: {exc}"
    return result


def run_checks(services: Services, session: Session) -> str:
    knowledge = services.stage("knowledge")
    run = knowledge.run_check(services.workspace, services.store, actor=session.user)
    s = run.sync
    msg = (f"Checks ran: {len(run.findings)} findings ({s.new} new, {s.resolved} resolved, "
           f"{s.kept_decisions} decided kept).")
    return " ".join([msg, *run.warnings])


@dataclass
class DecideResult:
    ok: bool
    message: str
    state: FindingState | None = None
    conflict: bool = False


def _who_changed(services: Services, finding_id: str) -> str:
    entries = services.store.audit_log(entity_id=finding_id, limit=1)
    return entries[0].actor if entries else "someone else"


def decide(services: Services, session: Session, finding_id: str, action: str, expected_version: int | None,
           *, reason: str = "", corrective_action: str = "", due_date: date | None = None,
           assignee: str = "", comment: str = "") -> DecideResult:
    """One decision on one finding, refused if the finding changed since it was loaded."""
    require(services, session, "decide", "finding", finding_id)
    decision = Decision(
        finding_id=finding_id, action=DecisionAction(action), actor=session.user,
        reason=reason.strip() or None, corrective_action=corrective_action.strip() or None, due_date=due_date,
        assignee=assignee.strip() or None, comment=comment.strip() or None,
    )
    try:
        state = services.store.decide(decision, expected_version=expected_version)
    except ConflictError:
        current = services.store.get_finding(finding_id)
        who = _who_changed(services, finding_id)
        return DecideResult(
            False,
            f"Not saved: this finding was changed by {who} (now {current.status.value}) after you opened it. "
            "Reload it to see their decision; what you typed is still in the form.",
            current, conflict=True,
        )
    except DecisionError as exc:
        return DecideResult(False, f"Not saved: {exc}.")
    verb = {"accept": "Accepted", "dismiss": "Dismissed", "assign": "Assigned", "comment": "Commented on",
            "reopen": "Reopened"}[decision.action.value]
    return DecideResult(True, f"{verb} {state.finding.rule_id} ({state.finding.subject.key}).", state)


@dataclass
class BulkResult:
    done: int
    asked: int
    problems: list[str] = field(default_factory=list)
    refused: str = ""  # why nothing was written (no selection, no matching confirmation)

    @property
    def message(self) -> str:
        if self.refused:
            return self.refused
        msg = f"{self.done} of {self.asked} findings decided."
        if self.problems:
            msg += " Not done: " + " | ".join(self.problems[:5]) + (" …" if len(self.problems) > 5 else "")
        return msg


def decide_selected(services: Services, session: Session, versions: dict[str, int], action: str,
                    confirmed: int | None, **fields) -> BulkResult:
    """One decision (one reason) for the findings a reviewer selected, written only when the reviewer
    confirmed that exact number of findings: a selection that changed after the confirmation writes nothing.

    Each finding is decided on its own with the version the reviewer loaded (the conflict rule of `decide`),
    so each gets its own audit entry and a finding someone else decided meanwhile is reported, not overwritten.
    """
    require(services, session, "decide", "finding", f"{len(versions)} findings")
    if not versions:
        return BulkResult(0, 0, refused="Select the findings to decide first (tick ✓ in the queue).")
    if confirmed != len(versions):
        return BulkResult(0, len(versions), refused=f"Not saved: confirm that this decision applies to "
                                                     f"{len(versions)} findings (tick the confirmation).")
    done, problems = bulk_decide(services, session, versions, action, **fields)
    return BulkResult(done, len(versions), problems)


def bulk_decide(services: Services, session: Session, versions: dict[str, int], action: str,
                **fields) -> tuple[int, list[str]]:
    """Apply one decision to many findings; each keeps its own version check. Returns (done, problems)."""
    require(services, session, "decide", "finding", f"{len(versions)} findings")
    done, problems = 0, []
    for fid, version in versions.items():
        res = decide(services, session, fid, action, version, **fields)
        if res.ok:
            done += 1
        else:
            problems.append(f"{fid}: {res.message}")
    return done, problems
