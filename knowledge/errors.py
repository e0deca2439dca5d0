"""Errors of the knowledge stage the user can act on (each names what to fix).

One module, so callers (the CLI, the UI) catch them without reaching into
the stage's internals, and none is a bare ValueError that would read as a bug.
"""
from __future__ import annotations

from auditpack.errors import AuditPackError


class CorpusError(AuditPackError):
    """A regulation file that cannot be read (names the file and the reason)."""


class NotLoadedError(AuditPackError):
    """A command that needs the regulation text ran before `auditpack corpus update`."""


class CatalogError(AuditPackError):
    """A YAML file in the requirement catalog or the National List is malformed (names the file and entry)."""


class RuleRegistrationError(AuditPackError):
    """A rule plugin registered a rule id twice, or one the catalog does not define."""

    def __init__(self, rule_id: str, problem: str) -> None:
        super().__init__(f"rule {rule_id}: {problem}")
        self.rule_id = rule_id


class OidImportError(AuditPackError):
    """An Organic Integrity Database export that cannot be read as one."""
