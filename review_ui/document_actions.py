"""What the Documents tab does on a person's behalf: save corrections, set the kind, add or remove a
line, remember a layout, apply it to the other documents of that layout.

Kept apart from the Gradio code so each operation is testable at the service level. Every write names
the signed-in user and carries the document revision they saw: a stale one comes back as a conflict
with who changed it, never a silent overwrite. After a change the checks run again, and the message
says how many findings changed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditpack.errors import AuditPackError, ConflictError
from auditpack.records import DocumentDetail, SourceRef

from review_ui.auth import Session
from review_ui.ports import Services, StageMissing

CORRECT = "correct"


@dataclass
class Edit:
    """One value a person gave: the field, the text they pointed at or typed, and where it stands."""

    field: str
    text: str
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    cell: str | None = None
    record: str | None = None  # the record it belongs to (a log's row); None: the document's first record
    how: str = "clicked"  # how a page value was pointed at: "clicked" (a word) or "box" (a dragged box)
    drawn: tuple[float, float, float, float] | None = None  # the box as dragged (page units), kept in the note

    @property
    def where(self) -> str:
        return self.cell or (f"p. {self.page} ({self.how})" if self.bbox else "typed")

    @property
    def note(self) -> str | None:
        """What the correction's note keeps beyond the source: the box as the person drew it (the source's
        bbox is the tight box of the words it held, the kind of box teaching a layout matches)."""
        if self.drawn is None:
            return None
        return "box drawn on page {}: {}".format(self.page, ", ".join(f"{v:.1f}" for v in self.drawn))

    def as_dict(self) -> dict:
        return {"field": self.field, "text": self.text, "page": self.page, "bbox": self.bbox, "cell": self.cell,
                "record": self.record, "where": self.where, "note": self.note}


@dataclass
class Outcome:
    ok: bool
    message: str
    detail: DocumentDetail | None = None
    conflict: bool = False
    left: list[dict] = field(default_factory=list)  # edits not saved (kept in the form)
    extra: Any = None


def refused(session: Session) -> str | None:
    """Why this person may not correct (None when they may): shown beside the disabled controls."""
    if session.can(CORRECT):
        return None
    return (f"You are signed in as {session.user} ({session.role}): viewing only. Correcting documents needs "
            "the staff role or above.")


def _require(services: Services, session: Session, sha256: str) -> None:
    if not session.can(CORRECT):
        services.store.log(session.user, "ui.refused", "document", sha256, after={"action": CORRECT,
                                                                                 "role": session.role})
        session.require(CORRECT)


def checks_message(services: Services, session: Session) -> str:
    """Run the checks again and say how many findings changed."""
    try:
        run = services.stage("knowledge").run_check(services.workspace, services.store, actor=session.user)
    except StageMissing as exc:
        return f"Checks not run: {exc}"
    s = run.sync
    changed = s.new + s.resolved + s.reopened
    return (f"Checks re-ran: {changed} finding{'s' * (changed != 1)} changed ({s.new} new, {s.resolved} resolved"
            f"{f', {s.reopened} reopened' if s.reopened else ''}); {len(run.findings)} open in all.")


def _conflict(exc: Exception) -> str:
    return f"Not saved: {exc}. What you entered is still in the form."


def save(services: Services, session: Session, sha256: str, revision: int, kind: str | None,
         edits: list[dict]) -> Outcome:
    """Store each edit as a correction (a clicked word or cell keeps where it stands); a document with no
    record yet gets a blank record of `kind` first. Edits that are refused stay in the form with the reason."""
    _require(services, session, sha256)
    if not edits:
        return Outcome(False, "Nothing to save: pick a field, then click its value on the page, click a cell, "
                              "or type it.")
    started = None
    try:
        detail = services.document_detail(sha256)
        if not detail.records:
            if not kind:
                return Outcome(False, "Say what kind this document is first (Kind, above).", left=edits)
            detail = services.start_record(sha256, kind, session.user, session.role, revision)
            started = detail.document.revision
    except ConflictError as exc:
        return Outcome(False, _conflict(exc), conflict=True, left=edits)
    by_id = {r.id: r for r in detail.records}
    rev = revision if started is None else started  # the first write carries the revision the person saw
    saved, left, reasons = 0, [], []
    for i, e in enumerate(edits):
        record = by_id.get(e.get("record") or "", detail.records[0])
        value = services.read_field_value(sha256, record.kind.value, e["field"], e["text"])
        source = SourceRef(document_sha256=sha256, filename=detail.document.filename, page=e.get("page"),
                           bbox=tuple(e["bbox"]) if e.get("bbox") else None, cell=e.get("cell"),
                           span=e["text"][:500], extraction_method="manual")
        try:
            detail = services.correct(sha256, record.id, e["field"], e["text"] if value is None else value,
                                      session.user, session.role, rev, source=source, note=e.get("note"))
            rev = detail.document.revision
            saved += 1
        except ConflictError as exc:
            return Outcome(False, _conflict(exc), detail, conflict=True, left=left + edits[i:])
        except AuditPackError as exc:
            left.append(e)
            reasons.append(str(exc))
    msg = f"Saved {saved} of {len(edits)} value{'s' * (len(edits) != 1)}."
    if reasons:
        msg += " Refused: " + "; ".join(reasons) + "."
    if saved:
        msg += " " + checks_message(services, session)
    return Outcome(saved > 0 and not reasons, msg, detail, left=left)


def set_kind(services: Services, session: Session, sha256: str, revision: int, kind: str) -> Outcome:
    """The person says what kind the document is; ingest reads it again as that kind (old records kept)."""
    _require(services, session, sha256)
    try:
        detail = services.set_kind(sha256, kind, session.user, session.role, revision)
    except ConflictError as exc:
        return Outcome(False, _conflict(exc), conflict=True)
    except AuditPackError as exc:
        return Outcome(False, f"Not changed: {exc}")
    n = len(detail.records)
    msg = (f"Read again as {kind.replace('_', ' ')}: {n} record{'s' * (n != 1)}." if n else
           f"Read again as {kind.replace('_', ' ')}, but no values were found: assign them on the page, then Save "
           "(a blank record is started).")
    return Outcome(True, msg + " " + checks_message(services, session), detail)


def add_line(services: Services, session: Session, sha256: str, revision: int, list_field: str,
             row: dict) -> Outcome:
    _require(services, session, sha256)
    started = None
    try:
        detail = services.document_detail(sha256)
        if not detail.records:
            return Outcome(False, "This document has no record yet: save a value first.")
        detail = services.add_line(sha256, detail.records[0].id, list_field, row, session.user, session.role,
                                   revision)
    except ConflictError as exc:
        return Outcome(False, _conflict(exc), conflict=True)
    except AuditPackError as exc:
        return Outcome(False, f"Not added: {exc}")
    return Outcome(True, f"Added a row to {list_field}. " + checks_message(services, session), detail)


def remove_line(services: Services, session: Session, sha256: str, revision: int, row_path: str) -> Outcome:
    _require(services, session, sha256)
    started = None
    try:
        detail = services.document_detail(sha256)
        if not detail.records:
            return Outcome(False, "This document has no record.")
        detail = services.remove_line(sha256, detail.records[0].id, row_path, session.user, session.role, revision)
    except ConflictError as exc:
        return Outcome(False, _conflict(exc), conflict=True)
    except AuditPackError as exc:
        return Outcome(False, f"Not removed: {exc}")
    return Outcome(True, f"Removed {row_path} from the current view (the extracted row is kept). "
                   + checks_message(services, session), detail)


def remember_layout(services: Services, session: Session, sha256: str) -> Outcome:
    """Teach once: save a layout profile from this document's corrections; `extra` is what was taught."""
    _require(services, session, sha256)
    try:
        taught = services.teach_layout(sha256, session.user, session.role)
    except AuditPackError as exc:
        return Outcome(False, f"Not remembered: {exc}")
    return Outcome(True, f"Remembered this layout as {taught.name}.", extra=taught)


def apply_layout(services: Services, session: Session, name: str, sha256s: list[str]) -> Outcome:
    """Re-read the other documents of a taught layout with its profile (new record versions, old kept)."""
    _require(services, session, ",".join(s[:12] for s in sha256s))
    try:
        done = services.apply_layout(name, sha256s, session.user, session.role)
    except ConflictError as exc:
        return Outcome(False, _conflict(exc), conflict=True)
    except AuditPackError as exc:
        return Outcome(False, f"Not applied: {exc}")
    n = len(done)
    return Outcome(True, f"Read {n} document{'s' * (n != 1)} again with {name} (earlier readings kept). "
                   + checks_message(services, session), extra=done)
