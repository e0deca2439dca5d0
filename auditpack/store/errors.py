"""Errors of corrections: a refused value and a stale revision, each with what the person needs to act."""
from __future__ import annotations

from datetime import datetime

from auditpack.errors import ConflictError, StoreError


class CorrectionError(StoreError):
    """A correction that cannot be applied: a value of the wrong type, a path the record does not have."""


class DocumentConflictError(ConflictError):
    """Someone changed the document since the person loaded it: never a silent overwrite."""

    def __init__(self, sha256: str, expected: int, actual: int, actor: str | None, at: datetime | None) -> None:
        who = f" by {actor} at {at:%Y-%m-%d %H:%M}" if actor and at else ""
        StoreError.__init__(
            self, f"document {sha256[:12]} was changed{who} (revision {actual}, you had {expected}); "
                  "reload it to see their change, then correct again")
        self.sha256, self.expected, self.actual, self.actor, self.at = sha256, expected, actual, actor, at
        self.finding_id = sha256
