"""Errors the user can act on, kept apart from bugs.

The CLI prints an `AuditPackError` as one line and exits non-zero; anything
else is a bug and shows its traceback under ``--verbose``.
"""
from __future__ import annotations


class AuditPackError(Exception):
    """Something the user can fix: a missing workspace, a bad argument..."""

    exit_code = 1


class WorkspaceError(AuditPackError):
    pass


class ConfigError(AuditPackError):
    pass


class StoreError(AuditPackError):
    pass


class ConflictError(StoreError):
    """Someone else changed the finding since you loaded it."""

    def __init__(self, finding_id: str, expected: int, actual: int) -> None:
        super().__init__(
            f"finding {finding_id} was changed by someone else (version {actual}, you had {expected}); "
            "reload it to see their decision"
        )
        self.finding_id = finding_id
        self.expected = expected
        self.actual = actual


class DecisionError(StoreError):
    """A decision is missing what it needs (a reason, a corrective action...)."""



class StageMissing(AuditPackError):
    """A pipeline stage a caller needs is not installed or not usable; the message says what is disabled."""
