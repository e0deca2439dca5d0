"""Bad documents, as opposed to bugs.

A `DocumentError` is something about the *file* the user can act on (ask for
the password, re-export the spreadsheet...). The pipeline turns it into the
file's rejection reason; any other exception is a bug in AuditPack and is
reported as ``internal error: ...`` (with a traceback under ``--verbose``).

Every reason starts with its class's words ("corrupt file: ...", "too large /
too complex: ..."), so a batch's reasons can be counted by class.
"""
from __future__ import annotations

import re


class DocumentError(Exception):
    """A file that cannot be read as a document; the message is the user's reason."""

    reason = "unreadable document"

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail or self.reason)
        self.detail = detail or self.reason


class CorruptFile(DocumentError):
    """A reader library refused the bytes; the detail keeps the library's own words."""

    reason = "corrupt or truncated file"

    def __init__(self, detail: str | None = None) -> None:
        words = re.sub(r"<_io\.\w+ object at 0x[0-9a-f]+>", "the file", " ".join((detail or "").split()))
        words = "".join(ch if ch.isprintable() else "\ufffd" for ch in words)  # one printable line
        super().__init__(f"corrupt file: {words[:300]}" if words else self.reason)


class EncryptedFile(DocumentError):
    reason = "encrypted: needs a password (save an unprotected copy and ingest that)"


class EmptyFile(DocumentError):
    reason = "empty file (0 bytes)"


class ZeroPages(DocumentError):
    reason = "the document has no pages"


class TooLarge(DocumentError):
    reason = "file too large"


class OverBudget(TooLarge):
    """A document over one of the per-document budgets (settings `ingest.limits`): what was measured,
    how much, and the limit, so the user knows which setting to raise if the document is genuine."""

    reason = "too large / too complex"

    def __init__(self, what: str, measured: float | int | str | None, limit: float | int | str,
                 setting: str = "") -> None:
        where = f", setting ingest.{setting}" if setting else ""
        amount = f"over the {_n(limit)} limit" if measured is None else f"{_n(measured)} > {_n(limit)}"
        super().__init__(f"too large / too complex: {what} ({amount}{where}); the original is kept")
        self.what, self.measured, self.limit = what, measured, limit


def _n(x: float | int | str) -> str:
    if isinstance(x, float) and not x.is_integer():
        return f"{x:,.1f}"
    return f"{int(x):,}" if isinstance(x, (int, float)) else str(x)


class WrongExtension(DocumentError):
    reason = "the file extension does not match its content"


class UnsupportedType(DocumentError):
    reason = "unsupported file type"
