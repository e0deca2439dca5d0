"""Errors of the generators stage: things the user (or a profile author) can fix."""
from __future__ import annotations

from pathlib import Path

from auditpack.errors import AuditPackError


class ProfileError(AuditPackError):
    """A certifier profile that is unknown or does not validate."""


class UnknownCertifierError(ProfileError):
    def __init__(self, certifier_id: str, known: list[str]) -> None:
        super().__init__(f"unknown certifier {certifier_id!r}; known: {', '.join(known) or '(none)'}")
        self.certifier_id, self.known = certifier_id, known


class TemplateError(AuditPackError):
    """A .docx template that does not parse or names a field that does not exist."""

    def __init__(self, path: Path, line: int | None, message: str, text: str | None = None) -> None:
        where = f"{path}, line {line}" if line else str(path)
        near = f" (near: {text.strip()[:80]!r})" if text else ""
        super().__init__(f"template {where}: {message}{near}")
        self.path, self.line, self.detail = path, line, message


class ConversionError(AuditPackError):
    """LibreOffice is missing or could not convert a file."""
