"""Plain text files (e.g. text already extracted from an invoice)."""
from __future__ import annotations

from auditpack.cells import decode_text
from ingest.detect import TEXT
from ingest.loaders import LoadOptions
from ingest.models import Line, Page


def load_text(data: bytes, opts: LoadOptions) -> tuple[list[Page], list[str]]:
    text = decode_text(data)
    chunks = text.split("\f") if "\f" in text else [text]
    pages = [Page(number=i, text=t, lines=[Line(text=ln) for ln in t.splitlines()]) for i, t in enumerate(chunks, 1)]
    return pages, []
