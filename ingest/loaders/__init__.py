"""Loaders: one module per input format, registered by detected content type.

Each loader turns raw bytes into `Page`s (text, lines with word boxes, tables)
so nothing downstream depends on the format. A new format is a new module
that calls `register`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ingest.errors import UnsupportedType
from ingest.models import Page


@dataclass(frozen=True)
class LoadOptions:
    ocr_dpi: int = 200
    ocr: bool = True
    max_pages: int = 2000
    llm: object | None = None  # settings.llm when kind == "langchain": parsers may ask it for missing fields


Loader = Callable[[bytes, LoadOptions], tuple[list[Page], list[str]]]
_LOADERS: dict[str, Loader] = {}


def register(*kinds: str) -> Callable[[Loader], Loader]:
    def deco(fn: Loader) -> Loader:
        for k in kinds:
            _LOADERS[k] = fn
        return fn

    return deco


def loader_for(kind: str) -> Loader:
    _import_builtin()
    try:
        return _LOADERS[kind]
    except KeyError:
        raise UnsupportedType(f"no loader for {kind}") from None


def _import_builtin() -> None:
    # imported lazily: each pulls a heavy library (pdfplumber, openpyxl, Pillow...)
    from ingest.loaders import docx, image, pdf, sheets, text  # noqa: F401
