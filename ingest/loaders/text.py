"""Plain text files (e.g. text already extracted from an invoice)."""
from __future__ import annotations

from ingest.detect import TEXT
from ingest.loaders import LoadOptions, register
from ingest.models import Line, Page


def decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


@register(TEXT)
def load_text(data: bytes, opts: LoadOptions) -> tuple[list[Page], list[str]]:
    text = decode(data)
    chunks = text.split("\f") if "\f" in text else [text]
    pages = [Page(number=i, text=t, lines=[Line(text=ln) for ln in t.splitlines()]) for i, t in enumerate(chunks, 1)]
    return pages, []
