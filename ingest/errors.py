"""Bad documents, as opposed to bugs.

A `DocumentError` is something about the *file* the user can act on (ask for
the password, re-export the spreadsheet...). The pipeline turns it into the
file's rejection reason; any other exception is a bug in AuditPack and is
reported as ``internal error: ...`` (with a traceback under ``--verbose``).
"""
from __future__ import annotations


class DocumentError(Exception):
    """A file that cannot be read as a document; the message is the user's reason."""

    reason = "unreadable document"

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail or self.reason)
        self.detail = detail or self.reason


class CorruptFile(DocumentError):
    reason = "corrupt or truncated file"


class EncryptedFile(DocumentError):
    reason = "encrypted: needs a password (save an unprotected copy and ingest that)"


class EmptyFile(DocumentError):
    reason = "empty file (0 bytes)"


class ZeroPages(DocumentError):
    reason = "the document has no pages"


class TooLarge(DocumentError):
    reason = "file too large"


class WrongExtension(DocumentError):
    reason = "the file extension does not match its content"


class UnsupportedType(DocumentError):
    reason = "unsupported file type"
